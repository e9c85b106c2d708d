import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { safeRedirect } from "~/auth/guards";
import { getSession } from "~/auth/session.server";
import { setLocale } from "~/domain/accounts/accounts.server";
import { isLocale } from "~/i18n";
import { localeCookie } from "~/i18n/locale.server";

/** The language switch: a plain form POST, so it works without JavaScript. */
export function loader() {
  throw redirect("/");
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const to = safeRedirect(formData.get("redirectTo"), "/");
  if (!isLocale(lang)) throw redirect(to);
  const session = getSession(request);
  if (session) setLocale(session.user.id, lang);
  throw redirect(to, { headers: { "Set-Cookie": localeCookie(lang) } });
}
