/** The page number from `?pagina=` (1 when missing or nonsense). */
export function pageFrom(url: URL, max = 10_000): number {
  const page = Number(url.searchParams.get("pagina") ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= max ? page : 1;
}
