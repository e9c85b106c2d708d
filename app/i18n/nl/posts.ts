/** Dutch texts for posts. */
export const posts = {
} as const;
