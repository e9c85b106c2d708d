/**
 * The officials' forms: the answer (decision, public explanation, for
 * toegezegd the department and expected date, optionally saved as a
 * template) and the templates. Errors are message keys (app/i18n/nl/review.ts).
 */
import { z } from "zod";
import {
  ANSWER_DECISIONS,
  REVIEW_LIMITS as L,
  amsterdamDay,
  answerDetailsRefusal,
  type AnswerRefusal,
  type DetailsRefusal,
  type TemplateRefusal,
} from "./policy";

export const DETAILS_MESSAGES = {
  explanation_too_short: "review.error.explanationTooShort",
  explanation_too_long: "review.error.explanationTooLong",
  reason_required: "review.error.reasonRequired",
  department_required: "review.error.departmentRequired",
  date_required: "review.error.dateRequired",
  date_invalid: "review.error.dateInvalid",
  date_past: "review.error.datePast",
} as const satisfies Record<DetailsRefusal["reason"], `review.${string}`>;

export const ANSWER_REFUSAL_MESSAGES = {
  not_official: "review.refusal.not_official",
  not_visible: "review.refusal.not_visible",
  transition: "review.refusal.transition",
} as const satisfies Record<AnswerRefusal, `review.${string}`>;

export const TEMPLATE_REFUSAL_MESSAGES = {
  not_official: "review.refusal.not_official",
  not_owner: "review.template.error.notFound",
} as const satisfies Record<TemplateRefusal, `review.${string}`>;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .optional()
    .transform((value) => value || null);

export const answerSchema = z
  .object({
    decision: z.enum(ANSWER_DECISIONS, { error: "review.error.decision" }),
    explanation: z.string({ error: "review.error.explanationTooShort" }).trim(),
    department: optionalText(L.departmentMax, "review.error.departmentTooLong"),
    expectedDate: optionalText(10, "review.error.dateInvalid"),
    /** A checkbox: "on" when ticked. */
    saveTemplate: z
      .string()
      .optional()
      .transform((value) => value === "on"),
    templateTitle: optionalText(L.templateTitleMax, "review.template.error.titleTooLong"),
  })
  .superRefine((input, ctx) => {
    const refusal = answerDetailsRefusal(input, amsterdamDay(new Date()));
    if (refusal) ctx.addIssue({ code: "custom", path: [refusal.field], message: DETAILS_MESSAGES[refusal.reason] });
    if (input.saveTemplate && [...(input.templateTitle ?? "")].length < L.templateTitleMin) {
      ctx.addIssue({ code: "custom", path: ["templateTitle"], message: "review.template.error.titleTooShort" });
    }
  });
export type AnswerInput = z.output<typeof answerSchema>;

export const templateSchema = z.object({
  title: z
    .string({ error: "review.template.error.titleTooShort" })
    .trim()
    .refine((value) => [...value].length >= L.templateTitleMin, { error: "review.template.error.titleTooShort" })
    .refine((value) => [...value].length <= L.templateTitleMax, { error: "review.template.error.titleTooLong" }),
  body: z
    .string({ error: "review.template.error.bodyTooShort" })
    .trim()
    .refine((value) => [...value].length >= L.templateBodyMin, { error: "review.template.error.bodyTooShort" })
    .refine((value) => [...value].length <= L.templateBodyMax, { error: "review.template.error.bodyTooLong" }),
});
export type TemplateInput = z.output<typeof templateSchema>;
