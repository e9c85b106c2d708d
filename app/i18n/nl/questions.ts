/** Dutch texts for questions. */
export const questions = {
} as const;
