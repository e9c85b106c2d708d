import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_LIFETIME_MS,
  ACTIVITY_WRITE_INTERVAL_MS,
  INACTIVITY_TIMEOUT_MS,
  generateSecureRandomString,
  hashSecret,
  parseToken,
  secretMatches,
  sessionState,
} from "~/auth/session";

const ALPHABET = /^[abcdefghijkmnpqrstuvwxyz23456789]{24}$/;

describe("generateSecureRandomString", () => {
  it("makes 24 characters from the 32-letter alphabet without look-alikes", () => {
    for (let i = 0; i < 200; i++) {
      const s = generateSecureRandomString();
      expect(s).toHaveLength(24);
      expect(s).toMatch(ALPHABET);
      expect(s).not.toMatch(/[lo01]/);
    }
  });

  it("does not repeat itself", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateSecureRandomString()));
    expect(seen.size).toBe(1000);
  });

  it("uses the whole alphabet", () => {
    const chars = new Set(Array.from({ length: 200 }, () => generateSecureRandomString()).join(""));
    expect(chars.size).toBe(32);
  });
});

describe("parseToken", () => {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();

  it("splits a valid token into id and secret", () => {
    expect(parseToken(`${id}.${secret}`)).toEqual({ id, secret });
  });

  it.each([
    ["empty", ""],
    ["null", null],
    ["undefined", undefined],
    ["no dot", `${id}${secret}`],
    ["extra dot", `${id}.${secret}.`],
    ["three parts", `${id}.${secret}.${id}`],
    ["short id", `${id.slice(1)}.${secret}`],
    ["long id", `${id}a.${secret}`],
    ["short secret", `${id}.${secret.slice(1)}`],
    ["long secret", `${id}.${secret}a`],
    ["uppercase", `${id.toUpperCase()}.${secret}`],
    ["uppercase secret", `${id}.${secret.toUpperCase()}`],
    ["character outside the alphabet", `${id.slice(0, 23)}0.${secret}`],
    ["surrounding space", ` ${id}.${secret}`],
  ])("refuses a token that is %s", (_label, token) => {
    expect(parseToken(token)).toBeNull();
  });
});

describe("secretMatches", () => {
  const secret = generateSecureRandomString();
  const stored = hashSecret(secret);

  it("accepts the right secret", () => {
    expect(secretMatches(secret, stored)).toBe(true);
  });

  it("refuses a tampered secret", () => {
    const last = secret.at(-1) === "a" ? "b" : "a";
    expect(secretMatches(secret.slice(0, -1) + last, stored)).toBe(false);
    expect(secretMatches(generateSecureRandomString(), stored)).toBe(false);
  });

  it("refuses when the stored hash has another length", () => {
    expect(secretMatches(secret, stored.slice(0, 31))).toBe(false);
    expect(secretMatches(secret, new Uint8Array([...stored, 0]))).toBe(false);
    expect(secretMatches(secret, new Uint8Array(0))).toBe(false);
  });

  it("hashes with SHA-256 (32 bytes), never storing the secret itself", () => {
    expect(stored.byteLength).toBe(32);
    expect(Buffer.from(stored).toString("utf8")).not.toContain(secret);
  });
});

describe("sessionState", () => {
  const created = new Date("2026-03-01T12:00:00Z");
  const at = (ms: number) => new Date(created.getTime() + ms);

  it("is valid just after creation", () => {
    expect(sessionState({ createdAt: created, lastActiveAt: created }, created)).toBe("valid");
    expect(sessionState({ createdAt: created, lastActiveAt: created }, at(1000))).toBe("valid");
    expect(sessionState({ createdAt: created, lastActiveAt: created }, at(ACTIVITY_WRITE_INTERVAL_MS - 1))).toBe("valid");
  });

  it("asks for a refresh once the activity write interval has passed", () => {
    expect(sessionState({ createdAt: created, lastActiveAt: created }, at(ACTIVITY_WRITE_INTERVAL_MS))).toBe("refresh");
    expect(sessionState({ createdAt: created, lastActiveAt: created }, at(INACTIVITY_TIMEOUT_MS - 1))).toBe("refresh");
  });

  it("is inactive at exactly the inactivity timeout since the last activity", () => {
    const lastActiveAt = at(3 * 24 * 60 * 60 * 1000);
    const session = { createdAt: created, lastActiveAt };
    expect(sessionState(session, new Date(lastActiveAt.getTime() + INACTIVITY_TIMEOUT_MS - 1))).toBe("refresh");
    expect(sessionState(session, new Date(lastActiveAt.getTime() + INACTIVITY_TIMEOUT_MS))).toBe("inactive");
  });

  it("is expired at the absolute lifetime, even when just active", () => {
    const session = { createdAt: created, lastActiveAt: at(ABSOLUTE_LIFETIME_MS - 60_000) };
    expect(sessionState(session, at(ABSOLUTE_LIFETIME_MS - 1))).toBe("valid");
    expect(sessionState(session, at(ABSOLUTE_LIFETIME_MS))).toBe("expired");
  });

  it("keeps the documented lifetimes in the right order", () => {
    expect(ACTIVITY_WRITE_INTERVAL_MS).toBeLessThan(INACTIVITY_TIMEOUT_MS);
    expect(INACTIVITY_TIMEOUT_MS).toBeLessThan(ABSOLUTE_LIFETIME_MS);
  });
});
