/**
 * Officials' review: the queue of escalated knelpunten, the whole history of
 * one in one place, answering it (a decision with a public explanation), the
 * public list of answers, and each official's own answer templates.
 * Commands check ./policy.ts inside one immediate transaction and return
 * `{ ok: true } | { ok: false, reason, field?, message }`.
 */
import { and, asc, count, desc, eq, inArray, ne, sql, type Placeholder, type SQL } from "drizzle-orm";
import { getDb, type Db } from "#db/client.server";
import {
  answerTemplates,
  auditLog,
  cycles,
  knelpuntStatusChanges,
  knelpunten,
  measureStatusChanges,
  ratingDaySums,
  reactions,
  users,
} from "#db/schema";
import type { MeasureStatus } from "~/domain/measures/policy";
import { distinctWijkenOfStatus, getKnelpuntPage, type KnelpuntPage, type MeasureView } from "~/domain/knelpunten/knelpunten.server";
import { keptUntilChange } from "~/lib/kept-until-change.server";
import { preparedQuery } from "~/lib/prepared-query.server";
import type { KnelpuntStatus } from "~/domain/knelpunten/policy";
import { WRITE, changeKnelpuntStatus } from "~/domain/knelpunten/status.server";
import { textShownTo } from "~/domain/moderation/policy";
import type { review } from "~/i18n/nl/review";
import { renderMarkdown } from "~/lib/markdown.server";
import {
  ANSWER_DECISIONS,
  allowedDecisions,
  amsterdamDay,
  answerDetailsRefusal,
  answerRefusal,
  canReview,
  daysWaited,
  queueFilterStatus,
  templateRefusal,
  type Actor,
  type AnswerDecision,
  type AnswerField,
  type AnswerRefusal,
  type DetailsRefusal,
  type QueueFilter,
} from "./policy";
import { ANSWER_REFUSAL_MESSAGES, DETAILS_MESSAGES, TEMPLATE_REFUSAL_MESSAGES, type TemplateInput } from "./schemas";

export type ReviewMessageKey = keyof typeof review;
export type ReviewRefused<R extends string> = { ok: false; reason: R; message: ReviewMessageKey; field?: string };

const notFound = { ok: false, reason: "not_found", message: "review.error.notFound" } as const satisfies ReviewRefused<"not_found">;

// ---------------------------------------------------------------------------
// Answering
// ---------------------------------------------------------------------------

export type AnswerCommandInput = {
  decision: AnswerDecision;
  explanation: string;
  department?: string | null;
  expectedDate?: string | null;
  saveTemplate?: boolean;
  templateTitle?: string | null;
};

/**
 * An official answers an escalated knelpunt, or updates their answer: the
 * knelpunt moves to the decision's status (changeKnelpuntStatus), the
 * timeline row keeps the explanation, the official's organisation at this
 * moment, and for toegezegd the department and expected date; an audit row
 * "knelpunt.answered" is added. Optionally the text is saved as a template.
 */
export function answerKnelpunt(
  actor: Actor,
  knelpuntId: number,
  input: AnswerCommandInput,
  now = new Date(),
): { ok: true; to: AnswerDecision } | ReviewRefused<"not_found" | AnswerRefusal | DetailsRefusal["reason"] | "template_title"> {
  const decision = input.decision;
  const explanation = input.explanation.trim();
  const department = decision === "toegezegd" ? input.department?.trim() || null : null;
  const expectedDate = decision === "toegezegd" ? input.expectedDate?.trim() || null : null;
  const details = answerDetailsRefusal({ decision, explanation, department, expectedDate }, amsterdamDay(now));
  if (details) return { ok: false, reason: details.reason, field: details.field, message: DETAILS_MESSAGES[details.reason] };
  const templateTitle = input.saveTemplate ? input.templateTitle?.trim() ?? "" : null;
  if (templateTitle !== null && [...templateTitle].length < 3) {
    return { ok: false, reason: "template_title", field: "templateTitle", message: "review.template.error.titleTooShort" };
  }

  return getDb().transaction((tx) => {
    const row = tx
      .select({ id: knelpunten.id, status: knelpunten.status, phase: cycles.phase })
      .from(knelpunten)
      .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
      .where(eq(knelpunten.id, knelpuntId))
      .get();
    if (!row) return notFound;
    const refusal = answerRefusal(actor, { status: row.status }, { phase: row.phase }, decision);
    if (refusal === "not_visible") return notFound;
    if (refusal) {
      return { ok: false as const, reason: refusal, message: ANSWER_REFUSAL_MESSAGES[refusal], ...(refusal === "transition" ? { field: "decision" } : {}) };
    }
    const official = tx.select({ organisation: users.organisation }).from(users).where(eq(users.id, actor!.id)).get();
    const organisation = official?.organisation ?? null;
    const written = changeKnelpuntStatus(tx, {
      knelpuntId: row.id,
      from: row.status,
      to: decision,
      actorId: actor!.id,
      explanation,
      organisation,
      department,
      expectedDate,
      now,
    });
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "knelpunt.answered",
        targetType: "knelpunt",
        targetId: String(row.id),
        reason: explanation,
        details: { from: row.status, to: decision, organisation, department, expectedDate, statusChangeId: written.statusChangeId },
        createdAt: now,
      })
      .run();
    if (templateTitle !== null) {
      tx.insert(answerTemplates).values({ ownerId: actor!.id, title: templateTitle, body: explanation, createdAt: now, updatedAt: now }).run();
    }
    return { ok: true as const, to: decision };
  }, WRITE);
}

// ---------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------

export const QUEUE_PAGE_SIZE = 20;

export type QueueQuery = { filter?: QueueFilter; wijk?: string | null; cycleId?: number | null; page?: number };

export type QueueItem = {
  id: number;
  /** "" when the knelpunt was hidden by moderation (`titleShown` false): the moderators decide, officials see the notice. */
  title: string;
  titleShown: boolean;
  status: KnelpuntStatus;
  wijk: string;
  cycle: { slug: string; title: string };
  escalatedAt: Date;
  daysWaited: number;
  fastTrack: boolean;
  updatedAt: Date;
};

/**
 * The queue's query: escalated knelpunten in one status, oldest escalation
 * first, on knelpunten_status_escalated_idx (status, escalated_at). Exported
 * so a test can check its plan.
 */
export function reviewQueueQuery(query: QueueQuery, page: number) {
  return queueSelect(getDb(), {
    status: queueFilterStatus(query.filter ?? "open"),
    wijk: query.wijk || null,
    cycleId: query.cycleId || null,
    limit: QUEUE_PAGE_SIZE + 1,
    offset: (page - 1) * QUEUE_PAGE_SIZE,
  });
}

type Value<T> = T | Placeholder;

function queueSelect(
  db: Db,
  filters: { status: Value<KnelpuntStatus>; wijk: Value<string> | null; cycleId: Value<number> | null; limit: Value<number>; offset: Value<number> },
) {
  const where: Array<SQL | undefined> = [
    eq(knelpunten.status, filters.status),
    sql`${knelpunten.escalatedAt} IS NOT NULL`,
    ne(cycles.phase, "concept"),
    filters.wijk !== null ? eq(knelpunten.wijk, filters.wijk) : undefined,
    filters.cycleId !== null ? eq(knelpunten.cycleId, filters.cycleId) : undefined,
  ];
  return db
    .select({
      id: knelpunten.id,
      title: knelpunten.title,
      status: knelpunten.status,
      wijk: knelpunten.wijk,
      cycleSlug: cycles.slug,
      cycleTitle: cycles.title,
      escalatedAt: knelpunten.escalatedAt,
      fastTrackReason: knelpunten.fastTrackReason,
      updatedAt: knelpunten.updatedAt,
      moderation: knelpunten.moderation,
      reporterId: knelpunten.reporterId,
    })
    .from(knelpunten)
    .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
    .where(and(...where))
    .orderBy(asc(knelpunten.escalatedAt), asc(knelpunten.id))
    .limit(filters.limit)
    .offset(filters.offset);
}

/** reviewQueueQuery built once per combination of filters (every official's request runs it), values as placeholders. */
function preparedQueue(byWijk: boolean, byCycle: boolean) {
  return preparedQuery((db) =>
    queueSelect(db, {
      status: sql.placeholder("status"),
      wijk: byWijk ? sql.placeholder("wijk") : null,
      cycleId: byCycle ? sql.placeholder("cycleId") : null,
      limit: sql.placeholder("limit"),
      offset: sql.placeholder("offset"),
    }).prepare(),
  );
}
const queueQueries = [preparedQueue(false, false), preparedQueue(true, false), preparedQueue(false, true), preparedQueue(true, true)];

/** The officials' queue, 20 a page. Only officials (the route guards; this returns nothing for others). */
export function listReviewQueue(viewer: Actor, query: QueueQuery, now = new Date()): { rows: QueueItem[]; page: number; hasNext: boolean } {
  const page = query.page && Number.isInteger(query.page) && query.page >= 1 ? query.page : 1;
  if (!canReview(viewer)) return { rows: [], page, hasNext: false };
  const wijk = query.wijk || null;
  const cycleId = query.cycleId || null;
  const rows = queueQueries[(wijk !== null ? 1 : 0) + (cycleId !== null ? 2 : 0)]!().all({
    status: queueFilterStatus(query.filter ?? "open"),
    wijk,
    cycleId,
    limit: QUEUE_PAGE_SIZE + 1,
    offset: (page - 1) * QUEUE_PAGE_SIZE,
  });
  return {
    rows: rows.slice(0, QUEUE_PAGE_SIZE).map((row) => {
      const titleShown = textShownTo(viewer, { moderation: row.moderation, authorId: row.reporterId });
      return {
        id: row.id,
        title: titleShown ? row.title : "",
        titleShown,
        status: row.status,
        wijk: row.wijk,
        cycle: { slug: row.cycleSlug, title: row.cycleTitle },
        escalatedAt: row.escalatedAt!,
        daysWaited: daysWaited(row.escalatedAt!, now),
        fastTrack: row.fastTrackReason !== null,
        updatedAt: row.updatedAt,
      };
    }),
    page,
    hasNext: rows.length > QUEUE_PAGE_SIZE,
  };
}

const REVIEWED_STATUSES: KnelpuntStatus[] = ["geescaleerd", ...ANSWER_DECISIONS];

/** The filters' choices: cycles that are not concept, and the wijken of escalated knelpunten. */
const filterCycles = preparedQuery((db) =>
  db
    .select({ id: cycles.id, title: cycles.title })
    .from(cycles)
    .where(ne(cycles.phase, "concept"))
    .orderBy(desc(cycles.createdAt))
    .limit(200)
    .prepare(),
);

const dutchOrder = new Intl.Collator("nl");

/**
 * The choices of the queue's filters: the same for every official and every
 * request until something changes, so kept until the database changes (the
 * wijken took five index scans and a sort: about 6% of the queue's server
 * time, docs/performance.md).
 */
export const reviewFilterOptions: () => { cycles: Array<{ id: number; title: string }>; wijken: string[] } = keptUntilChange(() => {
  const cycleRows = filterCycles().all();
  // Per status a loose index scan on knelpunten_status_wijk_escalated_idx: one index entry per wijk, not every escalated knelpunt.
  const wijken = [...new Set(REVIEWED_STATUSES.flatMap((status) => distinctWijkenOfStatus(status, 500)))].sort(dutchOrder.compare).slice(0, 500);
  return { cycles: cycleRows, wijken };
});

// ---------------------------------------------------------------------------
// One knelpunt's whole history
// ---------------------------------------------------------------------------

export type MeasureHistory = MeasureView & {
  changes: Array<{ id: number; fromStatus: MeasureStatus | null; toStatus: MeasureStatus; reason: string | null; createdAt: Date }>;
};

export type TemplateSummary = { id: number; title: string; body: string };

/** The review page lists the ratings of at most this many days (the newest with ratings); the chart on the knelpunt page shows a year. */
export const REVIEW_RATING_DAYS = 90;

export type ReviewPage = {
  page: KnelpuntPage;
  reactionCount: number;
  selfHelp: MeasureHistory[];
  /** Most supported first. */
  government: MeasureView[];
  /** Per day: average score (1–5) and how many ratings; the newest REVIEW_RATING_DAYS days with ratings, oldest first. */
  ratings: Array<{ day: string; average: number; count: number }>;
  escalationExplanationHtml: string | null;
  daysWaited: number | null;
  decisions: AnswerDecision[];
  templates: TemplateSummary[];
};

/** Everything an official needs to answer, or null when the knelpunt does not exist or they may not see it. */
export function getReviewPage(id: number, viewer: Actor, now = new Date()): ReviewPage | null {
  if (!canReview(viewer)) return null;
  const page = getKnelpuntPage(id, viewer);
  if (!page) return null;
  const db = getDb();
  const reactionCount =
    db
      .select({ n: count() })
      .from(reactions)
      .where(and(eq(reactions.targetType, "knelpunt"), eq(reactions.targetId, id)))
      .get()?.n ?? 0;
  const selfHelpIds = page.selfHelpMeasures.map((m) => m.id);
  const changes = selfHelpIds.length
    ? db
        .select({
          id: measureStatusChanges.id,
          measureId: measureStatusChanges.measureId,
          fromStatus: measureStatusChanges.fromStatus,
          toStatus: measureStatusChanges.toStatus,
          reason: measureStatusChanges.reason,
          createdAt: measureStatusChanges.createdAt,
        })
        .from(measureStatusChanges)
        .where(inArray(measureStatusChanges.measureId, selfHelpIds))
        .orderBy(asc(measureStatusChanges.id))
        .all()
    : [];
  // The newest REVIEW_RATING_DAYS days with ratings: that many rows of the ratings' day sums (db/schema.ts), read backwards on their primary key, shown oldest first.
  const ratings = db
    .select({ day: ratingDaySums.day, average: sql<number>`${ratingDaySums.scoreSum} * 1.0 / ${ratingDaySums.count}`, count: ratingDaySums.count })
    .from(ratingDaySums)
    .where(eq(ratingDaySums.knelpuntId, id))
    .orderBy(desc(ratingDaySums.day))
    .limit(REVIEW_RATING_DAYS)
    .all()
    .reverse()
    .map((row) => ({ day: row.day, average: Math.round(Number(row.average) * 10) / 10, count: row.count }));
  return {
    page,
    reactionCount,
    selfHelp: page.selfHelpMeasures.map((m) => ({
      ...m,
      changes: changes.filter((c) => c.measureId === m.id).map(({ measureId: _, ...c }) => c),
    })),
    government: [...page.governmentMeasures].sort((a, b) => b.supportCount - a.supportCount || a.id - b.id),
    ratings,
    escalationExplanationHtml: page.knelpunt.escalationExplanation ? renderMarkdown(page.knelpunt.escalationExplanation) : null,
    daysWaited: page.knelpunt.escalatedAt ? daysWaited(page.knelpunt.escalatedAt, now) : null,
    decisions: allowedDecisions(viewer, page.knelpunt, page.cycle),
    templates: listTemplates(viewer),
  };
}

// ---------------------------------------------------------------------------
// The public answers
// ---------------------------------------------------------------------------

export const ANSWERS_PAGE_SIZE = 20;

export type PublicAnswer = {
  id: number;
  decision: AnswerDecision;
  createdAt: Date;
  /** Null for a deleted account. */
  officialName: string | null;
  organisation: string | null;
  department: string | null;
  expectedDate: string | null;
  explanationHtml: string;
  /** `title` is "" when the knelpunt was hidden by moderation (`titleShown` false). */
  knelpunt: { id: number; title: string; titleShown: boolean; status: KnelpuntStatus };
};

/**
 * The ids of one page of answers, newest first: one indexed query per
 * decision (knelpunt_status_changes_answers_idx, (to_status, created_at)),
 * each already in order and cut at what the page needs, merged by UNION ALL.
 * Only answers on knelpunten in cycles the viewer may see (canViewCycle:
 * concept only for project leaders). Exported so a test can check its plan.
 */
export function publicAnswersIdsSql(viewer: Actor, page: number): SQL {
  const offset = (page - 1) * ANSWERS_PAGE_SIZE;
  const perDecision = offset + ANSWERS_PAGE_SIZE + 1;
  const seesConcept = viewer?.role === "projectleider" ? 1 : 0;
  const one = (decision: AnswerDecision) => sql`SELECT * FROM (
      SELECT c.id AS id, c.created_at AS created_at
        FROM knelpunt_status_changes c
        JOIN knelpunten k ON k.id = c.knelpunt_id
        JOIN cycles y ON y.id = k.cycle_id
       WHERE c.to_status = ${decision} AND (y.phase != 'concept' OR ${seesConcept} = 1)
       ORDER BY c.created_at DESC, c.id DESC
       LIMIT ${perDecision})`;
  const parts = ANSWER_DECISIONS.map(one);
  return sql`SELECT id FROM (${sql.join(parts, sql` UNION ALL `)}) ORDER BY created_at DESC, id DESC LIMIT ${ANSWERS_PAGE_SIZE + 1} OFFSET ${offset}`;
}

export function listPublicAnswers(viewer: Actor, pageNumber = 1): { rows: PublicAnswer[]; page: number; hasNext: boolean } {
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
  const db = getDb();
  const ids = db.all<{ id: number }>(publicAnswersIdsSql(viewer, page)).map((row) => row.id);
  const hasNext = ids.length > ANSWERS_PAGE_SIZE;
  const pageIds = ids.slice(0, ANSWERS_PAGE_SIZE);
  if (pageIds.length === 0) return { rows: [], page, hasNext: false };
  const rows = db
    .select({
      id: knelpuntStatusChanges.id,
      decision: knelpuntStatusChanges.toStatus,
      createdAt: knelpuntStatusChanges.createdAt,
      officialName: users.displayName,
      officialDeletedAt: users.deletedAt,
      organisation: knelpuntStatusChanges.organisation,
      department: knelpuntStatusChanges.department,
      expectedDate: knelpuntStatusChanges.expectedDate,
      explanation: knelpuntStatusChanges.explanation,
      knelpuntId: knelpunten.id,
      knelpuntTitle: knelpunten.title,
      knelpuntStatus: knelpunten.status,
      knelpuntModeration: knelpunten.moderation,
      reporterId: knelpunten.reporterId,
    })
    .from(knelpuntStatusChanges)
    .innerJoin(knelpunten, eq(knelpunten.id, knelpuntStatusChanges.knelpuntId))
    .leftJoin(users, eq(users.id, knelpuntStatusChanges.actorId))
    .where(inArray(knelpuntStatusChanges.id, pageIds))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    rows: pageIds.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const titleShown = textShownTo(viewer, { moderation: row.knelpuntModeration, authorId: row.reporterId });
      return [
        {
          id: row.id,
          decision: row.decision as AnswerDecision,
          createdAt: row.createdAt,
          officialName: row.officialDeletedAt ? null : row.officialName,
          organisation: row.organisation,
          department: row.department,
          expectedDate: row.expectedDate,
          explanationHtml: renderMarkdown(row.explanation ?? ""),
          knelpunt: { id: row.knelpuntId, title: titleShown ? row.knelpuntTitle : "", titleShown, status: row.knelpuntStatus },
        },
      ];
    }),
    page,
    hasNext,
  };
}

// ---------------------------------------------------------------------------
// Templates (owner-only)
// ---------------------------------------------------------------------------

export const TEMPLATES_MAX = 200;

export function listTemplates(viewer: Actor): TemplateSummary[] {
  if (!canReview(viewer)) return [];
  return getDb()
    .select({ id: answerTemplates.id, title: answerTemplates.title, body: answerTemplates.body })
    .from(answerTemplates)
    .where(eq(answerTemplates.ownerId, viewer!.id))
    .orderBy(asc(answerTemplates.title), asc(answerTemplates.id))
    .limit(TEMPLATES_MAX)
    .all();
}

/** One of the viewer's own templates; someone else's is as good as not there. */
export function getOwnTemplate(viewer: Actor, id: number): TemplateSummary | null {
  const row = getDb().select().from(answerTemplates).where(eq(answerTemplates.id, id)).get();
  if (!row || templateRefusal(viewer, row)) return null;
  return { id: row.id, title: row.title, body: row.body };
}

type TemplateResult = { ok: true; id: number } | ReviewRefused<"not_found" | "not_official" | "not_owner">;

export function createTemplate(actor: Actor, input: TemplateInput, now = new Date()): TemplateResult {
  const refusal = templateRefusal(actor, null);
  if (refusal) return { ok: false, reason: refusal, message: TEMPLATE_REFUSAL_MESSAGES[refusal] };
  const row = getDb()
    .insert(answerTemplates)
    .values({ ownerId: actor!.id, title: input.title, body: input.body, createdAt: now, updatedAt: now })
    .returning({ id: answerTemplates.id })
    .get();
  return { ok: true, id: row.id };
}

function withOwnTemplate(actor: Actor, id: number, write: (tx: Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0]) => void): TemplateResult {
  return getDb().transaction((tx) => {
    const row = tx.select({ id: answerTemplates.id, ownerId: answerTemplates.ownerId }).from(answerTemplates).where(eq(answerTemplates.id, id)).get();
    if (!row) return { ok: false as const, reason: "not_found" as const, message: "review.template.error.notFound" as const };
    const refusal = templateRefusal(actor, row);
    if (refusal) return { ok: false as const, reason: refusal, message: TEMPLATE_REFUSAL_MESSAGES[refusal] };
    write(tx);
    return { ok: true as const, id };
  }, WRITE);
}

export function updateTemplate(actor: Actor, id: number, input: TemplateInput, now = new Date()): TemplateResult {
  return withOwnTemplate(actor, id, (tx) => {
    tx.update(answerTemplates).set({ title: input.title, body: input.body, updatedAt: now }).where(eq(answerTemplates.id, id)).run();
  });
}

export function deleteTemplate(actor: Actor, id: number): TemplateResult {
  return withOwnTemplate(actor, id, (tx) => {
    tx.delete(answerTemplates).where(eq(answerTemplates.id, id)).run();
  });
}

export type { AnswerField };
