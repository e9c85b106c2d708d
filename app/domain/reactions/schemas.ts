import { z } from "zod";

export const REACTION_MIN = 2;
export const REACTION_MAX = 2000;

const body = z
  .string({ error: "reaction.error.tooShort" })
  .transform((value) => value.replace(/\r\n?/g, "\n").trim())
  .refine((value) => [...value].length >= REACTION_MIN, { error: "reaction.error.tooShort" })
  .refine((value) => [...value].length <= REACTION_MAX, { error: "reaction.error.tooLong" });

/** A new reaction under a post (or, later, a knelpunt or measure). */
export const reactionSchema = z.object({ body });

/** The reaction page: change the text, or delete it. */
export const reactionEditSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("edit"), body }),
  z.object({ intent: z.literal("delete") }),
]);
