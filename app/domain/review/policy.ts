/**
 * Officials' review: who may answer an escalated knelpunt, with which
 * decision, as pure functions. The answer form offers exactly what
 * answerRefusal allows, and answerKnelpunt() asks the same function.
 *
 * The decisions follow the knelpunt's status diagram (KNELPUNT_TRANSITIONS)
 * and its setter (KNELPUNT_STATUS_SETTER: officials). There is deliberately
 * no phase gate beyond "not in concept": a knelpunt that was fast-tracked
 * before the phase opschalen (acute danger) must be answerable at once.
 */
import type { Role } from "~/domain/accounts/roles";
import { canViewCycle, type Phase } from "~/domain/cycles/policy";
import { knelpuntStatusChangeRefusal, type KnelpuntStatus } from "~/domain/knelpunten/policy";

export type Actor = { id: string; role: Role } | null;

/** What an official can decide, in the order the form shows them. */
export const ANSWER_DECISIONS = ["in_behandeling", "toegezegd", "afgewezen", "uitgevoerd"] as const;
export type AnswerDecision = (typeof ANSWER_DECISIONS)[number];

export function isAnswerDecision(value: unknown): value is AnswerDecision {
  return typeof value === "string" && (ANSWER_DECISIONS as readonly string[]).includes(value);
}

/** The queue's decision filter: not yet answered (geescaleerd) or one of the decisions. */
export const QUEUE_FILTERS = ["open", ...ANSWER_DECISIONS] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export function isQueueFilter(value: unknown): value is QueueFilter {
  return typeof value === "string" && (QUEUE_FILTERS as readonly string[]).includes(value);
}

/** The knelpunt status a queue filter lists. */
export function queueFilterStatus(filter: QueueFilter): KnelpuntStatus {
  return filter === "open" ? "geescaleerd" : filter;
}

/** Limits shared by the schemas, the commands and the forms. */
export const REVIEW_LIMITS = {
  explanationMin: 10,
  explanationMax: 5000,
  departmentMin: 2,
  departmentMax: 200,
  templateTitleMin: 3,
  templateTitleMax: 120,
  templateBodyMin: 10,
  templateBodyMax: 5000,
} as const;

/** Only officials review (the queue, the answer form, their templates). */
export function canReview(actor: Actor): boolean {
  return actor?.role === "ambtenaar";
}

/** Why an official cannot give this answer (message `review.refusal.<reason>`). */
export type AnswerRefusal = "not_official" | "not_visible" | "transition";

/**
 * Whether `actor` may answer a knelpunt in `status` with `decision`. Null:
 * allowed. The fields the decision needs are checked by answerDetailsRefusal.
 */
export function answerRefusal(actor: Actor, knelpunt: { status: KnelpuntStatus }, cycle: { phase: Phase }, decision: AnswerDecision): AnswerRefusal | null {
  if (!canReview(actor)) return "not_official";
  if (!canViewCycle(actor, cycle)) return "not_visible";
  const refusal = knelpuntStatusChangeRefusal(actor, knelpunt.status, decision);
  if (refusal === "not_allowed_role") return "not_official";
  if (refusal === "transition") return "transition";
  return null;
}

/** The decisions the form offers now (empty: nothing to answer). */
export function allowedDecisions(actor: Actor, knelpunt: { status: KnelpuntStatus }, cycle: { phase: Phase }): AnswerDecision[] {
  return ANSWER_DECISIONS.filter((decision) => answerRefusal(actor, knelpunt, cycle, decision) === null);
}

export type AnswerDetails = {
  decision: AnswerDecision;
  explanation: string;
  department: string | null;
  /** YYYY-MM-DD. */
  expectedDate: string | null;
};

export type AnswerField = "decision" | "explanation" | "department" | "expectedDate";
export type DetailsRefusal = {
  field: AnswerField;
  reason: "explanation_too_short" | "explanation_too_long" | "reason_required" | "department_required" | "date_required" | "date_invalid" | "date_past";
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const AMSTERDAM_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in the Netherlands, YYYY-MM-DD (the expected date may be today, not earlier). */
export function amsterdamDay(now: Date): string {
  return AMSTERDAM_DAY.format(now);
}

/**
 * What the decision needs besides the status: always a public explanation
 * (for afgewezen: the reason), and for toegezegd the responsible department
 * and an expected date that is not in the past. Null: complete.
 */
export function answerDetailsRefusal(details: AnswerDetails, today: string): DetailsRefusal | null {
  const length = [...details.explanation.trim()].length;
  if (length < REVIEW_LIMITS.explanationMin) {
    return { field: "explanation", reason: details.decision === "afgewezen" ? "reason_required" : "explanation_too_short" };
  }
  if (length > REVIEW_LIMITS.explanationMax) return { field: "explanation", reason: "explanation_too_long" };
  if (details.decision === "toegezegd") {
    if ([...(details.department ?? "").trim()].length < REVIEW_LIMITS.departmentMin) return { field: "department", reason: "department_required" };
    const date = details.expectedDate?.trim() ?? "";
    if (!date) return { field: "expectedDate", reason: "date_required" };
    if (!isIsoDate(date)) return { field: "expectedDate", reason: "date_invalid" };
    if (date < today) return { field: "expectedDate", reason: "date_past" };
  }
  return null;
}

/** Whole days between escalation and now (0 on the day itself). */
export function daysWaited(escalatedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - escalatedAt.getTime()) / 86_400_000));
}

/** Templates are the official's own: only the owner reads, changes or deletes one. */
export type TemplateRefusal = "not_official" | "not_owner";

export function templateRefusal(actor: Actor, template: { ownerId: string } | null): TemplateRefusal | null {
  if (!canReview(actor)) return "not_official";
  if (template && template.ownerId !== actor!.id) return "not_owner";
  return null;
}
