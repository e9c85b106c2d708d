/**
 * Who may do what with a question, as pure functions. The same functions hide
 * or show things in the interface and guard the commands on the server.
 */
import type { Role } from "~/domain/accounts/roles";
import { canViewCycle, isResident, phaseAllows, type Phase } from "~/domain/cycles/policy";

export type Viewer = { id: string; role: Role } | null;

export const QUESTION_KINDS = ["open", "single", "multiple"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QUESTION_STATUSES = ["open", "closed"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** Why someone cannot answer a question (each has a message `question.refusal.<reason>`). */
export type AnswerRefusal =
  /** The cycle is hidden from this person (a concept cycle): treat as not found. */
  | "not_visible"
  /** A visitor: log in first. */
  | "not_signed_in"
  /** Project leaders, officials and administrators do not answer. */
  | "not_resident"
  /** The project leader closed the question. */
  | "closed"
  /** The cycle's phase does not open answering (concept, afgerond). */
  | "phase";

type QuestionState = { status: QuestionStatus };
type CycleState = { phase: Phase };

/** Null when the viewer may answer (or change their answer) now, else why not. */
export function canAnswer(viewer: Viewer, question: QuestionState, cycle: CycleState): AnswerRefusal | null {
  if (!canViewCycle(viewer, cycle)) return "not_visible";
  // Who you are first (the server answers 403), then what the question allows,
  // and only then "log in": a visitor is not asked to log in for a closed question.
  if (viewer && !isResident(viewer)) return "not_resident";
  if (question.status !== "open") return "closed";
  if (!phaseAllows(cycle.phase, "answerQuestions")) return "phase";
  if (!viewer) return "not_signed_in";
  return null;
}

/** Everyone who sees the cycle sees the results once the question is closed; project leaders always. */
export function canSeeResults(viewer: Viewer, question: QuestionState, cycle: CycleState): boolean {
  if (!canViewCycle(viewer, cycle)) return false;
  return question.status === "closed" || viewer?.role === "projectleider";
}

/** Project leaders ask, close and reopen questions and download the answers. */
export function canManageQuestions(viewer: Viewer): boolean {
  return viewer?.role === "projectleider";
}

/** A question is asked in a cycle that is not closed yet. */
export function canAskQuestionIn(viewer: Viewer, cycle: CycleState): boolean {
  return canManageQuestions(viewer) && cycle.phase !== "afgerond";
}

export type StatusChangeRefusal = "forbidden" | "unchanged";

/** Closing and reopening: a project leader, and only to the other status. */
export function statusChangeRefusal(viewer: Viewer, question: QuestionState, to: QuestionStatus): StatusChangeRefusal | null {
  if (!canManageQuestions(viewer)) return "forbidden";
  if (question.status === to) return "unchanged";
  return null;
}

/** Limits shared by the schemas, the commands and the forms. */
export const QUESTION_LIMITS = {
  promptMin: 5,
  promptMax: 300,
  descriptionMax: 5000,
  optionsMin: 2,
  optionsMax: 10,
  optionMax: 200,
  answerMin: 2,
  answerMax: 2000,
} as const;
