import { z } from "zod";
import { SLUG_PATTERN } from "~/lib/slug";
import { PHASES } from "./phases";

const count = (max: number) =>
  z.coerce
    .number({ error: "cycle.error.number" })
    .int({ error: "cycle.error.number" })
    .min(0, { error: "cycle.error.number" })
    .max(max, { error: "cycle.error.numberTooBig" });

export const cycleSchema = z.object({
  title: z
    .string({ error: "cycle.error.titleRequired" })
    .trim()
    .min(3, { error: "cycle.error.titleRequired" })
    .max(120, { error: "cycle.error.titleTooLong" }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(80, { error: "cycle.error.slugInvalid" })
    .refine((value) => value === "" || SLUG_PATTERN.test(value), { error: "cycle.error.slugInvalid" })
    .optional()
    .transform((value) => value || null),
  theme: z
    .string({ error: "cycle.error.themeRequired" })
    .trim()
    .min(3, { error: "cycle.error.themeRequired" })
    .max(200, { error: "cycle.error.themeTooLong" }),
  intro: z.string().trim().max(20_000, { error: "cycle.error.introTooLong" }).default(""),
  /** One neighbourhood per line, or separated by commas. */
  wijken: z
    .string()
    .max(2000, { error: "cycle.error.wijkenTooLong" })
    .default("")
    .transform((value) =>
      [...new Set(value.split(/[\n,]/).map((w) => w.trim()).filter(Boolean))].slice(0, 50),
    )
    .refine((list) => list.every((w) => w.length <= 80), { error: "cycle.error.wijkenTooLong" }),
  supportLimit: count(1000),
  supportThreshold: count(100_000),
  minVolunteers: count(1000),
  screening: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});
export type CycleInput = z.output<typeof cycleSchema>;

export const phaseMoveSchema = z.object({
  to: z.enum(PHASES, { error: "cycle.error.phaseInvalid" }),
});
