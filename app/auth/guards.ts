import { data, redirect } from "react-router";
import type { Role } from "~/domain/accounts/roles";
import type { ValidSession } from "./session.server";

/**
 * Pure guard rules, used by the server guards below and tested on their own.
 * A visitor is sent to the sign-in page (and back afterwards); a signed-in
 * person without the right role gets the 403 page.
 */
export function guardUser(session: ValidSession | null, url: URL): ValidSession {
  if (!session) {
    throw redirect(`/inloggen?redirectTo=${encodeURIComponent(pageAddress(url))}`);
  }
  return session;
}

/**
 * The address of the page a request is for. A client-side navigation asks
 * for the page's data (`/knelpunten/5.data?_routes=…`, `/_.data` for the home
 * page); after signing in, the person should land on the page itself.
 */
export function pageAddress(url: URL): string {
  let path = url.pathname;
  if (path === "/_.data") path = "/";
  else if (path.endsWith(".data")) path = path.slice(0, -".data".length);
  if (!url.searchParams.has("_routes")) return path + url.search;
  const search = new URLSearchParams(url.search);
  search.delete("_routes");
  const query = search.toString();
  return path + (query ? `?${query}` : "");
}

export function guardRole(
  session: ValidSession | null,
  url: URL,
  roles: readonly Role[],
): ValidSession {
  const valid = guardUser(session, url);
  if (!roles.includes(valid.user.role)) {
    throw data({ reason: "forbidden" }, { status: 403 });
  }
  return valid;
}

/**
 * Only a path on this site may be a redirect target: resolved the way a
 * browser would (which drops tabs and newlines and reads `\\` as `/`), it
 * must stay on the same origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  const base = "http://veranderlab.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || /[\u0000-\u001f\\]/.test(to)) return fallback;
  return url.pathname + url.search + url.hash;
}
