/**
 * How long data that is not anyone's contribution is kept (the privacy page
 * says the same; docs/decisions/012-moderation-and-retention.md):
 * - mail in the outbox: 90 days after it was queued;
 * - the audit log: 5 years (a trigger refuses to delete younger rows).
 * - one-time codes: a day after they expired;
 * - accounts never confirmed with their code: 30 days.
 * Sessions and rate-limit counters are pruned by their own modules.
 */
import { and, isNull, lt } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditLog, oneTimeCodes, outbox, users } from "#db/schema";

const DAY = 86_400_000;
export const OUTBOX_RETENTION_DAYS = 90;
export const AUDIT_RETENTION_YEARS = 5;

/** Deletes mail older than the retention period (sent or not: after 90 days it will not be sent any more). */
export function pruneOldMail(now = Date.now()): number {
  return getDb().delete(outbox).where(lt(outbox.createdAt, new Date(now - OUTBOX_RETENTION_DAYS * DAY))).run().changes;
}

/** Deletes audit rows older than 5 years (365-day years, as the trigger counts). */
export function pruneAuditLog(now = Date.now()): number {
  return getDb()
    .delete(auditLog)
    .where(lt(auditLog.createdAt, new Date(now - AUDIT_RETENTION_YEARS * 365 * DAY - DAY)))
    .run().changes;
}

/** Deletes one-time codes (only hashes) a day after they expired. */
export function pruneOldCodes(now = Date.now()): number {
  return getDb().delete(oneTimeCodes).where(lt(oneTimeCodes.expiresAt, new Date(now - DAY))).run().changes;
}

/**
 * Deletes accounts nobody confirmed within 30 days. They never had a session,
 * so nothing refers to them but their codes (deleted with them).
 */
export function pruneUnconfirmedAccounts(now = Date.now()): number {
  return getDb()
    .delete(users)
    .where(and(isNull(users.emailVerifiedAt), isNull(users.deletedAt), lt(users.createdAt, new Date(now - 30 * DAY))))
    .run().changes;
}
