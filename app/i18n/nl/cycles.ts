/** Dutch texts for cycles. */
export const cycles = {
} as const;
