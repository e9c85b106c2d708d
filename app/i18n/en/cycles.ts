import type { cycles as nl } from "../nl/cycles";

/** English texts for cycles. */
export const cycles = {
} satisfies Record<keyof typeof nl, string>;
