import type { knelpuntList as nl } from "../nl/knelpunt-list";

/** English texts for the knelpunt-list pages. */
export const knelpuntList = {
} satisfies Record<keyof typeof nl, string>;
