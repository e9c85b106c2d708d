/**
 * Form schemas for knelpunten. Error messages are message keys (see
 * app/i18n/nl/knelpunten.ts); the page translates them.
 */
import { z } from "zod";
import { KNELPUNT_LIMITS as L, KNELPUNT_STATUSES, isInNetherlands, type KnelpuntStatus } from "./policy";

const chars = (value: string) => [...value].length;

const text = (min: number, max: number, tooShort: string, tooLong: string) =>
  z
    .string({ error: tooShort })
    .trim()
    .refine((value) => chars(value) >= min, { error: tooShort })
    .refine((value) => chars(value) <= max, { error: tooLong });

/** A coordinate as typed: empty, or a decimal number (a Dutch decimal comma is fine). */
const coordinate = z
  .string()
  .trim()
  .max(32, { error: "knelpunt.error.pointInvalid" })
  .default("")
  .transform((value) => value.replace(",", "."))
  .refine((value) => value === "" || /^-?\d{1,3}(\.\d{1,12})?$/.test(value), { error: "knelpunt.error.pointInvalid", abort: true })
  .transform((value) => (value === "" ? null : Number(value)));

/** A resident reports a knelpunt. The point on the map is optional: both coordinates or neither. */
export const knelpuntSchema = z
  .object({
    title: text(L.titleMin, L.titleMax, "knelpunt.error.titleTooShort", "knelpunt.error.titleTooLong"),
    description: text(L.descriptionMin, L.descriptionMax, "knelpunt.error.descriptionTooShort", "knelpunt.error.descriptionTooLong"),
    wijk: text(L.wijkMin, L.wijkMax, "knelpunt.error.wijkRequired", "knelpunt.error.wijkTooLong"),
    locationText: text(L.locationMin, L.locationMax, "knelpunt.error.locationTooShort", "knelpunt.error.locationTooLong"),
    lat: coordinate,
    lng: coordinate,
  })
  .superRefine((value, ctx) => {
    if (value.lat === null && value.lng === null) return;
    if (Number.isNaN(value.lat) || Number.isNaN(value.lng)) return;
    if (value.lat === null || value.lng === null) {
      ctx.addIssue({ code: "custom", path: ["lat"], message: "knelpunt.error.pointIncomplete" });
    } else if (!isInNetherlands(value.lat, value.lng)) {
      ctx.addIssue({ code: "custom", path: ["lat"], message: "knelpunt.error.pointOutsideNl" });
    }
  });
export type KnelpuntInput = z.output<typeof knelpuntSchema>;

/** The project leader confirms a knelpunt solved, with a public explanation. */
export const resolveSchema = z.object({
  explanation: text(L.explanationMin, L.explanationMax, "knelpunt.error.explanationTooShort", "knelpunt.error.explanationTooLong"),
});
export type ResolveInput = z.output<typeof resolveSchema>;

export const KNELPUNT_SORTS = ["newest", "support"] as const;
export type KnelpuntSort = (typeof KNELPUNT_SORTS)[number];

export type KnelpuntListFilters = {
  status: KnelpuntStatus | null;
  wijk: string | null;
  sort: KnelpuntSort;
  page: number;
};

/**
 * The list's filters from the address (`?status=open&wijk=De+Hoogte&sorteer=steun&pagina=2`).
 * Nonsense values fall back to "all", newest first, page 1.
 */
export function listFiltersFrom(url: URL): KnelpuntListFilters {
  const params = url.searchParams;
  const status = params.get("status");
  const wijk = params.get("wijk")?.trim() ?? "";
  const page = Number(params.get("pagina") ?? 1);
  return {
    status: status && (KNELPUNT_STATUSES as readonly string[]).includes(status) ? (status as KnelpuntStatus) : null,
    wijk: wijk && chars(wijk) <= L.wijkMax ? wijk : null,
    sort: params.get("sorteer") === "steun" ? "support" : "newest",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
