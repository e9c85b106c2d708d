import { createContext, useContext, useSyncExternalStore } from "react";
// The server's catalogs are complete; the browser's hold only what its page needs (see ./catalogs.client.ts).
import { knownKey, loadAllMessages, messagesVersion, subscribeToMessages, template } from "./catalogs";
import type { MessageKey } from "./nl";

export type { MessageKey };
export { loadAllMessages };
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";

export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && knownKey(value);
}

/** Looks up a message and fills in {placeholders}. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = template(locale, key);
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : match,
  );
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);
export const LocaleProvider = LocaleContext.Provider;

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  // Renders again when the browser has fetched the rest of the texts.
  useSyncExternalStore(subscribeToMessages, messagesVersion, messagesVersion);
  return translator(useLocale());
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale and style, made once: making one costs
 * about 50 µs, using it about 1 µs (the benchmark found page renders spending
 * up to a fifth of their time making formatters; docs/performance.md).
 */
export function dateFormatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", options);
    formatters.set(key, formatter);
  }
  return formatter;
}

const DATE_TIME = { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" } as const;
const DATE = { dateStyle: "long", timeZone: "Europe/Amsterdam" } as const;

/** Dates and times as people in the Netherlands write them. */
export function formatDateTime(locale: Locale, date: Date | number): string {
  return dateFormatter(locale, DATE_TIME).format(date);
}

export function formatDate(locale: Locale, date: Date | number): string {
  return dateFormatter(locale, DATE).format(date);
}
