/**
 * Kinds and statuses of a measure (maatregel), stored as these strings. Kept
 * free of imports so db/schema.ts (and drizzle-kit) can read them.
 *
 *   voorgesteld ──► aangenomen ──► in_uitvoering ──► uitgevoerd
 *        │              │               │
 *        └──────────────┴───────────────┴──► niet_doorgegaan
 */
export const MEASURE_KINDS = ["zelf", "overheid"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_STATUSES = ["voorgesteld", "aangenomen", "in_uitvoering", "uitgevoerd", "niet_doorgegaan"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export function isMeasureKind(value: unknown): value is MeasureKind {
  return typeof value === "string" && (MEASURE_KINDS as readonly string[]).includes(value);
}

export function isMeasureStatus(value: unknown): value is MeasureStatus {
  return typeof value === "string" && (MEASURE_STATUSES as readonly string[]).includes(value);
}
