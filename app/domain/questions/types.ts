/**
 * View models of questions, shared by the server queries and the components
 * (which must not import *.server modules).
 */
import type { Phase } from "~/domain/cycles/phases";
import type { ModeratedView } from "~/domain/moderation/view";
import type { MessageKey } from "~/i18n";
import type { AnswerRefusal, QuestionKind, QuestionStatus } from "./policy";

export type QuestionOptionView = { id: number; label: string };

export type OptionResult = {
  id: number;
  label: string;
  /** Respondents who chose this option. */
  count: number;
  /** Of all respondents, rounded to whole percents (several options may add up to more than 100). */
  percent: number;
};

export type OpenAnswer = {
  id: number;
  /** Null for a deleted account ("verwijderde deelnemer"). */
  authorName: string | null;
  /** "" when the viewer may not read it (hidden or flagged: see `moderation`). */
  text: string;
  answeredAt: Date;
  /** The viewer wrote it. */
  own: boolean;
  /** What the viewer may see of it (app/domain/moderation/view.ts). */
  moderation: ModeratedView;
};

export type QuestionResults = {
  /** How many residents answered. */
  respondents: number;
  /** Choice questions: every option in order, with its count. Empty for open questions. */
  options: OptionResult[];
  /** Open questions: the answers, newest first, one page of them. */
  answers: { rows: OpenAnswer[]; page: number; hasNext: boolean } | null;
};

export type MyAnswer = {
  /** The author's own text (also when held or hidden: they wrote it, and may change it). */
  text: string | null;
  optionIds: number[];
  answeredAt: Date;
  /** What others see of it: held (waits for a project leader), flagged or hidden. */
  moderation: ModeratedView;
};

export type QuestionCardData = {
  id: number;
  prompt: string;
  /** The description rendered from Markdown (raw HTML off); "" when there is none. */
  descriptionHtml: string;
  kind: QuestionKind;
  status: QuestionStatus;
  createdAt: Date;
  closedAt: Date | null;
  cycle: { id: number; slug: string; title: string; phase: Phase };
  /** The post it is also shown in, when the viewer can open that post. */
  post: { slug: string; title: string } | null;
  options: QuestionOptionView[];
  /** How many residents answered so far (not the results themselves). */
  respondents: number;
  /** The viewer's current answer, when they gave one. */
  myAnswer: MyAnswer | null;
  /** Whether the answer form is shown. */
  canAnswer: boolean;
  /** Why the viewer cannot answer (a message key), or null. */
  refusal: MessageKey | null;
  /** Why the viewer cannot answer, as the policy says, or null. */
  refusalReason: AnswerRefusal | null;
  /** Project leaders: close/reopen and the CSV download. */
  canManage: boolean;
  /** Counts and answers, when the viewer may see them. */
  results: QuestionResults | null;
};

export type OpenQuestionSummary = {
  id: number;
  prompt: string;
  kind: QuestionKind;
  createdAt: Date;
  cycle: { slug: string; title: string };
  respondents: number;
  /** Whether the viewer already answered it. */
  answered: boolean;
};

