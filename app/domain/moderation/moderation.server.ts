/**
 * Flags and project leaders' decisions on texts participants wrote. Every
 * decision changes the text's `moderation` column and its case in one
 * immediate transaction, appends an audit row, and mails the author what
 * happened, why, and how to object.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditLog, flags, moderationCases, participantApprovals, users } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import { WRITE, type Tx } from "~/domain/knelpunten/status.server";
import { translate, type MessageKey } from "~/i18n";
import { config } from "~/lib/config.server";
import { queueMail } from "~/lib/mail.server";
import { canModerate } from "./policy";
import { MODERATION_KIND_KEYS, type FlagReason, type ModerationState, type ModerationTarget } from "./states";
import { loadModerationTarget, setModeration, type ModerationTargetInfo } from "./targets.server";

export type Target = { type: ModerationTarget; id: number };
type Refused<R extends string> = { ok: false; reason: R; message?: MessageKey };

// ---------------------------------------------------------------------------
// Flagging
// ---------------------------------------------------------------------------

export type FlagRefusal = "not_found" | "own" | "already" | "not_flaggable";

/** What the flag page needs: the text (or null when the actor may not flag it) and whether they already did. */
export function getFlaggable(actor: Actor, target: Target): { info: ModerationTargetInfo; alreadyFlagged: boolean } | null {
  const info = loadModerationTarget(target.type, target.id);
  if (!info || !actor || !info.visibleTo(actor) || info.moderation === "held") return null;
  const existing = getDb()
    .select({ id: flags.id })
    .from(flags)
    .where(and(eq(flags.targetType, target.type), eq(flags.targetId, target.id), eq(flags.userId, actor.id)))
    .get();
  return { info, alreadyFlagged: !!existing };
}

/**
 * Someone signed in flags a text they can see with a reason: one flag per
 * person per text. When the open flags reach the threshold (FLAG_THRESHOLD,
 * 3 by default) the text is hidden until a project leader decides.
 */
export function flagText(
  actor: Actor,
  target: Target,
  input: { reason: FlagReason; note: string | null },
  now = new Date(),
): { ok: true; hidden: boolean; href: string } | Refused<FlagRefusal> {
  if (!actor) return { ok: false, reason: "not_found" };
  return getDb().transaction((tx) => {
    const info = loadModerationTarget(target.type, target.id, tx);
    if (!info || !info.visibleTo(actor) || info.moderation === "held") return { ok: false as const, reason: "not_found" as const };
    if (info.authorId === actor.id) return { ok: false as const, reason: "own" as const, message: "moderation.flag.own" as const };
    if (info.moderation === "hidden") {
      return { ok: false as const, reason: "not_flaggable" as const, message: "moderation.flag.alreadyHidden" as const };
    }
    const inserted = tx
      .insert(flags)
      .values({ targetType: target.type, targetId: target.id, userId: actor.id, reason: input.reason, note: input.note, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: flags.id })
      .all();
    if (inserted.length === 0) return { ok: false as const, reason: "already" as const, message: "moderation.flag.already" as const };

    const openFlags = countOpenFlags(tx, target);
    const hide = info.moderation === "visible" && openFlags >= config().flagThreshold;
    const state: ModerationState = hide ? "flagged" : info.moderation;
    tx.insert(moderationCases)
      .values({
        targetType: target.type,
        targetId: target.id,
        authorId: info.authorId,
        cycleId: info.cycleId,
        state,
        openFlags,
        open: true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [moderationCases.targetType, moderationCases.targetId],
        set: { state, openFlags, open: true, updatedAt: now },
      })
      .run();
    if (hide) setModeration(tx, target, "flagged", null);
    return { ok: true as const, hidden: hide, href: info.href };
  }, WRITE);
}

function countOpenFlags(tx: Pick<Tx, "select">, target: Target): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(flags)
      .where(and(eq(flags.targetType, target.type), eq(flags.targetId, target.id), isNull(flags.resolvedAt)))
      .get()?.n ?? 0
  );
}

// ---------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------

export type Decision = "approve" | "hide" | "restore";

const DECISION_STATE: Record<Decision, ModerationState> = { approve: "visible", hide: "hidden", restore: "visible" };
const DECISION_ACTION: Record<Decision, string> = {
  approve: "moderation.approved",
  hide: "moderation.hidden",
  restore: "moderation.restored",
};

/**
 * A project leader decides on a text: approve (it is or stays public; flags
 * are closed), hide with a reason (shown in its place), or restore a hidden
 * text. Hide needs a reason; approve and restore may have one.
 */
export function decide(
  actor: Actor,
  target: Target,
  decision: Decision,
  reason: string | null,
  now = new Date(),
): { ok: true } | Refused<"forbidden" | "not_found" | "reason_required" | "nothing_to_restore"> {
  if (!canModerate(actor)) return { ok: false, reason: "forbidden" };
  if (decision === "hide" && !reason) return { ok: false, reason: "reason_required", message: "moderation.error.reasonRequired" };
  const outcome = getDb().transaction((tx) => {
    const info = loadModerationTarget(target.type, target.id, tx);
    if (!info) return { ok: false as const, reason: "not_found" as const };
    if (decision === "restore" && info.moderation === "visible") {
      return { ok: false as const, reason: "nothing_to_restore" as const, message: "moderation.error.nothingToRestore" as const };
    }
    const previous = info.moderation;
    const state = DECISION_STATE[decision];
    setModeration(tx, target, state, reason);
    tx.update(flags)
      .set({ resolvedAt: now })
      .where(and(eq(flags.targetType, target.type), eq(flags.targetId, target.id), isNull(flags.resolvedAt)))
      .run();
    tx.insert(moderationCases)
      .values({
        targetType: target.type,
        targetId: target.id,
        authorId: info.authorId,
        cycleId: info.cycleId,
        state,
        openFlags: 0,
        open: false,
        createdAt: now,
        updatedAt: now,
        decidedAt: now,
        decidedBy: actor!.id,
      })
      .onConflictDoUpdate({
        target: [moderationCases.targetType, moderationCases.targetId],
        set: { state, openFlags: 0, open: false, updatedAt: now, decidedAt: now, decidedBy: actor!.id },
      })
      .run();
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: DECISION_ACTION[decision],
        targetType: target.type,
        targetId: String(target.id),
        reason,
        details: { from: previous, to: state },
        createdAt: now,
      })
      .run();
    return { ok: true as const, info, previous };
  }, WRITE);
  if (!outcome.ok) return outcome;
  mailAuthor(outcome.info, decision, outcome.previous, reason, now);
  return { ok: true };
}

/**
 * Screening: a project leader approves a new participant once. Their texts
 * held for screening become public; texts held for their wording stay held.
 */
export function approveParticipant(actor: Actor, userId: string, now = new Date()): { ok: true; released: number } | Refused<"forbidden" | "not_found"> {
  if (!canModerate(actor)) return { ok: false, reason: "forbidden" };
  const outcome = getDb().transaction((tx) => {
    const person = tx.select({ id: users.id, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
    if (!person || person.deletedAt) return { ok: false as const, reason: "not_found" as const };
    tx.insert(participantApprovals).values({ userId, approvedBy: actor!.id, approvedAt: now }).onConflictDoNothing().run();
    const held = tx
      .select({ type: moderationCases.targetType, id: moderationCases.targetId })
      .from(moderationCases)
      .where(and(eq(moderationCases.authorId, userId), eq(moderationCases.heldFor, "screening"), eq(moderationCases.state, "held")))
      .all();
    for (const target of held) {
      setModeration(tx, target, "visible", null);
      tx.update(moderationCases)
        .set({ state: "visible", open: false, updatedAt: now, decidedAt: now, decidedBy: actor!.id })
        .where(and(eq(moderationCases.targetType, target.type), eq(moderationCases.targetId, target.id)))
        .run();
    }
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "participant.approved",
        targetType: "user",
        targetId: userId,
        details: { released: held.length },
        createdAt: now,
      })
      .run();
    return { ok: true as const, released: held.length };
  }, WRITE);
  if (outcome.ok) mailParticipantApproved(userId, now);
  return outcome;
}

export function isApprovedParticipant(userId: string): boolean {
  return !!getDb().select({ userId: participantApprovals.userId }).from(participantApprovals).where(eq(participantApprovals.userId, userId)).get();
}

// ---------------------------------------------------------------------------
// Mail to the author
// ---------------------------------------------------------------------------


function author(userId: string | null) {
  if (!userId) return null;
  const row = getDb()
    .select({ email: users.email, displayName: users.displayName, locale: users.locale, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return row && row.email && !row.deletedAt ? row : null;
}

function mailAuthor(info: ModerationTargetInfo, decision: Decision, previous: ModerationState, reason: string | null, now: Date) {
  const person = author(info.authorId);
  if (!person) return;
  const { publicUrl } = config();
  const subjectKey: MessageKey =
    decision === "hide" ? "moderation.mail.hidden.subject" : previous === "held" ? "moderation.mail.approved.subject" : "moderation.mail.restored.subject";
  const bodyKey: MessageKey =
    decision === "hide" ? "moderation.mail.hidden.body" : previous === "held" ? "moderation.mail.approved.body" : "moderation.mail.restored.body";
  const vars = {
    name: person.displayName,
    kind: translate(person.locale, MODERATION_KIND_KEYS[info.type]),
    context: info.contextTitle,
    url: `${publicUrl}${info.href}`,
    reason: reason ?? translate(person.locale, "moderation.mail.noReason"),
    codeUrl: `${publicUrl}/gedragscode`,
  };
  queueMail(
    {
      to: person.email!,
      subject: translate(person.locale, subjectKey, vars),
      text: `${translate(person.locale, bodyKey, vars)}\n\n${translate(person.locale, "moderation.mail.object", vars)}`,
    },
    now,
  );
}

function mailParticipantApproved(userId: string, now: Date) {
  const person = author(userId);
  if (!person) return;
  queueMail(
    {
      to: person.email!,
      subject: translate(person.locale, "moderation.mail.participant.subject"),
      text: translate(person.locale, "moderation.mail.participant.body", { name: person.displayName }),
    },
    now,
  );
}

// ---------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------

export const QUEUE_PAGE_SIZE = 20;

export type QueueTab = "open" | "hidden";

export type QueueFlag = { reason: FlagReason; note: string | null; createdAt: Date };

export type QueueItem = {
  type: ModerationTarget;
  id: number;
  state: ModerationState;
  heldFor: "wording" | "screening" | null;
  matchedWords: string[];
  openFlags: number;
  createdAt: Date;
  updatedAt: Date;
  contextTitle: string;
  href: string;
  title: string | null;
  text: string;
  moderationReason: string | null;
  author: { id: string; name: string; approved: boolean; blocked: boolean } | null;
  flags: QueueFlag[];
};

/**
 * One page of the queue. "open": held and flagged texts waiting for a
 * decision, oldest first (keyset on created_at, then the key). "hidden":
 * hidden texts, most recently decided first, to restore.
 */
export function listQueue(
  actor: Actor,
  tab: QueueTab,
  cursor: { at: number; type: string; id: number } | null,
): { items: QueueItem[]; next: { at: number; type: string; id: number } | null } | null {
  if (!canModerate(actor)) return null;
  const db = getDb();
  const open = tab === "open";
  const column = open ? moderationCases.createdAt : moderationCases.updatedAt;
  const base = open ? eq(moderationCases.open, true) : eq(moderationCases.state, "hidden");
  const after = cursor
    ? open
      ? or(
          gt(column, new Date(cursor.at)),
          and(eq(column, new Date(cursor.at)), or(gt(moderationCases.targetType, cursor.type as ModerationTarget), and(eq(moderationCases.targetType, cursor.type as ModerationTarget), gt(moderationCases.targetId, cursor.id)))),
        )
      : or(
          lt(column, new Date(cursor.at)),
          and(eq(column, new Date(cursor.at)), or(lt(moderationCases.targetType, cursor.type as ModerationTarget), and(eq(moderationCases.targetType, cursor.type as ModerationTarget), lt(moderationCases.targetId, cursor.id)))),
        )
    : undefined;
  const order = open
    ? [asc(column), asc(moderationCases.targetType), asc(moderationCases.targetId)]
    : [desc(column), desc(moderationCases.targetType), desc(moderationCases.targetId)];
  const cases = db
    .select()
    .from(moderationCases)
    .where(after ? and(base, after) : base)
    .orderBy(...order)
    .limit(QUEUE_PAGE_SIZE + 1)
    .all();
  const page = cases.slice(0, QUEUE_PAGE_SIZE);
  const authorIds = [...new Set(page.map((row) => row.authorId).filter((id): id is string => !!id))];
  const people = authorIds.length
    ? db
        .select({ id: users.id, name: users.displayName, blockedAt: users.blockedAt, deletedAt: users.deletedAt, approved: participantApprovals.userId })
        .from(users)
        .leftJoin(participantApprovals, eq(participantApprovals.userId, users.id))
        .where(inArray(users.id, authorIds))
        .all()
    : [];
  const items: QueueItem[] = [];
  for (const row of page) {
    const info = loadModerationTarget(row.targetType, row.targetId, db);
    if (!info) continue;
    const person = people.find((p) => p.id === row.authorId);
    items.push({
      type: row.targetType,
      id: row.targetId,
      state: info.moderation,
      heldFor: row.heldFor,
      matchedWords: row.matchedWords ?? [],
      openFlags: row.openFlags,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      contextTitle: info.contextTitle,
      href: info.href,
      title: info.title,
      text: info.text,
      moderationReason: info.moderationReason,
      author: person
        ? { id: person.id, name: person.deletedAt ? "" : person.name, approved: !!person.approved, blocked: !!person.blockedAt }
        : null,
      flags: db
        .select({ reason: flags.reason, note: flags.note, createdAt: flags.createdAt })
        .from(flags)
        .where(and(eq(flags.targetType, row.targetType), eq(flags.targetId, row.targetId), isNull(flags.resolvedAt)))
        .orderBy(asc(flags.createdAt))
        .limit(50)
        .all(),
    });
  }
  const last = page.at(-1);
  return {
    items,
    next:
      cases.length > QUEUE_PAGE_SIZE && last
        ? { at: (open ? last.createdAt : last.updatedAt).getTime(), type: last.targetType, id: last.targetId }
        : null,
  };
}

/** How many cases wait for a decision (shown in the queue's heading). */
export function countOpenCases(): number {
  return getDb().select({ n: sql<number>`count(*)` }).from(moderationCases).where(eq(moderationCases.open, true)).get()?.n ?? 0;
}

/** Why held texts of one kind are held (for the notice their author sees), by id; one indexed lookup per id. */
export function heldForOf(type: ModerationTarget, ids: number[]): Map<number, "wording" | "screening"> {
  const map = new Map<number, "wording" | "screening">();
  if (ids.length === 0) return map;
  const rows = getDb()
    .select({ id: moderationCases.targetId, heldFor: moderationCases.heldFor })
    .from(moderationCases)
    .where(and(eq(moderationCases.targetType, type), inArray(moderationCases.targetId, ids)))
    .all();
  for (const row of rows) if (row.heldFor) map.set(row.id, row.heldFor);
  return map;
}

/** A text that is deleted takes its flags and its case with it. */
export function forgetModeration(tx: Pick<Tx, "delete">, target: Target) {
  tx.delete(flags).where(and(eq(flags.targetType, target.type), eq(flags.targetId, target.id))).run();
  tx.delete(moderationCases).where(and(eq(moderationCases.targetType, target.type), eq(moderationCases.targetId, target.id))).run();
}
