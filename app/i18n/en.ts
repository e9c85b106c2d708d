import type { MessageKey } from "./nl";

/** English, the second language. Must have every key of nl.ts. */
export const en: Record<MessageKey, string> = {} as Record<MessageKey, string>;
