/** Dutch texts for the knelpunt-list pages. */
export const knelpuntList = {
} as const;
