/** Small factories for integration tests: unique emails and IPs, ready-made accounts. */
import { randomUUID } from "node:crypto";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { generateSecureRandomString } from "~/auth/session";
import { CODE_OF_CONDUCT_VERSION } from "~/domain/moderation/code-of-conduct";
import type { Role } from "~/domain/accounts/roles";

let counter = 0;
const run = randomUUID().slice(0, 8);

/** A lower-cased email address no other test uses (sign-up lower-cases too). */
export function uniqueEmail(label = "user"): string {
  counter += 1;
  return `${label}-${run}-${process.pid}-${counter}@example.test`.toLowerCase();
}

/** An IP address no other test in this worker uses. */
export function uniqueIp(): string {
  counter += 1;
  return `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
}

/** A password that passes the policy and differs per call. */
export function strongPassword(label = "pw"): string {
  counter += 1;
  return `paardenbloem-${label}-${counter}-regenboog`;
}

// argon2 is slow on purpose; hash each distinct password only once per worker.
const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export const DEFAULT_PASSWORD = "lange-wandeling-langs-de-dijk";

export type TestUser = { id: string; email: string; password: string; role: Role; displayName: string };

/** Inserts an account straight into the database (verified unless asked otherwise). */
export async function createUser(
  options: { role?: Role; password?: string; email?: string; verified?: boolean; displayName?: string; organisation?: string | null } = {},
): Promise<TestUser> {
  const now = new Date();
  const user: TestUser = {
    id: generateSecureRandomString(),
    email: options.email ?? uniqueEmail(options.role ?? "bewoner"),
    password: options.password ?? DEFAULT_PASSWORD,
    role: options.role ?? "bewoner",
    displayName: options.displayName ?? "Test Persoon",
  };
  getDb()
    .insert(users)
    .values({
      id: user.id,
      email: user.email,
      emailVerifiedAt: options.verified === false ? null : now,
      passwordHash: await cachedHash(user.password),
      displayName: user.displayName,
      role: user.role,
      organisation: options.organisation ?? null,
      codeOfConductVersion: CODE_OF_CONDUCT_VERSION,
      codeOfConductAcceptedAt: now,
      createdAt: now,
    })
    .run();
  return user;
}

/** Empties the rate-limit counters, so one test's hits do not limit the next. */
export function clearRateLimits() {
  getDb().$client.exec("DELETE FROM rate_limits");
}
