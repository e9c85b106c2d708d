/**
 * Form schemas for questions. Error messages are message keys (see
 * app/i18n/nl/questions.ts); the page translates them.
 */
import { z } from "zod";
import type { FieldErrors, FormResult } from "~/lib/forms";
import { isMessageKey } from "~/i18n";
import { QUESTION_KINDS, QUESTION_LIMITS as L, type QuestionKind } from "./policy";

const id = (error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, { error })
    .transform(Number);

/** One option per line; blank lines are ignored. */
export function optionLines(value: string): string[] {
  return value
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Problems with the options of a choice question, as a message key, or null. */
export function optionsProblem(options: string[]) {
  if (options.length < L.optionsMin) return "question.error.optionsTooFew" as const;
  if (options.length > L.optionsMax) return "question.error.optionsTooMany" as const;
  if (options.some((option) => [...option].length > L.optionMax)) return "question.error.optionTooLong" as const;
  const seen = new Set<string>();
  for (const option of options) {
    const key = option.toLocaleLowerCase("nl");
    if (seen.has(key)) return "question.error.optionDuplicate" as const;
    seen.add(key);
  }
  return null;
}

export const isChoiceKind = (kind: QuestionKind) => kind !== "open";

/** A project leader asks a question. */
export const questionSchema = z
  .object({
    cycleId: id("question.error.cycleRequired"),
    prompt: z
      .string({ error: "question.error.promptTooShort" })
      .trim()
      .refine((value) => [...value].length >= L.promptMin, { error: "question.error.promptTooShort" })
      .refine((value) => [...value].length <= L.promptMax, { error: "question.error.promptTooLong" }),
    description: z
      .string()
      .trim()
      .max(L.descriptionMax, { error: "question.error.descriptionTooLong" })
      .default(""),
    kind: z.enum(QUESTION_KINDS, { error: "question.error.kindRequired" }),
    /** The textarea, one option per line. */
    options: z
      .string()
      .max(L.optionsMax * (L.optionMax + 2) + 200, { error: "question.error.optionsTooMany" })
      .default("")
      .transform(optionLines),
    /** Empty: not shown in a post. */
    postId: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || /^[1-9]\d{0,9}$/.test(value), { error: "question.error.postInvalid" })
      .transform((value) => (value ? Number(value) : null)),
  })
  .superRefine((value, ctx) => {
    if (!isChoiceKind(value.kind)) return;
    const problem = optionsProblem(value.options);
    if (problem) ctx.addIssue({ code: "custom", path: ["options"], message: problem });
  }, {
    // Also when another field failed, so every problem is shown at once.
    when: (payload) => {
      const raw = payload.value as { kind?: unknown; options?: unknown };
      return (QUESTION_KINDS as readonly unknown[]).includes(raw?.kind) && Array.isArray(raw?.options);
    },
  })
  .transform((value) => ({ ...value, options: isChoiceKind(value.kind) ? value.options : [] }));

export type QuestionInput = z.output<typeof questionSchema>;

/**
 * The answer form: `text` for an open question, `option` (one value per
 * chosen option) for a choice question. Kind-specific rules (length, how many
 * options, which ones) are checked by the command against the question itself.
 */
export const answerFormSchema = z.object({
  text: z.string().max(L.answerMax * 4, { error: "question.error.answerTooLong" }).default(""),
  optionIds: z
    .array(z.string().regex(/^[1-9]\d{0,9}$/, { error: "question.error.optionUnknown" }).transform(Number))
    .max(L.optionsMax, { error: "question.error.optionUnknown" })
    .default([]),
});
export type AnswerInput = { text: string; optionIds: number[] };

/** The rules for an answer to a question of `kind`, as message keys per field. */
export function answerProblem(kind: QuestionKind, input: AnswerInput): { field: "text" | "options"; message: AnswerMessage } | null {
  if (kind === "open") {
    const length = [...input.text.trim()].length;
    if (length === 0) return { field: "text", message: "question.error.answerEmpty" };
    if (length < L.answerMin) return { field: "text", message: "question.error.answerTooShort" };
    if (length > L.answerMax) return { field: "text", message: "question.error.answerTooLong" };
    return null;
  }
  const unique = new Set(input.optionIds);
  if (unique.size === 0) {
    return { field: "options", message: kind === "single" ? "question.error.chooseOne" : "question.error.chooseAtLeastOne" };
  }
  if (unique.size !== input.optionIds.length) return { field: "options", message: "question.error.optionUnknown" };
  if (kind === "single" && unique.size !== 1) return { field: "options", message: "question.error.chooseOnlyOne" };
  return null;
}

export type AnswerMessage =
  | "question.error.answerEmpty"
  | "question.error.answerTooShort"
  | "question.error.answerTooLong"
  | "question.error.chooseOne"
  | "question.error.chooseAtLeastOne"
  | "question.error.chooseOnlyOne"
  | "question.error.optionUnknown";

/**
 * Reads the answer form. Not `parseForm`: a checkbox group sends one `option`
 * value per ticked box, which a flat record of values would lose.
 */
export function parseAnswerForm(formData: FormData): FormResult<AnswerInput> {
  const text = formData.get("text");
  const optionIds = formData.getAll("option").filter((value): value is string => typeof value === "string");
  const values = { text: typeof text === "string" ? text : "", options: optionIds.join(",") };
  const result = answerFormSchema.safeParse({ text: values.text, optionIds });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] === "optionIds" ? "options" : String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    errors[field] = isMessageKey(issue.message) ? issue.message : "error.badRequest";
  }
  return { ok: false, errors, values };
}

/** Closing and reopening. */
export const statusSchema = z.object({
  intent: z.enum(["close", "reopen"], { error: "error.badRequest" }),
});
