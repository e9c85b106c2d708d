/**
 * Which link targets a post may contain: web addresses (http, https), mail
 * addresses (mailto) and paths on this site. Pure and dependency-free, so the
 * editor in the browser and the server ask the same question.
 */
export const ALLOWED_LINK_SCHEMES = ["http", "https", "mailto"] as const;

export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (/^https?:\/\/[^\s/\\]/i.test(value)) return true;
  if (/^mailto:[^\s]/i.test(value)) return true;
  // A path on this site ("/rondes/...") or a place on the page ("#reacties"),
  // but not "//host" or "/\host", which browsers read as another site.
  if (/^\/(?![/\\])/.test(value)) return true;
  if (/^#[^\s]*$/.test(value)) return true;
  return false;
}
