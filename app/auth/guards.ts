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
    const back = url.pathname + url.search;
    throw redirect(`/inloggen?redirectTo=${encodeURIComponent(back)}`);
  }
  return session;
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

/** Only a local path may be a redirect target (no `//evil.example`). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
