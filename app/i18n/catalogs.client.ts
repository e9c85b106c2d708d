/**
 * Where the texts come from in the browser (vite.config.ts puts this module in
 * place of ./catalogs.ts in the client build).
 *
 * The page arrives with the texts its server render used (a JSON block that
 * app/entry.server.tsx adds at the end of the body), so hydration needs no
 * catalog at all. The whole catalog of the page's language (one chunk per
 * language) is fetched only when it can be needed: on the first interaction
 * (app/entry.client.tsx), before any client-side navigation or fetcher call
 * (the root route's clientMiddleware), or when a text is missing. Components
 * that translate (`useT`) render again once it has arrived.
 */
import type * as ServerCatalogs from "./catalogs";
import type { MessageKey } from "./nl";

type Locale = "nl" | "en";

export const MESSAGES_ELEMENT_ID = "vl-messages";

let locale: Locale | null = null;
let messages: Record<string, string> = Object.create(null);
let complete = false;
let loading: Promise<void> | null = null;
let version = 0;
const listeners = new Set<() => void>();

function start(): Locale {
  if (locale) return locale;
  const element = typeof document === "undefined" ? null : document.getElementById(MESSAGES_ELEMENT_ID);
  try {
    const shipped = element?.textContent ? (JSON.parse(element.textContent) as { locale?: string; messages?: Record<string, string> }) : {};
    Object.assign(messages, shipped.messages ?? {});
    locale = shipped.locale === "en" ? "en" : shipped.locale === "nl" ? "nl" : null;
  } catch {
    // A damaged block: every text comes from the catalog instead.
  }
  locale ??= typeof document !== "undefined" && document.documentElement.lang === "en" ? "en" : "nl";
  return locale;
}

/** Fetches the whole catalog of the page's language (once); never rejects. */
export function loadAllMessages(): Promise<void> {
  const language = start();
  if (complete) return Promise.resolve();
  loading ??= (language === "en" ? import("./en").then((m) => m.en) : import("./nl").then((m) => m.nl)).then(
    (catalog: Record<string, string>) => {
      // An empty text in a catalog falls back to Dutch on the server; keep what the server sent.
      for (const [key, text] of Object.entries(catalog)) if (text || !(key in messages)) messages[key] = text;
      complete = true;
      version += 1;
      for (const listener of listeners) listener();
    },
    (error: unknown) => {
      loading = null;
      console.error("Loading the texts failed:", error);
    },
  );
  return loading;
}

export function template(_locale: Locale, key: MessageKey): string {
  start();
  const text = messages[key];
  if (text !== undefined) return text;
  // Not on this page's first render: fetch the catalog; `useT` renders again when it is here.
  void loadAllMessages();
  return "";
}

export function knownKey(value: string): boolean {
  start();
  return value in messages;
}

export function subscribeToMessages(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function messagesVersion(): number {
  return version;
}

// The browser module must offer what the server module offers to app/i18n/index.tsx.
({ template, knownKey, loadAllMessages, subscribeToMessages, messagesVersion, MESSAGES_ELEMENT_ID }) satisfies Pick<
  typeof ServerCatalogs,
  "template" | "knownKey" | "loadAllMessages" | "subscribeToMessages" | "messagesVersion" | "MESSAGES_ELEMENT_ID"
>;
