/** The phases of a cycle (ronde), in order. Stored as these strings. */
export const PHASES = ["concept", "meedenken", "zelf_doen", "opschalen", "afgerond"] as const;
export type Phase = (typeof PHASES)[number];

export function isPhase(value: unknown): value is Phase {
  return typeof value === "string" && (PHASES as readonly string[]).includes(value);
}
