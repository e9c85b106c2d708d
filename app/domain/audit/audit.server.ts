/**
 * The audit log (audit_log): every action of a project leader, official or
 * administrator that changes someone else's content, status or account. Rows
 * are only ever appended (database triggers refuse UPDATE, and DELETE before
 * the 5-year retention). This module reads the log for /beheer/logboek and
 * the participant page, and offers `appendAudit` for new code.
 *
 * Reading is index-only for every filter: action → audit_log_action_idx
 * (action, id); actor → audit_log_actor_idx (actor_id, id); target →
 * audit_log_target_idx (target_type, target_id); dates → audit_log_created_idx.
 * Pages are keyset pages on id ("older than id N"), newest first.
 */
import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { answers, auditLog, cycles, knelpunten, measures, posts, questions, reactions, users } from "#db/schema";
import type { Role } from "~/domain/accounts/roles";
import type { Tx } from "~/domain/knelpunten/status.server";
import { addDays, amsterdamDay, isDay } from "~/domain/ratings/days";

/**
 * Every action string the app writes. The filter on /beheer/logboek offers
 * these; each has a label `audit.action.<action>` in the catalogs (a test
 * checks both, and that the code writes no other action).
 */
export const AUDIT_ACTIONS = [
  "account.role_changed",
  "account.blocked",
  "account.unblocked",
  "account.deleted",
  "participant.approved",
  "cycle.created",
  "cycle.updated",
  "cycle.phase_moved",
  "post.published",
  "post.unpublished",
  "post.edited",
  "measure.progress",
  "question.closed",
  "question.reopened",
  "knelpunt.escalated",
  "knelpunt.resolved",
  "knelpunt.answered",
  "measure.adopted",
  "measure.abandoned",
  "moderation.approved",
  "moderation.hidden",
  "moderation.restored",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** What an audit row can be about (its target_type); each has a label `audit.target.<type>`. */
export const AUDIT_TARGET_TYPES = ["user", "cycle", "post", "question", "knelpunt", "measure", "reaction", "answer"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export function isAuditTargetType(value: unknown): value is AuditTargetType {
  return typeof value === "string" && (AUDIT_TARGET_TYPES as readonly string[]).includes(value);
}

export type AuditRowInput = {
  actorId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | number;
  /** The reason the actor gave (shown in the log). */
  reason?: string | null;
  /** Ids, roles, statuses: never email addresses or names. */
  details?: Record<string, unknown> | null;
  createdAt: Date;
};

/** Appends one audit row, inside the caller's transaction. */
export function appendAudit(tx: Pick<Tx, "insert">, row: AuditRowInput) {
  tx.insert(auditLog)
    .values({
      actorId: row.actorId,
      action: row.action,
      targetType: row.targetType,
      targetId: String(row.targetId),
      reason: row.reason ?? null,
      details: row.details ?? null,
      createdAt: row.createdAt,
    })
    .run();
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50;

/** Staff roles: the people whose actions the log is about (the "door wie" filter). */
export const STAFF_ROLES = ["projectleider", "ambtenaar", "beheerder"] as const satisfies readonly Role[];

export type AuditFilters = {
  action?: AuditAction | null;
  actorId?: string | null;
  targetType?: AuditTargetType | null;
  /** Only with targetType. */
  targetId?: string | null;
  /** Days in Europe/Amsterdam, YYYY-MM-DD, both inclusive. */
  from?: string | null;
  to?: string | null;
  /** Keyset: only rows with a smaller id (older). */
  before?: number | null;
};

/** The first millisecond of a day in Europe/Amsterdam (UTC+1 or, in summer, UTC+2). */
export function amsterdamDayStart(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  const utcMidnight = Date.UTC(y!, m! - 1, d!);
  for (const hours of [1, 2]) {
    const candidate = utcMidnight - hours * 3_600_000;
    if (amsterdamDay(candidate) === day && amsterdamDay(candidate - 1) !== day) return candidate;
  }
  return utcMidnight - 3_600_000;
}

function conditions(filters: AuditFilters): SQL | undefined {
  const parts: Array<SQL | undefined> = [
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.targetType ? eq(auditLog.targetType, filters.targetType) : undefined,
    filters.targetType && filters.targetId ? eq(auditLog.targetId, filters.targetId) : undefined,
    filters.from && isDay(filters.from) ? gte(auditLog.createdAt, new Date(amsterdamDayStart(filters.from))) : undefined,
    filters.to && isDay(filters.to) ? lt(auditLog.createdAt, new Date(amsterdamDayStart(addDays(filters.to, 1)))) : undefined,
    filters.before ? lt(auditLog.id, filters.before) : undefined,
  ];
  return and(...parts);
}

/**
 * One page of the log (plus one row, to know whether there are older rows),
 * newest first. Exported so a test can check its query plan.
 */
export function auditLogQuery(filters: AuditFilters, limit = AUDIT_PAGE_SIZE + 1) {
  return getDb()
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      reason: auditLog.reason,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(conditions(filters))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

type AuditRow = {
  id: number;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
};

export type AuditActor =
  | { kind: "system" }
  | { kind: "deleted" }
  | { kind: "person"; id: string; displayName: string; role: Role };

/** Where a row's target lives, when it still exists and has a page. */
export type AuditTarget = { type: string; id: string; label: string | null; href: string | null };

export type AuditEntry = {
  id: number;
  createdAt: Date;
  actor: AuditActor;
  action: string;
  known: boolean;
  target: AuditTarget;
  reason: string | null;
  /** A few safe facts for display: roles, phases, statuses, changed field names. */
  details: { from?: string; to?: string; changed?: string[] };
};

const ID_PATTERN = /^[1-9]\d{0,15}$/;

function numericIds(ids: string[]): number[] {
  return [...new Set(ids.filter((id) => ID_PATTERN.test(id)).map(Number))];
}

/**
 * Looks up, for the rows on one page, the actors and the targets' labels and
 * addresses: one query per kind of thing, each by primary key (at most ten
 * queries, whatever the page holds).
 */
function resolve(rows: AuditRow[]): AuditEntry[] {
  const db = getDb();
  const byType = new Map<string, string[]>();
  for (const row of rows) {
    const list = byType.get(row.targetType) ?? [];
    list.push(row.targetId);
    byType.set(row.targetType, list);
  }
  const ids = (type: string) => byType.get(type) ?? [];

  // People: the actors and the "user" targets.
  const personIds = [...new Set([...rows.map((r) => r.actorId).filter((id): id is string => !!id), ...ids("user")])];
  const people = new Map(
    (personIds.length
      ? db
          .select({ id: users.id, displayName: users.displayName, role: users.role, deletedAt: users.deletedAt })
          .from(users)
          .where(inArray(users.id, personIds))
          .all()
      : []
    ).map((p) => [p.id, p]),
  );

  // Reactions and answers lead to the page they are on.
  const reactionIds = numericIds(ids("reaction"));
  const reactionRows = reactionIds.length
    ? db.select({ id: reactions.id, targetType: reactions.targetType, targetId: reactions.targetId }).from(reactions).where(inArray(reactions.id, reactionIds)).all()
    : [];
  const answerIds = numericIds(ids("answer"));
  const answerRows = answerIds.length
    ? db.select({ id: answers.id, questionId: answers.questionId }).from(answers).where(inArray(answers.id, answerIds)).all()
    : [];

  const measureIds = numericIds([...ids("measure"), ...reactionRows.filter((r) => r.targetType === "measure").map((r) => String(r.targetId))]);
  const measureRows = new Map(
    (measureIds.length
      ? db.select({ id: measures.id, title: measures.title, knelpuntId: measures.knelpuntId }).from(measures).where(inArray(measures.id, measureIds)).all()
      : []
    ).map((m) => [m.id, m]),
  );
  const knelpuntIds = numericIds([...ids("knelpunt"), ...reactionRows.filter((r) => r.targetType === "knelpunt").map((r) => String(r.targetId))]);
  const knelpuntRows = new Map(
    (knelpuntIds.length ? db.select({ id: knelpunten.id, title: knelpunten.title }).from(knelpunten).where(inArray(knelpunten.id, knelpuntIds)).all() : []).map((k) => [k.id, k]),
  );
  const postIds = numericIds([...ids("post"), ...reactionRows.filter((r) => r.targetType === "post").map((r) => String(r.targetId))]);
  const postRows = new Map(
    (postIds.length ? db.select({ id: posts.id, title: posts.title, slug: posts.slug }).from(posts).where(inArray(posts.id, postIds)).all() : []).map((p) => [p.id, p]),
  );
  const questionIds = numericIds([...ids("question"), ...answerRows.map((a) => String(a.questionId))]);
  const questionRows = new Map(
    (questionIds.length ? db.select({ id: questions.id, prompt: questions.prompt }).from(questions).where(inArray(questions.id, questionIds)).all() : []).map((q) => [q.id, q]),
  );
  const cycleIds = numericIds(ids("cycle"));
  const cycleRows = new Map(
    (cycleIds.length ? db.select({ id: cycles.id, title: cycles.title, slug: cycles.slug }).from(cycles).where(inArray(cycles.id, cycleIds)).all() : []).map((c) => [c.id, c]),
  );
  const reactionMap = new Map(reactionRows.map((r) => [r.id, r]));
  const answerMap = new Map(answerRows.map((a) => [a.id, a]));

  function target(type: string, id: string): AuditTarget {
    const none: AuditTarget = { type, id, label: null, href: null };
    if (type === "user") {
      const person = people.get(id);
      if (!person || person.deletedAt) return none;
      return { type, id, label: person.displayName, href: `/moderatie/deelnemers/${encodeURIComponent(id)}` };
    }
    if (!ID_PATTERN.test(id)) return none;
    const n = Number(id);
    switch (type) {
      case "knelpunt": {
        const k = knelpuntRows.get(n);
        return k ? { type, id, label: k.title, href: `/knelpunten/${k.id}` } : none;
      }
      case "measure": {
        const m = measureRows.get(n);
        return m ? { type, id, label: m.title, href: `/knelpunten/${m.knelpuntId}#maatregel-${m.id}` } : none;
      }
      case "cycle": {
        const c = cycleRows.get(n);
        return c ? { type, id, label: c.title, href: `/rondes/${c.slug}` } : none;
      }
      case "post": {
        const p = postRows.get(n);
        return p ? { type, id, label: p.title, href: `/berichten/${p.slug}` } : none;
      }
      case "question": {
        const q = questionRows.get(n);
        return q ? { type, id, label: q.prompt, href: `/vragen/${q.id}` } : none;
      }
      case "answer": {
        const a = answerMap.get(n);
        const q = a ? questionRows.get(a.questionId) : undefined;
        return q ? { type, id, label: q.prompt, href: `/vragen/${q.id}` } : none;
      }
      case "reaction": {
        const r = reactionMap.get(n);
        if (!r) return none;
        const anchor = `#reactie-${r.id}`;
        if (r.targetType === "post") {
          const p = postRows.get(r.targetId);
          return p ? { type, id, label: p.title, href: `/berichten/${p.slug}${anchor}` } : none;
        }
        if (r.targetType === "knelpunt") {
          const k = knelpuntRows.get(r.targetId);
          return k ? { type, id, label: k.title, href: `/knelpunten/${k.id}${anchor}` } : none;
        }
        const m = measureRows.get(r.targetId);
        return m ? { type, id, label: m.title, href: `/knelpunten/${m.knelpuntId}#maatregel-${m.id}` } : none;
      }
      default:
        return none;
    }
  }

  return rows.map((row) => {
    const person = row.actorId ? people.get(row.actorId) : undefined;
    const actor: AuditActor = !row.actorId
      ? { kind: "system" }
      : !person || person.deletedAt
        ? { kind: "deleted" }
        : { kind: "person", id: person.id, displayName: person.displayName, role: person.role };
    return {
      id: row.id,
      createdAt: row.createdAt,
      actor,
      action: row.action,
      known: isAuditAction(row.action),
      target: target(row.targetType, row.targetId),
      reason: row.reason,
      details: safeDetails(row.action, row.details),
    };
  });
}

const DISPLAYED_CHANGES = new Set(["account.role_changed", "cycle.phase_moved", "knelpunt.answered"]);

/** Only fixed values (roles, phases, statuses) and field names leave the server: never free text. */
function safeDetails(action: string, details: Record<string, unknown> | null): AuditEntry["details"] {
  if (!details) return {};
  const out: AuditEntry["details"] = {};
  if (DISPLAYED_CHANGES.has(action) && typeof details.from === "string" && typeof details.to === "string") {
    out.from = details.from;
    out.to = details.to;
  }
  if (Array.isArray(details.changed)) out.changed = details.changed.filter((f): f is string => typeof f === "string").slice(0, 20);
  return out;
}

/** One page of the log, resolved for display. */
export function listAuditLog(filters: AuditFilters): { entries: AuditEntry[]; olderThan: number | null } {
  const rows = auditLogQuery(filters).all();
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const more = rows.length > AUDIT_PAGE_SIZE;
  return { entries: resolve(page), olderThan: more ? page[page.length - 1]!.id : null };
}

/** The newest audit rows about one account (target_type "user"), for the participant page. */
export function auditRowsAboutUser(userId: string, limit = 20): AuditEntry[] {
  return resolve(auditLogQuery({ targetType: "user", targetId: userId }, limit).all());
}

export type StaffOption = { id: string; displayName: string; role: Role };

/** The staff accounts (few), for the "door wie" filter, by name (users_role_idx). */
export function listStaffForFilter(limit = 300): StaffOption[] {
  return getDb()
    .select({ id: users.id, displayName: users.displayName, role: users.role, deletedAt: users.deletedAt })
    .from(users)
    .where(inArray(users.role, [...STAFF_ROLES]))
    .orderBy(users.role, users.displayName)
    .limit(limit)
    .all()
    .filter((u) => !u.deletedAt)
    .map(({ id, displayName, role }) => ({ id, displayName, role }));
}
