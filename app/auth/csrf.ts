/**
 * Cross-site form posts are refused (defence in depth next to the SameSite=Lax
 * session cookie, as Lucia's guide advises): a request that changes something
 * must come from this site. Browsers send `Origin` with every POST; when it
 * is missing (older browsers, tools like curl) `Sec-Fetch-Site` still tells a
 * cross-site request apart, and without either the request is let through —
 * a cookie-bearing cross-site POST always has one of them in a browser that
 * honours SameSite.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteWrite(request: Request, publicUrl: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("Origin");
  if (origin !== null) {
    if (origin === "null") return true;
    return origin !== new URL(request.url).origin && origin !== new URL(publicUrl).origin;
  }
  return request.headers.get("Sec-Fetch-Site") === "cross-site";
}
