/** How someone wants mail about knelpunten they follow. */
export const NOTIFY_MODES = ["direct", "dagelijks", "nooit"] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
