import { z } from "zod";
import { FLAG_REASONS, MODERATION_TARGETS } from "./states";

export const flagSchema = z.object({
  reason: z.enum(FLAG_REASONS, { message: "moderation.flag.reasonRequired" }),
  note: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || value.length <= 500, { message: "moderation.flag.noteTooLong" }),
});

export const decisionSchema = z.object({
  decision: z.enum(["approve", "hide", "restore", "approveParticipant"], { message: "error.badRequest" }),
  type: z.enum(MODERATION_TARGETS, { message: "error.badRequest" }),
  id: z.coerce.number().int().positive({ message: "error.badRequest" }),
  reason: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || value.length <= 300, { message: "moderation.error.reasonTooLong" }),
});

/** `/melden/:type/:id`: a known kind and a plain id, or 404. */
export function parseTarget(params: { type?: string; id?: string }): { type: (typeof MODERATION_TARGETS)[number]; id: number } | null {
  const type = MODERATION_TARGETS.find((value) => value === params.type);
  if (!type || !/^[1-9]\d{0,9}$/.test(params.id ?? "")) return null;
  return { type, id: Number(params.id) };
}
