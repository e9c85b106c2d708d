import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { blankSessionCookie, getSession, invalidateSession } from "~/auth/session.server";
import { redirectWithFlash } from "~/lib/flash.server";

/** Logging out is a POST (a link or prefetch must never end a session). */
export function loader() {
  throw redirect("/");
}

export function action({ request }: Route.ActionArgs) {
  const session = getSession(request);
  if (session) invalidateSession(session.sessionId);
  throw redirectWithFlash("/", { key: "flash.loggedOut" }, { "Set-Cookie": blankSessionCookie() });
}
