/**
 * The rating form: one score, 1 (heel onveilig) to 5 (heel veilig). Error
 * messages are message keys (app/i18n/nl/ratings.ts).
 */
import { z } from "zod";

export { SCORES } from "./scores";

export const ratingSchema = z.object({
  score: z
    .string({ error: "rating.error.scoreMissing" })
    .trim()
    .refine((value) => value !== "", { error: "rating.error.scoreMissing" })
    .refine((value) => value === "" || /^[1-5]$/.test(value), { error: "rating.error.scoreRange" })
    .transform(Number),
});
export type RatingInput = z.output<typeof ratingSchema>;
