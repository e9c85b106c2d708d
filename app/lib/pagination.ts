/** The page number from `?pagina=` (or another parameter; 1 when missing or nonsense). */
export function pageFrom(url: URL, max = 10_000, name = "pagina"): number {
  const page = Number(url.searchParams.get(name) ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= max ? page : 1;
}
