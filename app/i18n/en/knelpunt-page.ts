import type { knelpuntPage as nl } from "../nl/knelpunt-page";

/** English texts for the knelpunt-page pages. */
export const knelpuntPage = {
} satisfies Record<keyof typeof nl, string>;
