/**
 * Pure session rules (no database): token format, hashing, lifetimes.
 * The pattern is the one lucia-auth.com teaches: a token `id.secret`, of
 * which only a SHA-256 hash of the secret is stored and compared in
 * constant time.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";

/** A session ends after this long without any request. */
export const INACTIVITY_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000; // 7 days
/** A session ends this long after sign-in, however active. */
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000; // 30 days
/** How often `last_active_at` is written, to spare the database a write per request. */
export const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000; // 1 hour

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 characters, no look-alikes

/** 24 random characters from a 32-letter alphabet: 120 bits of entropy. */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashSecret(secret);
  return hash.byteLength === storedHash.byteLength && constantTimeEqual(hash, storedHash);
}

export type ParsedToken = { id: string; secret: string };

export function parseToken(token: string | undefined | null): ParsedToken | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z2-9]{24}$/.test(id) || !/^[a-z2-9]{24}$/.test(secret)) return null;
  return { id, secret };
}

export type SessionTimes = { createdAt: Date; lastActiveAt: Date };
export type SessionState = "valid" | "refresh" | "inactive" | "expired";

/**
 * What a stored session is worth at `now`:
 * - `expired`: past the absolute lifetime;
 * - `inactive`: unused for longer than the inactivity timeout;
 * - `refresh`: valid, and `last_active_at` should be written again;
 * - `valid`: valid, nothing to write.
 */
export function sessionState(session: SessionTimes, now: Date): SessionState {
  const t = now.getTime();
  if (t - session.createdAt.getTime() >= ABSOLUTE_LIFETIME_MS) return "expired";
  if (t - session.lastActiveAt.getTime() >= INACTIVITY_TIMEOUT_MS) return "inactive";
  if (t - session.lastActiveAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) return "refresh";
  return "valid";
}
