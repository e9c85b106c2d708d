/** Dutch texts for the knelpunt-page pages. */
export const knelpuntPage = {
} as const;
