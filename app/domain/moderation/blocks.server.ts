/**
 * Blocking and unblocking accounts (issue 6, "Trust and safety").
 *
 * A blocked person cannot sign in (accounts.server.ts logIn) and every
 * session of theirs ends: the block deletes them, and validateSessionToken
 * refuses any session of a blocked account anyway.
 *
 * Who may block (and unblock) whom:
 * - nobody blocks or unblocks themselves;
 * - a project leader: residents (bewoners) only;
 * - an administrator: anyone who is not an administrator;
 * - a deleted account cannot be blocked or unblocked (it is gone).
 * Always with a reason (3–500 characters), which the person reads in a mail
 * that also says how to object. Every block and unblock is audited.
 */
import { eq, inArray, isNotNull, and } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { sessions, users } from "#db/schema";
import type { Actor } from "~/domain/accounts/policy";
import type { Role } from "~/domain/accounts/roles";
import { appendAudit } from "~/domain/audit/audit.server";
import { WRITE } from "~/domain/knelpunten/status.server";
import { translate, type MessageKey } from "~/i18n";
import { config } from "~/lib/config.server";
import { queueMail } from "~/lib/mail.server";

export const BLOCK_REASON_MIN = 3;
export const BLOCK_REASON_MAX = 500;

/** Why an actor may not block (or unblock) this person. */
export type BlockPermissionRefusal = "forbidden" | "self" | "staff";

/**
 * Pure rule: may `actor` block or unblock `target`? Null when allowed.
 * (Deleted accounts are refused by the commands as not found.)
 */
export function blockPermissionRefusal(actor: Actor, target: { id: string; role: Role }): BlockPermissionRefusal | null {
  if (!actor || (actor.role !== "projectleider" && actor.role !== "beheerder")) return "forbidden";
  if (actor.id === target.id) return "self";
  if (actor.role === "projectleider" && target.role !== "bewoner") return "staff";
  if (actor.role === "beheerder" && target.role === "beheerder") return "staff";
  return null;
}

/** The message that explains a permission refusal, for the viewer's role. */
export function blockPermissionMessage(actor: Actor, refusal: BlockPermissionRefusal): MessageKey {
  if (refusal === "self") return "audit.block.notAllowed.self";
  if (refusal === "staff") return actor?.role === "beheerder" ? "audit.block.notAllowed.admin" : "audit.block.notAllowed.staff";
  return "audit.block.notAllowed.forbidden";
}

/** The reason, trimmed, or the message for the field when it is too short or too long. */
export function checkBlockReason(reason: string): { ok: true; reason: string } | { ok: false; message: MessageKey } {
  const trimmed = reason.trim();
  const length = [...trimmed].length;
  if (length < BLOCK_REASON_MIN) return { ok: false, message: "audit.block.error.reasonRequired" };
  if (length > BLOCK_REASON_MAX) return { ok: false, message: "audit.block.error.reasonTooLong" };
  return { ok: true, reason: trimmed };
}

export type BlockRefusal =
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: BlockPermissionRefusal; message: MessageKey }
  | { ok: false; reason: "reason"; field: "reason"; message: MessageKey }
  | { ok: false; reason: "already_blocked" | "not_blocked"; message: MessageKey };

export type BlockResult = { ok: true; displayName: string } | BlockRefusal;

type Change = "block" | "unblock";

function change(kind: Change, actor: Actor, userId: string, reasonText: string, now: Date): BlockResult {
  const checked = checkBlockReason(reasonText);
  const db = getDb();
  const result = db.transaction((tx) => {
    const target = tx
      .select({
        id: users.id,
        role: users.role,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        blockedAt: users.blockedAt,
        deletedAt: users.deletedAt,
      })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!target || target.deletedAt) return { ok: false as const, reason: "not_found" as const };
    const refusal = blockPermissionRefusal(actor, target);
    if (refusal) return { ok: false as const, reason: refusal, message: blockPermissionMessage(actor, refusal) };
    if (!checked.ok) return { ok: false as const, reason: "reason" as const, field: "reason" as const, message: checked.message };
    if (kind === "block" && target.blockedAt) {
      return { ok: false as const, reason: "already_blocked" as const, message: "audit.block.error.alreadyBlocked" as const };
    }
    if (kind === "unblock" && !target.blockedAt) {
      return { ok: false as const, reason: "not_blocked" as const, message: "audit.block.error.notBlocked" as const };
    }
    tx.update(users)
      .set(kind === "block" ? { blockedAt: now, blockedReason: checked.reason } : { blockedAt: null, blockedReason: null })
      .where(eq(users.id, target.id))
      .run();
    // A block ends every session at once; after an unblock there are none to end.
    if (kind === "block") tx.delete(sessions).where(eq(sessions.userId, target.id)).run();
    appendAudit(tx, {
      actorId: actor!.id,
      action: kind === "block" ? "account.blocked" : "account.unblocked",
      targetType: "user",
      targetId: target.id,
      reason: checked.reason,
      details: { role: target.role, actorRole: actor!.role },
      createdAt: now,
    });
    return { ok: true as const, target };
  }, WRITE);
  if (!result.ok) return result;
  const { target } = result;
  if (target.email) {
    const vars = {
      name: target.displayName,
      by: translate(target.locale, `role.${actor!.role}`).toLowerCase(),
      reason: checked.ok ? checked.reason : "",
      url: config().publicUrl,
    };
    queueMail(
      {
        to: target.email,
        subject: translate(target.locale, kind === "block" ? "audit.block.mail.blockedSubject" : "audit.block.mail.unblockedSubject"),
        text: translate(target.locale, kind === "block" ? "audit.block.mail.blockedBody" : "audit.block.mail.unblockedBody", vars),
      },
      now,
    );
  }
  return { ok: true, displayName: target.displayName };
}

/** A project leader or administrator blocks an account: no sign-in, all sessions end. Audited; the person gets a mail. */
export function blockAccount(actor: Actor, userId: string, reason: string, now = new Date()): BlockResult {
  return change("block", actor, userId, reason, now);
}

/** Lifts a block: the person can sign in again. Audited; the person gets a mail. */
export function unblockAccount(actor: Actor, userId: string, reason: string, now = new Date()): BlockResult {
  return change("unblock", actor, userId, reason, now);
}

/** Of these account ids, the ones that are blocked now (for lists; by primary key). */
export function blockedAmong(userIds: string[]): Set<string> {
  if (userIds.length === 0) return new Set();
  const rows = getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, userIds), isNotNull(users.blockedAt)))
    .all();
  return new Set(rows.map((r) => r.id));
}

export type ParticipantOverview = {
  id: string;
  displayName: string;
  role: Role;
  email: string | null;
  createdAt: Date;
  blockedAt: Date | null;
  blockedReason: string | null;
  counts: Record<"knelpunten" | "measures" | "reactions" | "answers", { total: number; notVisible: number }>;
};

/**
 * What a project leader or administrator sees about one participant: null for
 * an unknown or deleted account. Counts read each table on its author index.
 */
export function getParticipantOverview(userId: string): ParticipantOverview | null {
  const db = getDb();
  const user = db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      email: users.email,
      createdAt: users.createdAt,
      blockedAt: users.blockedAt,
      blockedReason: users.blockedReason,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user || user.deletedAt) return null;
  const client = db.$client;
  const count = (query: string) => {
    const row = client.prepare(query).get(user.id) as { total: number; notVisible: number | null };
    return { total: row.total, notVisible: row.notVisible ?? 0 };
  };
  const { deletedAt: _deleted, ...rest } = user;
  return {
    ...rest,
    counts: {
      knelpunten: count(`SELECT count(*) AS total, sum(moderation <> 'visible') AS notVisible FROM knelpunten WHERE reporter_id = ?`),
      measures: count(`SELECT count(*) AS total, sum(moderation <> 'visible') AS notVisible FROM measures WHERE author_id = ?`),
      reactions: count(`SELECT count(*) AS total, sum(moderation <> 'visible') AS notVisible FROM reactions WHERE author_id = ?`),
      answers: count(`SELECT count(*) AS total, sum(moderation <> 'visible') AS notVisible FROM answers WHERE user_id = ? AND text IS NOT NULL`),
    },
  };
}
