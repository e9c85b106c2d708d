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
    index("users_created_idx").on(t.createdAt),
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
  (t) => [index("sessions_user_idx").on(t.userId)],
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
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("answers_question_user_unique").on(t.questionId, t.userId),
    index("answers_user_idx").on(t.userId),
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
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reactions_target_idx").on(t.targetType, t.targetId, t.createdAt),
    index("reactions_author_idx").on(t.authorId),
  ],
);
