/**
 * The statuses of a knelpunt, stored as these strings. Kept free of imports
 * so db/schema.ts (and drizzle-kit) can read them.
 *
 *   open ──► zelf_aan_de_slag ──► opgelost
 *     │             │
 *     └─────────────┴──► geescaleerd ──► in_behandeling ──► toegezegd ──► uitgevoerd
 *                             │                │
 *                             └────────────────┴──► afgewezen
 */
export const KNELPUNT_STATUSES = [
  "open",
  "zelf_aan_de_slag",
  "opgelost",
  "geescaleerd",
  "in_behandeling",
  "toegezegd",
  "uitgevoerd",
  "afgewezen",
] as const;
export type KnelpuntStatus = (typeof KNELPUNT_STATUSES)[number];

export function isKnelpuntStatus(value: unknown): value is KnelpuntStatus {
  return typeof value === "string" && (KNELPUNT_STATUSES as readonly string[]).includes(value);
}

/**
 * Roughly the Netherlands (a box around the country, Wadden and Zeeland
 * included). A point outside it is a typo or a wrong click on the map.
 */
export const NL_BOUNDS = { latMin: 50.7, latMax: 53.7, lngMin: 3.2, lngMax: 7.3 } as const;
