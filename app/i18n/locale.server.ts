import { readCookie, serializeCookie } from "~/lib/cookies.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

export const LOCALE_COOKIE = "vl_lang";

/** The language: the visitor's choice (cookie), otherwise Dutch. */
export function getLocale(request: Request): Locale {
  const chosen = readCookie(request, LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale): string {
  return serializeCookie(LOCALE_COOKIE, locale, { maxAge: 365 * 24 * 60 * 60 });
}
