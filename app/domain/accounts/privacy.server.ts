/**
 * Privacy rights (issue 6): a person downloads everything the lab keeps about
 * them ("Mijn gegevens"), and deletes their account.
 *
 * Deletion is soft: the users row stays (its id keeps supports, ratings and
 * contributions counting and attributed to "verwijderde deelnemer"), but
 * everything that identifies the person is erased in one write transaction.
 */
import { eq, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import {
  answerTemplates,
  follows,
  oneTimeCodes,
  outbox,
  participantApprovals,
  pendingNotifications,
  sessions,
  users,
} from "#db/schema";
import { appendAudit } from "~/domain/audit/audit.server";
import { verifyAgainstDummy, verifyPassword } from "~/auth/password.server";
import { isLocale, translate } from "~/i18n";
import { LIMITS, hit } from "~/lib/rate-limit.server";
import type { Failure } from "./accounts.server";

/**
 * The name a deleted account keeps: neutral, so no page can show the old name
 * even if it forgets to look at deleted_at (pages show their own catalog text
 * for deleted authors too).
 */
export const DELETED_DISPLAY_NAME = "verwijderde deelnemer";

type Person = { id: string; email: string | null };

/**
 * One section of the export: the rows of one table that refer to the person.
 *
 * - `select` names the columns shown (an allow-list: password hashes, code
 *   hashes and session secrets are never selected). The table itself is `t`.
 * - `from`: joins are CROSS JOINs, which in SQLite fix the order: the table
 *   looked up by the person comes first (on its index), the rest by primary
 *   key; the planner cannot choose to read a whole joined table instead.
 * - `by`: the columns of `t` that point at the person (their foreign keys to
 *   users). Each is looked up on its own, so a column with an index is an
 *   index lookup, and rows found through several columns appear once, with
 *   `linked_by` saying which columns point at the person.
 * - `also`: other ways a row belongs to the person (e.g. mail to their address).
 */
type Section = {
  table: string;
  from?: string;
  select: string[];
  by: string[];
  also?: Array<{ name: string; where: string; params: (person: Person) => unknown[] | null }>;
};

/** Rate-limit keys that end with the person's email address (e.g. `signin:fail:<email>`). */
const rateLimitKeyOfEmail = {
  name: "key",
  where: "substr(t.key, -?) = ?",
  params: (person: Person) => (person.email ? [person.email.length + 1, `:${person.email}`] : null),
};

const SECTIONS: Section[] = [
  {
    table: "users",
    select: [
      "id", "email", "email_verified_at", "display_name", "wijk", "role", "organisation", "locale", "notify_mode",
      "code_of_conduct_version", "code_of_conduct_accepted_at", "blocked_at", "blocked_reason", "deleted_at", "created_at",
    ],
    by: ["id"],
  },
  { table: "sessions", select: ["created_at", "last_active_at"], by: ["user_id"] },
  { table: "one_time_codes", select: ["purpose", "attempts", "created_at", "expires_at", "used_at"], by: ["user_id"] },
  { table: "code_of_conduct_acceptances", select: ["version", "accepted_at"], by: ["user_id"] },
  {
    table: "knelpunten",
    select: [
      "id", "cycle_id", "title", "description", "wijk", "location_text", "lat", "lng", "status", "support_count", "escalated_at",
      "escalation_explanation", "fast_track_reason", "resolved_at", "moderation", "moderation_reason", "created_at", "updated_at",
    ],
    by: ["reporter_id", "escalated_by"],
  },
  {
    table: "measures",
    select: [
      "id", "knelpunt_id", "cycle_id", "kind", "title", "description", "status", "status_reason", "support_count", "volunteer_count",
      "adopted_at", "started_at", "completed_at", "moderation", "moderation_reason", "created_at", "updated_at",
    ],
    by: ["author_id"],
  },
  {
    table: "reactions",
    select: ["id", "target_type", "target_id", "body", "moderation", "moderation_reason", "created_at", "updated_at"],
    by: ["author_id"],
  },
  {
    table: "answers",
    from: "answers t CROSS JOIN questions q ON q.id = t.question_id",
    select: ["t.id", "t.question_id", "q.prompt AS question_prompt", "t.text", "t.moderation", "t.moderation_reason", "t.created_at", "t.updated_at"],
    by: ["user_id"],
  },
  {
    // The options chosen in the person's answers (answer_choices refers to answers, not to users).
    table: "answer_choices",
    from: "answers a CROSS JOIN answer_choices t ON t.answer_id = a.id CROSS JOIN question_options o ON o.id = t.option_id",
    select: ["t.answer_id", "t.option_id", "o.label AS option_label"],
    by: [],
    also: [{ name: "answers.user_id", where: "a.user_id = ?", params: (person) => [person.id] }],
  },
  {
    table: "supports",
    from: "supports t CROSS JOIN measures m ON m.id = t.measure_id",
    select: ["t.id", "t.measure_id", "m.title AS measure_title", "t.cycle_id", "t.created_at"],
    by: ["user_id"],
  },
  {
    table: "volunteers",
    from: "volunteers t CROSS JOIN measures m ON m.id = t.measure_id",
    select: ["t.id", "t.measure_id", "m.title AS measure_title", "t.created_at"],
    by: ["user_id"],
  },
  {
    table: "safety_ratings",
    from: "safety_ratings t CROSS JOIN knelpunten k ON k.id = t.knelpunt_id",
    select: ["t.id", "t.knelpunt_id", "k.title AS knelpunt_title", "t.day", "t.score", "t.created_at", "t.updated_at"],
    by: ["user_id"],
  },
  {
    table: "follows",
    from: "follows t CROSS JOIN knelpunten k ON k.id = t.knelpunt_id",
    select: ["t.knelpunt_id", "k.title AS knelpunt_title", "t.following", "t.updated_at"],
    by: ["user_id"],
  },
  { table: "pending_notifications", select: ["id", "knelpunt_id", "status_change_id", "created_at"], by: ["user_id"] },
  { table: "answer_templates", select: ["id", "title", "body", "created_at", "updated_at"], by: ["owner_id"] },
  { table: "flags", select: ["id", "target_type", "target_id", "reason", "note", "created_at", "resolved_at"], by: ["user_id"] },
  {
    table: "moderation_cases",
    select: ["target_type", "target_id", "cycle_id", "state", "held_for", "matched_words", "open_flags", "open", "created_at", "updated_at", "decided_at"],
    by: ["author_id", "decided_by"],
  },
  { table: "participant_approvals", select: ["approved_at"], by: ["user_id", "approved_by"] },
  {
    table: "audit_log",
    select: ["id", "action", "target_type", "target_id", "reason", "details", "created_at"],
    by: ["actor_id"],
    also: [
      {
        name: "target",
        where: "t.target_type = 'user' AND t.target_id = ?",
        params: (person) => [person.id],
      },
    ],
  },
  { table: "cycles", select: ["id", "slug", "title", "theme", "intro", "phase", "wijken", "created_at", "updated_at"], by: ["created_by"] },
  { table: "cycle_phase_changes", select: ["id", "cycle_id", "from_phase", "to_phase", "created_at"], by: ["actor_id"] },
  {
    table: "posts",
    select: ["id", "slug", "title", "body", "status", "cycle_id", "created_at", "updated_at", "published_at"],
    by: ["author_id"],
  },
  {
    table: "questions",
    select: ["id", "cycle_id", "post_id", "prompt", "description", "kind", "status", "created_at", "closed_at"],
    by: ["created_by"],
  },
  {
    table: "knelpunt_status_changes",
    select: [
      "id", "knelpunt_id", "from_status", "to_status", "explanation", "fast_track_reason", "measure_id", "organisation",
      "department", "expected_date", "created_at",
    ],
    by: ["actor_id"],
  },
  { table: "measure_status_changes", select: ["id", "measure_id", "from_status", "to_status", "reason", "created_at"], by: ["actor_id"] },
  {
    table: "outbox",
    select: ["id", "to_address", "subject", "text_body", "created_at", "sent_at"],
    by: [],
    also: [{ name: "to_address", where: "t.to_address = ?", params: (person) => (person.email ? [person.email] : null) }],
  },
  { table: "rate_limits", select: ["key", "count", "reset_at"], by: [], also: [rateLimitKeyOfEmail] },
];

/**
 * Every `table.column` the export looks the person up by: the tests compare
 * it with the database's foreign keys to users, so a new table (or column)
 * that refers to people cannot be forgotten.
 */
export const EXPORTED_PERSON_COLUMNS: readonly string[] = SECTIONS.flatMap((section) => section.by.map((column) => `${section.table}.${column}`));

const JSON_COLUMNS = new Set(["details", "matched_words", "wijken"]);
const BOOLEAN_COLUMNS = new Set(["following", "open"]);

/** Times as ISO 8601 (UTC), JSON columns parsed, flags as true/false. */
function readable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.endsWith("_at") && typeof value === "number") out[key] = new Date(value).toISOString();
    else if (JSON_COLUMNS.has(key) && typeof value === "string") out[key] = parseJson(value);
    else if (BOOLEAN_COLUMNS.has(key) && typeof value === "number") out[key] = value === 1;
    else out[key] = value;
  }
  return out;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function qualified(column: string): string {
  return /[.\s(]/.test(column) ? column : `t.${column}`;
}

function sectionRows(section: Section, person: Person): Array<Record<string, unknown>> {
  const client = getDb().$client;
  const from = section.from ?? `${section.table} t`;
  const select = section.select.map(qualified).join(", ");
  const lookups: Array<{ name: string; where: string; params: unknown[] }> = [];
  // unlikely(): one person's rows are few next to the table's, so the planner takes the column's index even where
  // the statistics say its values repeat (created_by, approved_by: a few staff accounts made all the rows).
  for (const column of section.by) lookups.push({ name: column, where: `unlikely(t.${column} = ?)`, params: [person.id] });
  for (const other of section.also ?? []) {
    const params = other.params(person);
    if (params) lookups.push({ name: other.name, where: other.where, params });
  }
  const found = new Map<number, { row: Record<string, unknown>; linkedBy: string[] }>();
  for (const lookup of lookups) {
    const rows = client.prepare(`SELECT t.rowid AS _rowid, ${select} FROM ${from} WHERE ${lookup.where}`).all(...lookup.params) as Array<
      Record<string, unknown> & { _rowid: number }
    >;
    for (const { _rowid, ...row } of rows) {
      const seen = found.get(_rowid);
      if (seen) seen.linkedBy.push(lookup.name);
      else found.set(_rowid, { row, linkedBy: [lookup.name] });
    }
  }
  // Where a row can belong to the person in more than one way, say which.
  const tellLink = lookups.length > 1;
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, { row, linkedBy }]) => readable(tellLink ? { ...row, linked_by: linkedBy } : row));
}

export type PersonalDataExport = {
  generatedAt: string;
  explanation: string;
  [table: string]: unknown;
};

/**
 * Everything the lab keeps about one person, one section per table that
 * refers to them (keyed by the SQL table name), as JSON-ready data. Never
 * password hashes, code hashes or session secrets.
 */
export function exportPersonalData(userId: string, now = new Date()): PersonalDataExport {
  const user = getDb().select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`exportPersonalData: no user ${userId}`);
  const locale = isLocale(user.locale) ? user.locale : "nl";
  const result: PersonalDataExport = {
    generatedAt: now.toISOString(),
    explanation: translate(locale, "privacy.export.explanation"),
  };
  // One read transaction: every section comes from the same snapshot of the database.
  getDb().$client.transaction(() => {
    for (const section of SECTIONS) result[section.table] = sectionRows(section, user);
  })();
  return result;
}

export type DeleteAccountResult =
  | { ok: true }
  | (Failure<"rate_limited"> & { retryAfterMs: number })
  | Failure<"wrong" | "not_found">;

/**
 * Deletes an account after checking the person's current password.
 *
 * Erased: email, password hash, display name (set to "verwijderde deelnemer"),
 * wijk, organisation, email confirmation; sessions, one-time codes, follows,
 * waiting digest lines, answer templates, the screening approval, mail to
 * their address and rate-limit counters with their address. Kept (without
 * anything that identifies them): their contributions, supports, volunteers,
 * ratings, flags, consent history and moderation cases, so every count stays
 * the same. The audit log records the deletion, with no name or address.
 */
export async function deleteAccount(userId: string, password: string, now = new Date()): Promise<DeleteAccountResult> {
  // Counted before the (slow) password check, so parallel guesses cannot slip past.
  const limited = hit(`delete:user:${userId}`, LIMITS.deleteAccount, now.getTime());
  if (!limited.allowed) {
    return { ok: false, reason: "rate_limited", field: "password", message: "error.rateLimited", retryAfterMs: limited.retryAfterMs };
  }
  const db = getDb();
  const user = db.select({ passwordHash: users.passwordHash, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
  if (!user || user.deletedAt) return { ok: false, reason: "not_found" };
  const valid = user.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!valid) return { ok: false, reason: "wrong", field: "password", message: "privacy.delete.error.passwordWrong" };

  return db.transaction((tx) => {
    // Read again under the write lock: the account may have changed meanwhile.
    const current = tx.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
    if (!current || current.deletedAt) return { ok: false as const, reason: "not_found" as const };
    const email = current.email;

    tx.update(users)
      .set({
        email: null,
        emailVerifiedAt: null,
        passwordHash: null,
        displayName: DELETED_DISPLAY_NAME,
        wijk: null,
        organisation: null,
        notifyMode: "nooit",
        deletedAt: now,
      })
      .where(eq(users.id, userId))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    tx.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, userId)).run();
    tx.delete(follows).where(eq(follows.userId, userId)).run();
    tx.delete(pendingNotifications).where(eq(pendingNotifications.userId, userId)).run();
    tx.delete(answerTemplates).where(eq(answerTemplates.ownerId, userId)).run();
    tx.delete(participantApprovals).where(eq(participantApprovals.userId, userId)).run();
    tx.run(sql`DELETE FROM rate_limits WHERE key = ${`delete:user:${userId}`}`);
    if (email) {
      tx.delete(outbox).where(eq(outbox.toAddress, email)).run();
      tx.run(sql`DELETE FROM rate_limits WHERE substr(key, ${-(email.length + 1)}) = ${`:${email}`}`);
    }
    // No name or address: the audit log keeps its rows for 5 years and cannot be changed.
    appendAudit(tx, { actorId: userId, action: "account.deleted", targetType: "user", targetId: userId, createdAt: now });
    return { ok: true as const };
  }, { behavior: "immediate" });
}

