/**
 * The escalation form. The fast-track reason's minimum length is the rule's
 * business (escalationDecision), so a too-short reason is refused with the
 * rule's own reason; the schema only caps its length.
 */
import { z } from "zod";
import { KNELPUNT_LIMITS as L } from "~/domain/knelpunten/policy";
import { FAST_TRACK_REASON_MAX } from "./limits";

export { FAST_TRACK_REASON_MAX };

export const escalationSchema = z.object({
  explanation: z
    .string({ error: "escalation.error.explanationTooShort" })
    .trim()
    .refine((value) => [...value].length >= L.explanationMin, { error: "escalation.error.explanationTooShort" })
    .refine((value) => [...value].length <= L.explanationMax, { error: "escalation.error.explanationTooLong" }),
  /** A checkbox: "on" when ticked. */
  stillUnsafe: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  fastTrackReason: z
    .string()
    .trim()
    .refine((value) => [...value].length <= FAST_TRACK_REASON_MAX, { error: "escalation.error.fastTrackReasonTooLong" })
    .optional()
    .transform((value) => value || null),
});
export type EscalationFormInput = z.output<typeof escalationSchema>;
