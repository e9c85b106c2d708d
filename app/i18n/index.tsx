import { createContext, useContext } from "react";
import { en } from "./en";
import { nl, type MessageKey } from "./nl";

export type { MessageKey };
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";

const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };

export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(nl, value);
}

/** Looks up a message and fills in {placeholders}. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const template = catalogs[locale][key] || nl[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
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
  return translator(useLocale());
}

/** Dates and times as people in the Netherlands write them. */
export function formatDateTime(locale: Locale, date: Date | number): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

export function formatDate(locale: Locale, date: Date | number): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    dateStyle: "long",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}
