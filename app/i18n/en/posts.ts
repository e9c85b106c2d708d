import type { posts as nl } from "../nl/posts";

/** English texts for posts. */
export const posts = {
} satisfies Record<keyof typeof nl, string>;
