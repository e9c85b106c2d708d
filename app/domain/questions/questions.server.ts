/**
 * Questions: asking, answering, closing, results and the CSV export.
 * Commands check the policy (./policy.ts), write in one synchronous
 * transaction and return `{ ok: true, ... } | { ok: false, reason }`.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, ne, or, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { answerChoices, answers, auditLog, cycles, posts, questionOptions, questions, users } from "#db/schema";
import { listCyclesForSelect } from "~/domain/cycles/cycles.server";
import { PHASES, phaseAllows, type Phase } from "~/domain/cycles/policy";
import {
  closeHeldCaseIfReleased,
  gateContribution,
  NO_CONTRIBUTION_INPUT,
  recordContribution,
  stateAfterEdit,
  type ContributionInput,
  type GateRefusal,
} from "~/domain/moderation/gate.server";
import { heldForOf } from "~/domain/moderation/moderation.server";
import { canModerate } from "~/domain/moderation/policy";
import type { ModerationState } from "~/domain/moderation/states";
import { moderatedView } from "~/domain/moderation/view";
import { WRITE } from "~/domain/knelpunten/status.server";
import { translate, type Locale, type MessageKey } from "~/i18n";
import { renderMarkdown } from "~/lib/markdown.server";
import { toCsv } from "./csv";
import {
  canAnswer,
  canAskQuestionIn,
  canManageQuestions,
  canSeeResults,
  statusChangeRefusal,
  type AnswerRefusal,
  type QuestionKind,
  type QuestionStatus,
  type StatusChangeRefusal,
  type Viewer,
} from "./policy";
import { answerProblem, type AnswerInput, type AnswerMessage, type QuestionInput } from "./schemas";

import type { MyAnswer, OpenQuestionSummary, QuestionCardData, QuestionOptionView, QuestionResults } from "./types";

export type { Viewer };
export type * from "./types";

// ---------------------------------------------------------------------------
// View models
// ---------------------------------------------------------------------------

/** Open answers per page on the question page. */
export const ANSWERS_PAGE_SIZE = 20;
/** Open answers shown in a card embedded in another page. */
export const EMBEDDED_ANSWERS = 5;

const REFUSAL_MESSAGES: Record<AnswerRefusal, MessageKey> = {
  not_visible: "question.refusal.not_visible",
  not_signed_in: "question.refusal.not_signed_in",
  not_resident: "question.refusal.not_resident",
  closed: "question.refusal.closed",
  phase: "question.refusal.phase",
};

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

const questionColumns = {
  id: questions.id,
  prompt: questions.prompt,
  description: questions.description,
  kind: questions.kind,
  status: questions.status,
  createdAt: questions.createdAt,
  closedAt: questions.closedAt,
  postId: questions.postId,
  cycleId: cycles.id,
  cycleSlug: cycles.slug,
  cycleTitle: cycles.title,
  cyclePhase: cycles.phase,
};

type QuestionRow = {
  id: number;
  prompt: string;
  description: string;
  kind: QuestionKind;
  status: QuestionStatus;
  createdAt: Date;
  closedAt: Date | null;
  postId: number | null;
  cycleId: number;
  cycleSlug: string;
  cycleTitle: string;
  cyclePhase: Phase;
};

/** Not concept cycles, unless the viewer is a project leader (canViewCycle, as SQL). */
function visibleCycles(viewer: Viewer): SQL | undefined {
  return viewer?.role === "projectleider" ? undefined : ne(cycles.phase, "concept");
}

/** Respondents per question: counted on the answers_question_user_unique index. */
export function respondentCountsQuery(questionIds: number[]) {
  return getDb()
    .select({ questionId: answers.questionId, n: count() })
    .from(answers)
    .where(inArray(answers.questionId, questionIds))
    .groupBy(answers.questionId);
}

/** Choices per option: counted on the answer_choices_option_idx index. */
export function optionCountsQuery(optionIds: number[]) {
  return getDb()
    .select({ optionId: answerChoices.optionId, n: count() })
    .from(answerChoices)
    .where(inArray(answerChoices.optionId, optionIds))
    .groupBy(answerChoices.optionId);
}

/**
 * Held answers (moderation) are listed only for their author and moderators;
 * the condition is checked on the question's rows (a held answer is rare).
 */
function listedAnswers(viewer: Viewer): SQL | undefined {
  if (canModerate(viewer)) return undefined;
  return viewer ? or(ne(answers.moderation, "held"), eq(answers.userId, viewer.id)) : ne(answers.moderation, "held");
}

function openAnswersPage(questionId: number, page: number, pageSize: number, viewer: Viewer) {
  const rows = getDb()
    .select({
      id: answers.id,
      text: answers.text,
      userId: answers.userId,
      moderation: answers.moderation,
      moderationReason: answers.moderationReason,
      answeredAt: answers.updatedAt,
      displayName: users.displayName,
      deletedAt: users.deletedAt,
    })
    .from(answers)
    .innerJoin(users, eq(users.id, answers.userId))
    // `text IS NOT NULL` (every answer to an open question has one) lets the partial index
    // answers_question_updated_idx give the newest first, so a page reads only its rows.
    .where(and(eq(answers.questionId, questionId), isNotNull(answers.text), listedAnswers(viewer)))
    .orderBy(desc(answers.updatedAt), desc(answers.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .all();
  const shown = rows.slice(0, pageSize);
  const held = heldForOf("answer", shown.filter((row) => row.moderation === "held").map((row) => row.id));
  return {
    rows: shown.map((row) => {
      const moderation = moderatedView(viewer, { ...row, authorId: row.userId }, held.get(row.id) ?? null);
      return {
        id: row.id,
        authorName: row.deletedAt ? null : row.displayName,
        text: moderation.shown ? (row.text ?? "") : "",
        answeredAt: row.answeredAt,
        own: viewer !== null && row.userId === viewer.id,
        moderation,
      };
    }),
    page,
    hasNext: rows.length > pageSize,
  };
}

/**
 * Turns question rows into cards with a fixed number of queries: options,
 * respondent counts, option counts, the viewer's answers, and a page of open
 * answers per open question whose results the viewer may see.
 */
function buildCards(rows: QuestionRow[], viewer: Viewer, paging: { page: number; pageSize: number }): QuestionCardData[] {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((row) => row.id);

  const optionRows = db
    .select({ id: questionOptions.id, questionId: questionOptions.questionId, label: questionOptions.label })
    .from(questionOptions)
    .where(inArray(questionOptions.questionId, ids))
    .orderBy(asc(questionOptions.questionId), asc(questionOptions.position), asc(questionOptions.id))
    .all();
  const optionsByQuestion = new Map<number, QuestionOptionView[]>();
  for (const option of optionRows) {
    const list = optionsByQuestion.get(option.questionId) ?? [];
    list.push({ id: option.id, label: option.label });
    optionsByQuestion.set(option.questionId, list);
  }

  const respondents = new Map(respondentCountsQuery(ids).all().map((row) => [row.questionId, row.n]));

  const withResults = new Set(
    rows
      .filter((row) => canSeeResults(viewer, { status: row.status }, { phase: row.cyclePhase }))
      .map((row) => row.id),
  );
  const countedOptionIds = optionRows.filter((option) => withResults.has(option.questionId)).map((option) => option.id);
  const optionCounts = new Map(
    countedOptionIds.length ? optionCountsQuery(countedOptionIds).all().map((row) => [row.optionId, row.n]) : [],
  );

  const mine = new Map<number, MyAnswer>();
  if (viewer) {
    const own = db
      .select({
        id: answers.id,
        questionId: answers.questionId,
        text: answers.text,
        updatedAt: answers.updatedAt,
        userId: answers.userId,
        moderation: answers.moderation,
        moderationReason: answers.moderationReason,
      })
      .from(answers)
      .where(and(inArray(answers.questionId, ids), eq(answers.userId, viewer.id)))
      .all();
    const held = heldForOf("answer", own.filter((answer) => answer.moderation === "held").map((answer) => answer.id));
    const choices = own.length
      ? db
          .select({ answerId: answerChoices.answerId, optionId: answerChoices.optionId })
          .from(answerChoices)
          .where(inArray(answerChoices.answerId, own.map((answer) => answer.id)))
          .all()
      : [];
    for (const answer of own) {
      mine.set(answer.questionId, {
        text: answer.text,
        optionIds: choices.filter((choice) => choice.answerId === answer.id).map((choice) => choice.optionId),
        answeredAt: answer.updatedAt,
        moderation: moderatedView(viewer, { ...answer, authorId: answer.userId }, held.get(answer.id) ?? null),
      });
    }
  }

  const postIds = [...new Set(rows.map((row) => row.postId).filter((id): id is number => id !== null))];
  const postsById = new Map(
    postIds.length
      ? db
          .select({ id: posts.id, slug: posts.slug, title: posts.title, status: posts.status })
          .from(posts)
          .where(inArray(posts.id, postIds))
          .all()
          .map((post) => [post.id, post])
      : [],
  );

  return rows.map((row) => {
    const options = optionsByQuestion.get(row.id) ?? [];
    const total = respondents.get(row.id) ?? 0;
    const refusalReason = canAnswer(viewer, { status: row.status }, { phase: row.cyclePhase });
    let results: QuestionResults | null = null;
    if (withResults.has(row.id)) {
      results = {
        respondents: total,
        options:
          row.kind === "open"
            ? []
            : options.map((option) => {
                const n = optionCounts.get(option.id) ?? 0;
                return { ...option, count: n, percent: total ? Math.round((n * 100) / total) : 0 };
              }),
        answers: row.kind === "open" ? openAnswersPage(row.id, paging.page, paging.pageSize, viewer) : null,
      };
    }
    const post = row.postId ? postsById.get(row.postId) : undefined;
    return {
      id: row.id,
      prompt: row.prompt,
      descriptionHtml: row.description ? renderMarkdown(row.description) : "",
      kind: row.kind,
      status: row.status,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      cycle: { id: row.cycleId, slug: row.cycleSlug, title: row.cycleTitle, phase: row.cyclePhase },
      post:
        post && (post.status === "published" || canManageQuestions(viewer)) ? { slug: post.slug, title: post.title } : null,
      options,
      respondents: total,
      myAnswer: mine.get(row.id) ?? null,
      canAnswer: refusalReason === null,
      refusal: refusalReason ? REFUSAL_MESSAGES[refusalReason] : null,
      refusalReason,
      canManage: canManageQuestions(viewer),
      results,
    };
  });
}

/**
 * Question cards for a cycle page, a post page or both filters at once: the
 * questions the viewer may see, each with its options, the viewer's answer,
 * whether they can answer (and if not, why), and the results when visible.
 * In a post: in the order they were asked; otherwise newest first.
 */
export function listQuestionCards({
  cycleId,
  postId,
  viewer,
  limit = 20,
}: {
  cycleId?: number;
  postId?: number;
  viewer: Viewer;
  limit?: number;
}): QuestionCardData[] {
  const filters = [visibleCycles(viewer)];
  if (cycleId !== undefined) filters.push(eq(questions.cycleId, cycleId));
  if (postId !== undefined) filters.push(eq(questions.postId, postId));
  const order = postId !== undefined ? [asc(questions.createdAt), asc(questions.id)] : [desc(questions.createdAt), desc(questions.id)];
  const rows = getDb()
    .select(questionColumns)
    .from(questions)
    .innerJoin(cycles, eq(cycles.id, questions.cycleId))
    .where(and(...filters))
    .orderBy(...order)
    .limit(Math.min(Math.max(1, limit), 50))
    .all();
  return buildCards(rows, viewer, { page: 1, pageSize: EMBEDDED_ANSWERS });
}

const ANSWERING_PHASES = PHASES.filter((phase) => phaseAllows(phase, "answerQuestions"));

/**
 * Open questions that can be answered now, in cycles the viewer may see,
 * newest first (read along the questions_status_idx index), for the home page.
 */
export function listOpenQuestions({ viewer, limit = 5 }: { viewer: Viewer; limit?: number }): OpenQuestionSummary[] {
  const db = getDb();
  const rows = db
    .select({
      id: questions.id,
      prompt: questions.prompt,
      kind: questions.kind,
      createdAt: questions.createdAt,
      cycleSlug: cycles.slug,
      cycleTitle: cycles.title,
    })
    .from(questions)
    .innerJoin(cycles, eq(cycles.id, questions.cycleId))
    .where(and(eq(questions.status, "open"), inArray(cycles.phase, ANSWERING_PHASES), visibleCycles(viewer)))
    .orderBy(desc(questions.createdAt), desc(questions.id))
    .limit(Math.min(Math.max(1, limit), 50))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const respondents = new Map(respondentCountsQuery(ids).all().map((row) => [row.questionId, row.n]));
  const answered = new Set(
    viewer
      ? db
          .select({ questionId: answers.questionId })
          .from(answers)
          .where(and(inArray(answers.questionId, ids), eq(answers.userId, viewer.id)))
          .all()
          .map((row) => row.questionId)
      : [],
  );
  return rows.map((row) => ({
    id: row.id,
    prompt: row.prompt,
    kind: row.kind,
    createdAt: row.createdAt,
    cycle: { slug: row.cycleSlug, title: row.cycleTitle },
    respondents: respondents.get(row.id) ?? 0,
    answered: answered.has(row.id),
  }));
}

function findQuestionRow(id: number): QuestionRow | undefined {
  return getDb()
    .select(questionColumns)
    .from(questions)
    .innerJoin(cycles, eq(cycles.id, questions.cycleId))
    .where(eq(questions.id, id))
    .get();
}

/** The question page: its card with a page of open answers, or null when the viewer may not see it. */
export function getQuestionPage(viewer: Viewer, id: number, answersPage = 1): { card: QuestionCardData } | null {
  const row = findQuestionRow(id);
  if (!row) return null;
  const [card] = buildCards([row], viewer, { page: answersPage, pageSize: ANSWERS_PAGE_SIZE });
  if (!card || card.refusalReason === "not_visible") return null;
  return { card };
}

export type AskQuestionForm = {
  cycles: Array<{ id: number; title: string; phase: Phase }>;
  posts: Array<{ id: number; title: string; cycleId: number; cycleTitle: string; published: boolean }>;
  selectedCycleId: number | null;
  selectedPostId: number | null;
};

/**
 * What the "ask a question" form offers: the cycles that are not closed, the
 * posts in them, and what `?ronde=` / `?bericht=` preselect.
 */
export function getAskQuestionForm({ cycleSlug, postSlug }: { cycleSlug?: string | null; postSlug?: string | null }): AskQuestionForm {
  const db = getDb();
  const open = listCyclesForSelect();
  // The posts of those cycles, looked up by cycle (posts_cycle_idx), not by reading every post there is.
  const postRows = open.length
    ? db
        .select({ id: posts.id, slug: posts.slug, title: posts.title, status: posts.status, cycleId: cycles.id, cycleTitle: cycles.title })
        .from(posts)
        .innerJoin(cycles, eq(cycles.id, posts.cycleId))
        .where(inArray(posts.cycleId, open.map((cycle) => cycle.id)))
        .orderBy(desc(cycles.createdAt), desc(posts.createdAt), desc(posts.id))
        .limit(200)
        .all()
    : [];
  const post = postSlug ? postRows.find((row) => row.slug === postSlug) : undefined;
  const cycleId =
    post?.cycleId ??
    (cycleSlug ? db.select({ id: cycles.id }).from(cycles).where(eq(cycles.slug, cycleSlug)).get()?.id : undefined);
  return {
    cycles: open,
    posts: postRows.map((row) => ({
      id: row.id,
      title: row.title,
      cycleId: row.cycleId,
      cycleTitle: row.cycleTitle,
      published: row.status === "published",
    })),
    selectedCycleId: cycleId !== undefined && open.some((cycle) => cycle.id === cycleId) ? cycleId : null,
    selectedPostId: post?.id ?? null,
  };
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

export type Refusal<R extends string> = { ok: false; reason: R; field?: string; message?: MessageKey };

/** A project leader asks a question in a cycle that is not closed, optionally shown in a post of that cycle. */
export function askQuestion(
  viewer: Viewer,
  input: QuestionInput,
  now = new Date(),
): { ok: true; id: number } | Refusal<"forbidden" | "cycle_not_found" | "cycle_closed" | "post_mismatch"> {
  if (!canManageQuestions(viewer)) return { ok: false, reason: "forbidden" };
  const db = getDb();
  return db.transaction((tx) => {
    const cycle = tx.select({ id: cycles.id, phase: cycles.phase }).from(cycles).where(eq(cycles.id, input.cycleId)).get();
    if (!cycle) return { ok: false as const, reason: "cycle_not_found" as const, field: "cycleId", message: "question.error.cycleRequired" as const };
    if (!canAskQuestionIn(viewer, cycle)) {
      return { ok: false as const, reason: "cycle_closed" as const, field: "cycleId", message: "question.error.cycleClosed" as const };
    }
    if (input.postId !== null) {
      const post = tx.select({ cycleId: posts.cycleId }).from(posts).where(eq(posts.id, input.postId)).get();
      if (!post || post.cycleId !== cycle.id) {
        return { ok: false as const, reason: "post_mismatch" as const, field: "postId", message: "question.error.postMismatch" as const };
      }
    }
    const row = tx
      .insert(questions)
      .values({
        cycleId: cycle.id,
        postId: input.postId,
        prompt: input.prompt,
        description: input.description,
        kind: input.kind,
        status: "open",
        createdBy: viewer!.id,
        createdAt: now,
      })
      .returning({ id: questions.id })
      .get();
    if (input.kind !== "open" && input.options.length) {
      tx.insert(questionOptions)
        .values(input.options.map((label, position) => ({ questionId: row.id, label, position })))
        .run();
    }
    return { ok: true as const, id: row.id };
  });
}

export type AnswerFailure =
  | Refusal<"not_found">
  | (Refusal<AnswerRefusal> & { field: "text" | "options"; message: MessageKey })
  | (Refusal<"invalid"> & { field: "text" | "options"; message: AnswerMessage });

/**
 * A resident answers, or changes their answer, in one transaction: the one
 * answer row (unique per question and person) and its chosen options.
 *
 * Every answer passes the moderation gate in the same transaction: the code
 * of conduct for any answer; the wording check and screening for the text of
 * an open question. A choice has no words, so it is never held (the gate gets
 * no texts and no cycle). A changed open answer is checked again, like an
 * edited reaction: one a moderator hid (or flags hid) stays hidden; a held
 * one that now passes is released. `held` says it waits for a project leader.
 */
export function answerQuestion(
  viewer: Viewer,
  questionId: number,
  input: AnswerInput,
  now = new Date(),
  contribution: ContributionInput = NO_CONTRIBUTION_INPUT,
): { ok: true; changed: boolean; held: boolean } | AnswerFailure | GateRefusal {
  const db = getDb();
  return db.transaction((tx) => {
    const question = tx
      .select({ id: questions.id, kind: questions.kind, status: questions.status, cycleId: questions.cycleId, phase: cycles.phase })
      .from(questions)
      .innerJoin(cycles, eq(cycles.id, questions.cycleId))
      .where(eq(questions.id, questionId))
      .get();
    if (!question) return { ok: false as const, reason: "not_found" as const };
    const field = question.kind === "open" ? ("text" as const) : ("options" as const);
    const refusal = canAnswer(viewer, question, question);
    if (refusal === "not_visible") return { ok: false as const, reason: "not_found" as const };
    if (refusal) return { ok: false as const, reason: refusal, field, message: REFUSAL_MESSAGES[refusal] };

    const problem = answerProblem(question.kind, input);
    if (problem) return { ok: false as const, reason: "invalid" as const, ...problem };
    let optionIds: number[] = [];
    if (question.kind !== "open") {
      optionIds = [...new Set(input.optionIds)];
      const known = tx
        .select({ id: questionOptions.id })
        .from(questionOptions)
        .where(and(eq(questionOptions.questionId, question.id), inArray(questionOptions.id, optionIds)))
        .all();
      if (known.length !== optionIds.length) {
        return { ok: false as const, reason: "invalid" as const, field, message: "question.error.optionUnknown" as const };
      }
    }

    const text = question.kind === "open" ? input.text.trim() : null;
    const open = text !== null;
    const cycleId = open ? question.cycleId : null;
    const gate = gateContribution(tx, viewer!, cycleId, open ? [text] : [], contribution);
    if (!gate.ok) return gate;
    const existing = tx
      .select({ id: answers.id, moderation: answers.moderation })
      .from(answers)
      .where(and(eq(answers.questionId, question.id), eq(answers.userId, viewer!.id)))
      .get();
    const state: ModerationState = existing ? stateAfterEdit(existing.moderation, gate.gate) : gate.gate.moderation;
    // An upsert on the unique (question, person) index: never a second row.
    const answerId = tx
      .insert(answers)
      .values({ questionId: question.id, userId: viewer!.id, text, moderation: state, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [answers.questionId, answers.userId], set: { text, moderation: state, updatedAt: now } })
      .returning({ id: answers.id })
      .get().id;
    tx.delete(answerChoices).where(eq(answerChoices.answerId, answerId)).run();
    if (optionIds.length) {
      tx.insert(answerChoices).values(optionIds.map((optionId) => ({ answerId, optionId }))).run();
    }
    const target = { type: "answer" as const, id: answerId };
    if (state === "held") recordContribution(tx, { actor: viewer!, target, cycleId, gate: gate.gate, contribution, now });
    else {
      recordContribution(tx, { actor: viewer!, target, cycleId, gate: { ...gate.gate, moderation: "visible" }, contribution, now });
      closeHeldCaseIfReleased(tx, target, state, now);
    }
    return { ok: true as const, changed: !!existing, held: state === "held" };
  }, WRITE);
}

/** A project leader closes a question (results become public) or opens it again. */
export function setQuestionStatus(
  viewer: Viewer,
  questionId: number,
  to: QuestionStatus,
  now = new Date(),
): { ok: true } | Refusal<"not_found" | StatusChangeRefusal> {
  const db = getDb();
  return db.transaction((tx) => {
    const question = tx.select({ id: questions.id, status: questions.status }).from(questions).where(eq(questions.id, questionId)).get();
    if (!question) return { ok: false as const, reason: "not_found" as const };
    const refusal = statusChangeRefusal(viewer, question, to);
    if (refusal) {
      return { ok: false as const, reason: refusal, message: `question.error.status.${refusal}` as const };
    }
    tx.update(questions)
      .set({ status: to, closedAt: to === "closed" ? now : null })
      .where(eq(questions.id, question.id))
      .run();
    tx.insert(auditLog)
      .values({
        actorId: viewer!.id,
        action: to === "closed" ? "question.closed" : "question.reopened",
        targetType: "question",
        targetId: String(question.id),
        createdAt: now,
      })
      .run();
    return { ok: true as const };
  });
}

const CSV_MODERATION: Record<ModerationState, MessageKey> = {
  visible: "question.csv.moderation.visible",
  held: "question.csv.moderation.held",
  flagged: "question.csv.moderation.flagged",
  hidden: "question.csv.moderation.hidden",
};

/**
 * All answers to a question as CSV, for project leaders: the question, the
 * author's display name, the answer (or the chosen options joined with "; "),
 * when it was given (ISO 8601), and its moderation state, oldest first.
 *
 * Moderation: the CSV is for project leaders only, who moderate these texts
 * (they read held, flagged and hidden texts in the moderation queue too). So
 * every answer is in it with its words, and the last column says whether it
 * is public ("zichtbaar"), waits for approval, was hidden after flags, or was
 * hidden by a moderator (with the public reason). Whoever uses the file for a
 * publication leaves out what is not "zichtbaar".
 */
export function exportAnswersCsv(
  viewer: Viewer,
  questionId: number,
  locale: Locale,
): { ok: true; filename: string; body: string } | Refusal<"forbidden" | "not_found"> {
  if (!canManageQuestions(viewer)) return { ok: false, reason: "forbidden" };
  const db = getDb();
  const question = db.select({ id: questions.id, prompt: questions.prompt }).from(questions).where(eq(questions.id, questionId)).get();
  if (!question) return { ok: false, reason: "not_found" };
  const rows = db
    .select({
      id: answers.id,
      text: answers.text,
      moderation: answers.moderation,
      moderationReason: answers.moderationReason,
      answeredAt: answers.updatedAt,
      displayName: users.displayName,
      deletedAt: users.deletedAt,
    })
    .from(answers)
    .innerJoin(users, eq(users.id, answers.userId))
    .where(eq(answers.questionId, question.id))
    .orderBy(asc(answers.updatedAt), asc(answers.id))
    .all();
  const chosen = db
    .select({ answerId: answerChoices.answerId, label: questionOptions.label })
    .from(questionOptions)
    .innerJoin(answerChoices, eq(answerChoices.optionId, questionOptions.id))
    .where(eq(questionOptions.questionId, question.id))
    .orderBy(asc(questionOptions.position), asc(questionOptions.id))
    .all();
  const labels = new Map<number, string[]>();
  for (const choice of chosen) {
    const list = labels.get(choice.answerId) ?? [];
    list.push(choice.label);
    labels.set(choice.answerId, list);
  }
  const t = (key: MessageKey, vars?: Record<string, string>) => translate(locale, key, vars);
  const state = (row: { moderation: ModerationState; moderationReason: string | null }) =>
    row.moderation === "hidden" && row.moderationReason
      ? t("question.csv.moderation.hiddenReason", { reason: row.moderationReason })
      : t(CSV_MODERATION[row.moderation]);
  const body = toCsv([
    [t("question.csv.question"), t("question.csv.author"), t("question.csv.answer"), t("question.csv.answeredAt"), t("question.csv.moderation")],
    ...rows.map((row) => [
      question.prompt,
      row.deletedAt ? t("question.deletedParticipant") : row.displayName,
      row.text ?? (labels.get(row.id) ?? []).join("; "),
      row.answeredAt.toISOString(),
      state(row),
    ]),
  ]);
  return { ok: true, filename: `vraag-${question.id}-antwoorden.csv`, body };
}
