/**
 * Form schemas for measures. Error messages are message keys (see
 * app/i18n/nl/knelpunten.ts); the page translates them.
 */
import { z } from "zod";
import { MEASURE_KINDS, MEASURE_LIMITS as L, PROGRESS_STATUSES } from "./policy";

const chars = (value: string) => [...value].length;

const text = (min: number, max: number, tooShort: string, tooLong: string) =>
  z
    .string({ error: tooShort })
    .trim()
    .refine((value) => chars(value) >= min, { error: tooShort })
    .refine((value) => chars(value) <= max, { error: tooLong });

/** A resident proposes a self-help ("zelf") or government ("overheid") measure. */
export const measureSchema = z.object({
  kind: z.enum(MEASURE_KINDS, { error: "measure.error.kindInvalid" }),
  title: text(L.titleMin, L.titleMax, "measure.error.titleTooShort", "measure.error.titleTooLong"),
  description: text(L.descriptionMin, L.descriptionMax, "measure.error.descriptionTooShort", "measure.error.descriptionTooLong"),
});
export type MeasureInput = z.output<typeof measureSchema>;

/** Marking a measure niet_doorgegaan, with a public reason. */
export const abandonSchema = z.object({
  reason: text(L.reasonMin, L.reasonMax, "measure.error.reasonTooShort", "measure.error.reasonTooLong"),
});
export type AbandonInput = z.output<typeof abandonSchema>;

/** Reporting progress: started (in_uitvoering) or carried out (uitgevoerd), with an optional public note. */
export const progressSchema = z.object({
  to: z.enum(PROGRESS_STATUSES, { error: "measure.error.progressInvalid" }),
  note: z
    .string()
    .trim()
    .refine((value) => chars(value) <= L.noteMax, { error: "measure.error.noteTooLong" })
    .optional()
    .transform((value) => value || null),
});
export type ProgressInput = z.output<typeof progressSchema>;
