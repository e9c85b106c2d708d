import type { questions as nl } from "../nl/questions";

/** English texts for questions. */
export const questions = {
} satisfies Record<keyof typeof nl, string>;
