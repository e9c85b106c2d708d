import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/**
 * Tables use snake_case columns. Times are stored as Unix milliseconds
 * (integer, mode "timestamp_ms") so they compare and index cheaply.
 */

import { ROLES } from "../app/domain/accounts/roles";
import { PHASES } from "../app/domain/cycles/phases";
import { FLAG_REASONS, HELD_FOR, MODERATION_STATES, MODERATION_TARGETS } from "../app/domain/moderation/states";

export { ROLES, type Role } from "../app/domain/accounts/roles";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-cased, trimmed. Null once the account is deleted. */
    email: text("email"),
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    passwordHash: text("password_hash"),
    displayName: text("display_name").notNull(),
    wijk: text("wijk"),
    role: text("role", { enum: ROLES }).notNull().default("bewoner"),
    /** For officials: the department or police team named with their answers. */
    organisation: text("organisation"),
    locale: text("locale", { enum: ["nl", "en"] }).notNull().default("nl"),
    /** Mail about followed knelpunten: at once, in a daily digest, or not at all. */
    notifyMode: text("notify_mode", { enum: ["direct", "dagelijks", "nooit"] }).notNull().default("direct"),
    codeOfConductVersion: integer("code_of_conduct_version"),
    codeOfConductAcceptedAt: integer("code_of_conduct_accepted_at", { mode: "timestamp_ms" }),
    blockedAt: integer("blocked_at", { mode: "timestamp_ms" }),
    blockedReason: text("blocked_reason"),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_role_idx").on(t.role, t.displayName),
    index("users_display_name_lower_idx").on(sql`lower(${t.displayName})`),
    // The accounts page, newest first: (created_at, id) is the whole ORDER BY (id is text, not the rowid).
    index("users_created_idx").on(t.createdAt, t.id),
    // The hourly prune of accounts never confirmed: only those rows, not every account older than 30 days.
    index("users_unconfirmed_idx")
      .on(t.createdAt)
      .where(sql`email_verified_at IS NULL AND deleted_at IS NULL`),
  ],
);

/**
 * Sessions as lucia-auth.com teaches: the cookie holds `id.secret`; only a
 * SHA-256 hash of the secret is stored.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastActiveAt: integer("last_active_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    // The hourly prune: `created_at <= ? OR last_active_at <= ?`, one range on each.
    index("sessions_created_idx").on(t.createdAt),
    index("sessions_last_active_idx").on(t.lastActiveAt),
  ],
);

export const CODE_PURPOSES = ["verify_email", "reset_password"] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

/** One-time codes sent by mail. Only a hash of the code is stored. */
export const oneTimeCodes = sqliteTable(
  "one_time_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: CODE_PURPOSES }).notNull(),
    codeHash: blob("code_hash", { mode: "buffer" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("one_time_codes_user_purpose_idx").on(t.userId, t.purpose)],
);

/** Outgoing mail. Sent over SMTP when configured; readable on /mail otherwise. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_unsent_idx").on(t.sentAt, t.id),
    index("outbox_created_idx").on(t.createdAt),
    index("outbox_to_idx").on(t.toAddress, t.id),
  ],
);

/** Fixed-window counters for rate limits, keyed by e.g. `signin:ip:1.2.3.4`. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: integer("reset_at", { mode: "timestamp_ms" }).notNull(),
});

/** Append-only record of privileged actions. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
    index("audit_log_action_idx").on(t.action, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.id),
    index("audit_log_type_idx").on(t.targetType, t.id),
  ],
);

// ---------------------------------------------------------------------------
// Cycles, posts, questions, reactions
// ---------------------------------------------------------------------------

export const cycles = sqliteTable(
  "cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    theme: text("theme").notNull(),
    /** Markdown. */
    intro: text("intro").notNull().default(""),
    phase: text("phase", { enum: PHASES }).notNull().default("concept"),
    /** The neighbourhoods the cycle concerns, as a JSON array of names. */
    wijken: text("wijken", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Supports per resident in this cycle; 0 = no limit. */
    supportLimit: integer("support_limit").notNull().default(0),
    /** Supports a self-help measure needs before it can be adopted. */
    supportThreshold: integer("support_threshold").notNull().default(10),
    /** Volunteers a self-help measure needs before it can be adopted. */
    minVolunteers: integer("min_volunteers").notNull().default(2),
    /** New participants' contributions wait for a project leader's approval. */
    screening: integer("screening", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("cycles_slug_unique").on(t.slug), index("cycles_phase_idx").on(t.phase, t.createdAt)],
);

/** Every phase move: the public timeline of a cycle. */
export const cyclePhaseChanges = sqliteTable(
  "cycle_phase_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    fromPhase: text("from_phase", { enum: PHASES }),
    toPhase: text("to_phase", { enum: PHASES }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("cycle_phase_changes_cycle_idx").on(t.cycleId, t.id)],
);

export const POST_STATUSES = ["draft", "published"] as const;

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    /** Markdown, as the editor (or the textarea) stores it. */
    body: text("body").notNull(),
    /** Plain-text start of the body, made when saving, for lists. */
    excerpt: text("excerpt").notNull().default(""),
    status: text("status", { enum: POST_STATUSES }).notNull().default("draft"),
    /** Null: a post about the lab in general. */
    cycleId: integer("cycle_id").references(() => cycles.id, { onDelete: "set null" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("posts_slug_unique").on(t.slug),
    index("posts_status_published_idx").on(t.status, t.publishedAt),
    index("posts_cycle_idx").on(t.cycleId, t.status, t.publishedAt),
    index("posts_author_idx").on(t.authorId),
  ],
);

export const QUESTION_KINDS = ["open", "single", "multiple"] as const;
export const QUESTION_STATUSES = ["open", "closed"] as const;

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    /** Shown inside this post as well (optional). */
    postId: integer("post_id").references(() => posts.id, { onDelete: "set null" }),
    prompt: text("prompt").notNull(),
    /** Optional explanation, Markdown. */
    description: text("description").notNull().default(""),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    status: text("status", { enum: QUESTION_STATUSES }).notNull().default("open"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("questions_cycle_idx").on(t.cycleId, t.status, t.createdAt),
    index("questions_post_idx").on(t.postId),
    index("questions_status_idx").on(t.status, t.createdAt),
    // Foreign key to users: the data export and the checks when an account row is deleted.
    index("questions_created_by_idx").on(t.createdBy),
  ],
);

export const questionOptions = sqliteTable(
  "question_options",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("question_options_question_idx").on(t.questionId, t.position)],
);

/** One answer per person per question; changed in place while the question is open. */
export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** For open questions. */
    text: text("text"),
    /** What readers see (app/domain/moderation/states.ts); moderation_cases holds the work. */
    moderation: text("moderation", { enum: MODERATION_STATES }).notNull().default("visible"),
    /** A project leader's public reason when hidden ("verborgen door de moderator: …"). */
    moderationReason: text("moderation_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("answers_question_user_unique").on(t.questionId, t.userId),
    index("answers_user_idx").on(t.userId),
    // The answers to an open question (those with a text), newest first, a page at a time, without sorting them all.
    index("answers_question_updated_idx")
      .on(t.questionId, t.updatedAt)
      .where(sql`text IS NOT NULL`),
  ],
);

/** The options chosen in a multiple-choice answer. */
export const answerChoices = sqliteTable(
  "answer_choices",
  {
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    optionId: integer("option_id")
      .notNull()
      .references(() => questionOptions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.optionId] }), index("answer_choices_option_idx").on(t.optionId)],
);

export const REACTION_TARGETS = ["post", "knelpunt", "measure"] as const;
export type ReactionTarget = (typeof REACTION_TARGETS)[number];

/** Reactions (reageren) under posts, knelpunten and measures. Plain text. */
export const reactions = sqliteTable(
  "reactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetType: text("target_type", { enum: REACTION_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** What readers see (app/domain/moderation/states.ts); moderation_cases holds the work. */
    moderation: text("moderation", { enum: MODERATION_STATES }).notNull().default("visible"),
    /** A project leader's public reason when hidden ("verborgen door de moderator: …"). */
    moderationReason: text("moderation_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reactions_target_idx").on(t.targetType, t.targetId, t.createdAt),
    index("reactions_author_idx").on(t.authorId),
  ],
);

// ---------------------------------------------------------------------------
// Knelpunten (unsafe places), measures, supports and volunteers
// ---------------------------------------------------------------------------

import { check, foreignKey, real } from "drizzle-orm/sqlite-core";
import { KNELPUNT_STATUSES, NL_BOUNDS } from "../app/domain/knelpunten/statuses";
import { MEASURE_KINDS, MEASURE_STATUSES } from "../app/domain/measures/statuses";

/** `column IN ('a', 'b', ...)` for a CHECK constraint over a fixed list of strings. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((value) => `'${value}'`).join(", ")})`);
}

/**
 * A knelpunt: an unsafe place or problem a resident reported in a cycle.
 * `support_count` is the number of supports on all its measures, kept equal
 * to that COUNT(*) in the same transaction as every support and withdrawal,
 * so "most supported" is an index scan.
 */
export const knelpunten = sqliteTable(
  "knelpunten",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Markdown. */
    description: text("description").notNull(),
    /** One of the cycle's wijken (as the cycle spells it) or free text. */
    wijk: text("wijk").notNull(),
    /** An address or a description of the place. */
    locationText: text("location_text").notNull(),
    /** Optional point on the map (WGS84); both or neither, within the Netherlands. */
    lat: real("lat"),
    lng: real("lng"),
    reporterId: text("reporter_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: KNELPUNT_STATUSES }).notNull().default("open"),
    supportCount: integer("support_count").notNull().default(0),
    escalatedAt: integer("escalated_at", { mode: "timestamp_ms" }),
    escalatedBy: text("escalated_by").references(() => users.id, { onDelete: "set null" }),
    /** The project leader's explanation for the officials (public, like the rest of the knelpunt). */
    escalationExplanation: text("escalation_explanation"),
    /** Set when escalated before self-help was tried: the acute danger, shown publicly. */
    fastTrackReason: text("fast_track_reason"),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    /** What readers see (app/domain/moderation/states.ts); moderation_cases holds the work. */
    moderation: text("moderation", { enum: MODERATION_STATES }).notNull().default("visible"),
    /** A project leader's public reason when hidden ("verborgen door de moderator: …"). */
    moderationReason: text("moderation_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // The parent key of measures' (knelpunt_id, cycle_id) foreign key.
    uniqueIndex("knelpunten_id_cycle_unique").on(t.id, t.cycleId),
    // The list: newest or most supported, optionally filtered by status or wijk.
    index("knelpunten_cycle_new_idx").on(t.cycleId, t.createdAt, t.id),
    index("knelpunten_cycle_support_idx").on(t.cycleId, t.supportCount, t.createdAt, t.id),
    index("knelpunten_cycle_status_new_idx").on(t.cycleId, t.status, t.createdAt, t.id),
    index("knelpunten_cycle_status_support_idx").on(t.cycleId, t.status, t.supportCount, t.createdAt, t.id),
    index("knelpunten_cycle_wijk_new_idx").on(t.cycleId, t.wijk, t.createdAt, t.id),
    index("knelpunten_cycle_wijk_support_idx").on(t.cycleId, t.wijk, t.supportCount, t.createdAt, t.id),
    // The officials' queue: escalated knelpunten, oldest first; filtered by wijk; the wijken to filter on.
    // (No (status, cycle_id, …) or (cycle_id, status, …) index for the cycle filter: after ANALYZE the planner
    // used them to read and sort the whole cycle's list, or every cycle's backlog, instead of these in order.)
    index("knelpunten_status_escalated_idx").on(t.status, t.escalatedAt),
    index("knelpunten_status_wijk_escalated_idx").on(t.status, t.wijk, t.escalatedAt),
    index("knelpunten_reporter_idx").on(t.reporterId),
    index("knelpunten_escalated_by_idx").on(t.escalatedBy),
    check("knelpunten_status_check", oneOf("status", KNELPUNT_STATUSES)),
    check("knelpunten_support_count_check", sql`${t.supportCount} >= 0`),
    // NOT NULL spelled out: a CHECK that evaluates to NULL passes.
    check(
      "knelpunten_point_check",
      sql.raw(
        `(lat IS NULL AND lng IS NULL) OR (lat IS NOT NULL AND lng IS NOT NULL AND lat BETWEEN ${NL_BOUNDS.latMin} AND ${NL_BOUNDS.latMax} AND lng BETWEEN ${NL_BOUNDS.lngMin} AND ${NL_BOUNDS.lngMax})`,
      ),
    ),
  ],
);

/**
 * A measure (maatregel) for one knelpunt: self-help ("zelf") or government
 * ("overheid"). `cycle_id` repeats the knelpunt's cycle (a composite foreign
 * key keeps it equal) so supports can be counted per resident per cycle.
 * `support_count` and `volunteer_count` are kept equal to COUNT(*) of their
 * rows in the same transaction as every change.
 */
export const measures = sqliteTable(
  "measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    knelpuntId: integer("knelpunt_id").notNull(),
    cycleId: integer("cycle_id").notNull(),
    kind: text("kind", { enum: MEASURE_KINDS }).notNull(),
    title: text("title").notNull(),
    /** Markdown. */
    description: text("description").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: MEASURE_STATUSES }).notNull().default("voorgesteld"),
    /** Why it did not go ahead (niet_doorgegaan), shown publicly. */
    statusReason: text("status_reason"),
    supportCount: integer("support_count").notNull().default(0),
    volunteerCount: integer("volunteer_count").notNull().default(0),
    adoptedAt: integer("adopted_at", { mode: "timestamp_ms" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    /** When it was carried out: marked on the safety ratings over time. */
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    /** What readers see (app/domain/moderation/states.ts); moderation_cases holds the work. */
    moderation: text("moderation", { enum: MODERATION_STATES }).notNull().default("visible"),
    /** A project leader's public reason when hidden ("verborgen door de moderator: …"). */
    moderationReason: text("moderation_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.knelpuntId, t.cycleId], foreignColumns: [knelpunten.id, knelpunten.cycleId] }).onDelete("cascade"),
    // The parent key of supports' (measure_id, cycle_id) foreign key.
    uniqueIndex("measures_id_cycle_unique").on(t.id, t.cycleId),
    index("measures_knelpunt_idx").on(t.knelpuntId, t.cycleId, t.kind, t.createdAt),
    index("measures_author_idx").on(t.authorId),
    check("measures_kind_check", oneOf("kind", MEASURE_KINDS)),
    check("measures_status_check", oneOf("status", MEASURE_STATUSES)),
    check("measures_counts_check", sql`${t.supportCount} >= 0 AND ${t.volunteerCount} >= 0`),
  ],
);

/** Every status change of a knelpunt: its public timeline (who, when, from, to, why). */
export const knelpuntStatusChanges = sqliteTable(
  "knelpunt_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    knelpuntId: integer("knelpunt_id")
      .notNull()
      .references(() => knelpunten.id, { onDelete: "cascade" }),
    /** Null for the report itself (→ open). */
    fromStatus: text("from_status", { enum: KNELPUNT_STATUSES }),
    toStatus: text("to_status", { enum: KNELPUNT_STATUSES }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The public explanation. */
    explanation: text("explanation"),
    /** Escalation before self-help was tried: the acute danger, public. */
    fastTrackReason: text("fast_track_reason"),
    /** The measure that caused the change (e.g. the adopted self-help measure). */
    measureId: integer("measure_id").references(() => measures.id, { onDelete: "set null" }),
    /** An official's answer: their organisation at the time (shown with the answer). */
    organisation: text("organisation"),
    /** toegezegd: the responsible department. */
    department: text("department"),
    /** toegezegd: the expected date, YYYY-MM-DD. */
    expectedDate: text("expected_date"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("knelpunt_status_changes_knelpunt_idx").on(t.knelpuntId, t.id),
    // The public list of officials' answers, newest first.
    index("knelpunt_status_changes_answers_idx").on(t.toStatus, t.createdAt),
    index("knelpunt_status_changes_actor_idx").on(t.actorId),
  ],
);

/** Every status change of a measure (for the officials' review: how self-help went). */
export const measureStatusChanges = sqliteTable(
  "measure_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    /** Null for the proposal itself (→ voorgesteld). */
    fromStatus: text("from_status", { enum: MEASURE_STATUSES }),
    toStatus: text("to_status", { enum: MEASURE_STATUSES }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Public: why it did not go ahead, or a note on progress. */
    reason: text("reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("measure_status_changes_measure_idx").on(t.measureId, t.id), index("measure_status_changes_actor_idx").on(t.actorId)],
);

/**
 * One support per resident per measure: the unique index makes it a fact.
 * `cycle_id` (kept equal to the measure's by a composite foreign key) lets
 * the per-resident limit be counted on supports_user_cycle_idx alone.
 * Accounts are deleted softly (users.deleted_at), so supports keep counting;
 * a hard delete of a user with supports is refused rather than silently
 * making the counters wrong.
 */
export const supports = sqliteTable(
  "supports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    measureId: integer("measure_id").notNull(),
    cycleId: integer("cycle_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.measureId, t.cycleId], foreignColumns: [measures.id, measures.cycleId] }).onDelete("cascade"),
    uniqueIndex("supports_measure_user_unique").on(t.measureId, t.userId),
    index("supports_user_cycle_idx").on(t.userId, t.cycleId),
  ],
);

/** "Ik help mee": one per resident per self-help measure. */
export const volunteers = sqliteTable(
  "volunteers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("volunteers_measure_user_unique").on(t.measureId, t.userId),
    index("volunteers_user_idx").on(t.userId),
  ],
);

// ---------------------------------------------------------------------------
// Officials' review and safety ratings
// ---------------------------------------------------------------------------

/** An official's reusable answer texts. */
export const answerTemplates = sqliteTable(
  "answer_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("answer_templates_owner_idx").on(t.ownerId, t.title)],
);

/**
 * How safe a knelpunt feels (1–5), per person per day: a new rating on the
 * same day replaces that day's; earlier days stay as history.
 */
export const safetyRatings = sqliteTable(
  "safety_ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    knelpuntId: integer("knelpunt_id")
      .notNull()
      .references(() => knelpunten.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The day in Europe/Amsterdam, YYYY-MM-DD. */
    day: text("day").notNull(),
    score: integer("score").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("safety_ratings_knelpunt_user_day_unique").on(t.knelpuntId, t.userId, t.day),
    // Covers what the chart, the before/after comparison and the report read: no table lookups.
    index("safety_ratings_knelpunt_day_idx").on(t.knelpuntId, t.day, t.score, t.userId),
    index("safety_ratings_user_idx").on(t.userId),
    check("safety_ratings_score_check", sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

/*
 * Summaries of safety_ratings, so the section "Voelt het veiliger?" on the
 * knelpunt page and the officials' review page read a row per day instead
 * of every rating (docs/decisions/010). Triggers on safety_ratings keep them
 * up to date in the statement (and so the transaction) that changes a
 * rating, whoever writes it: rating and re-rating, deleting, a knelpunt's
 * cascade, the seeds, the bench generator. Migration 0007 has the triggers
 * and fills the tables from the ratings there are. Never write these tables
 * yourself, and never REPLACE a rating (`INSERT OR REPLACE` deletes the old
 * row without running its delete trigger): upsert with ON CONFLICT DO
 * UPDATE, as rateKnelpunt does. test/integration/rating-sums.test.ts checks
 * them against the ratings after random writes.
 */

/**
 * Per knelpunt and day with ratings: how many, the sum of their scores, and
 * how many of them are their person's latest rating of the knelpunt. The
 * people who rated from a day on = the sum of `latest` from that day on.
 * No row for a day without ratings.
 */
export const ratingDaySums = sqliteTable(
  "rating_day_sums",
  {
    knelpuntId: integer("knelpunt_id")
      .notNull()
      .references(() => knelpunten.id, { onDelete: "cascade" }),
    /** The day in Europe/Amsterdam, YYYY-MM-DD, as safety_ratings.day. */
    day: text("day").notNull(),
    count: integer("count").notNull(),
    scoreSum: integer("score_sum").notNull(),
    latest: integer("latest").notNull(),
  },
  (t) => [primaryKey({ columns: [t.knelpuntId, t.day] })],
);

/**
 * Ratings on `day` whose person rated the knelpunt next on `next_day`, at
 * most 41 days later. The people who rated in a period of at most 42 days
 * (a side of a measure's before/after, COMPARE_WEEKS weeks) = its ratings
 * less those whose person rated again within the period: the ratings of
 * the period's days less the rows here with both days in the period.
 */
export const ratingDayRepeats = sqliteTable(
  "rating_day_repeats",
  {
    knelpuntId: integer("knelpunt_id")
      .notNull()
      .references(() => knelpunten.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    nextDay: text("next_day").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.knelpuntId, t.day, t.nextDay] })],
);

// ---------------------------------------------------------------------------
// Following knelpunten and notifications
// ---------------------------------------------------------------------------

/**
 * An explicit choice to follow (true) or not follow (false) a knelpunt.
 * People follow what they reported, supported or volunteered for without a
 * row here; a row with following=false turns that off.
 */
export const follows = sqliteTable(
  "follows",
  {
    knelpuntId: integer("knelpunt_id")
      .notNull()
      .references(() => knelpunten.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    following: integer("following", { mode: "boolean" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.knelpuntId, t.userId] }), index("follows_user_idx").on(t.userId)],
);

/** Changes waiting for someone's daily digest. */
export const pendingNotifications = sqliteTable(
  "pending_notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    knelpuntId: integer("knelpunt_id")
      .notNull()
      .references(() => knelpunten.id, { onDelete: "cascade" }),
    statusChangeId: integer("status_change_id")
      .notNull()
      .references(() => knelpuntStatusChanges.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("pending_notifications_user_idx").on(t.userId, t.id)],
);

/** Secrets the app makes itself on first start (e.g. the key that signs unsubscribe links). */
export const appSecrets = sqliteTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});

// ---------------------------------------------------------------------------
// Trust and safety: code of conduct, flags, moderation, screening
// ---------------------------------------------------------------------------


/** Every version of the code of conduct a person accepted, and when (the consent history). */
export const codeOfConductAcceptances = sqliteTable(
  "code_of_conduct_acceptances",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);

/**
 * A moderation case: a text (knelpunt, measure, reaction or open answer)
 * that is held, flagged or was hidden. The text's own `moderation` column
 * says what readers see; this row is the project leaders' work: `open` while
 * a decision is due (held, or flagged by anyone since the last decision).
 * `state` mirrors the text's `moderation` (both change in one transaction).
 */
export const moderationCases = sqliteTable(
  "moderation_cases",
  {
    targetType: text("target_type", { enum: MODERATION_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    /** The text's author (for screening and mail); null once unknown. */
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    cycleId: integer("cycle_id").references(() => cycles.id, { onDelete: "cascade" }),
    state: text("state", { enum: MODERATION_STATES }).notNull(),
    /** Why it was held: the wording check, or screening of a new participant. */
    heldFor: text("held_for", { enum: HELD_FOR }),
    /** The words the check found (JSON array), shown to the project leader. */
    matchedWords: text("matched_words", { mode: "json" }).$type<string[]>(),
    openFlags: integer("open_flags").notNull().default(0),
    open: integer("open", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId] }),
    index("moderation_cases_queue_idx").on(t.open, t.createdAt),
    index("moderation_cases_state_idx").on(t.state, t.updatedAt),
    index("moderation_cases_author_idx").on(t.authorId, t.heldFor),
    // Foreign key to users: the data export and the checks when an account row is deleted.
    index("moderation_cases_decided_by_idx").on(t.decidedBy),
    check("moderation_cases_state_check", oneOf("state", MODERATION_STATES)),
  ],
);

/** One flag per person per text, with a reason. Resolved when a project leader decides. */
export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetType: text("target_type", { enum: MODERATION_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: FLAG_REASONS }).notNull(),
    /** Optional explanation, seen only by project leaders. */
    note: text("note"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("flags_target_user_unique").on(t.targetType, t.targetId, t.userId),
    index("flags_user_idx").on(t.userId),
    check("flags_reason_check", oneOf("reason", FLAG_REASONS)),
  ],
);

/**
 * Participants a project leader approved (screening): from then on their
 * contributions in cycles with screening on are public at once.
 */
export const participantApprovals = sqliteTable(
  "participant_approvals",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    approvedBy: text("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }).notNull(),
  },
  // Foreign key to users: the data export and the checks when an account row is deleted.
  (t) => [index("participant_approvals_approved_by_idx").on(t.approvedBy)],
);
