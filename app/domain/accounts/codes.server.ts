import { randomInt } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { oneTimeCodes, type CodePurpose } from "#db/schema";
import { hashSecret, secretMatches } from "~/auth/session";

export const CODE_LIFETIME_MS = 15 * 60_000;
/** Wrong tries before a code stops working. */
export const CODE_MAX_ATTEMPTS = 5;

/** Makes a new 8-digit code; earlier unused codes for the same purpose stop working. */
export function issueCode(userId: string, purpose: CodePurpose, now = new Date()): string {
  const code = String(randomInt(0, 100_000_000)).padStart(8, "0");
  const db = getDb();
  db.transaction((tx) => {
    tx.update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)))
      .run();
    tx.insert(oneTimeCodes)
      .values({
        userId,
        purpose,
        codeHash: Buffer.from(hashSecret(code)),
        expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
        createdAt: now,
      })
      .run();
  });
  return code;
}

/**
 * Checks a code and uses it up when right. A wrong code counts as an attempt;
 * after CODE_MAX_ATTEMPTS the code is dead.
 */
export function consumeCode(userId: string, purpose: CodePurpose, code: string, now = new Date()): boolean {
  const db = getDb();
  return db.transaction((tx) => {
    const row = tx
      .select()
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)))
      .orderBy(desc(oneTimeCodes.id))
      .limit(1)
      .get();
    if (!row || row.expiresAt.getTime() <= now.getTime() || row.attempts >= CODE_MAX_ATTEMPTS) return false;
    if (!secretMatches(code, row.codeHash)) {
      tx.update(oneTimeCodes).set({ attempts: row.attempts + 1 }).where(eq(oneTimeCodes.id, row.id)).run();
      return false;
    }
    tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, row.id)).run();
    return true;
  });
}
