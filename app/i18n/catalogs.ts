/**
 * Where the texts come from on the server (and in tests and scripts): both
 * catalogs, complete. The browser gets ./catalogs.client.ts instead (see the
 * plugin in vite.config.ts): only the texts its page showed, and the rest of
 * its language later, so a visitor does not download hundreds of texts in two
 * languages to read one page.
 *
 * While a page is rendered (app/entry.server.tsx), every text it looks up is
 * noted; the page then carries exactly those texts for the browser (see
 * `messagesScript`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { en } from "./en";
import { nl, type MessageKey } from "./nl";

type Locale = "nl" | "en";
/** Texts looked up during one render, per language. */
export type UsedMessages = Map<Locale, Map<string, string>>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };
const recorder = new AsyncLocalStorage<UsedMessages>();

/** The text of a key, before {placeholders} are filled in. */
export function template(locale: Locale, key: MessageKey): string {
  const text = catalogs[locale][key] || nl[key];
  const used = recorder.getStore();
  if (used) {
    let forLocale = used.get(locale);
    if (!forLocale) used.set(locale, (forLocale = new Map()));
    forLocale.set(key, text);
  }
  return text;
}

export function knownKey(value: string): boolean {
  return Object.hasOwn(nl, value);
}

/** The server always has every text. */
export function loadAllMessages(): Promise<void> {
  return Promise.resolve();
}
export function subscribeToMessages(_listener: () => void): () => void {
  return () => {};
}
export function messagesVersion(): number {
  return 0;
}

/** Runs `render` (and the rendering it starts) while noting the texts it looks up in `used`. */
export function recordMessages<T>(used: UsedMessages, render: () => T): T {
  return recorder.run(used, render);
}

export const MESSAGES_ELEMENT_ID = "vl-messages";

/** The texts a page used, for the browser: a JSON data block (not a script, so no CSP nonce). */
export function messagesScript(locale: Locale, used: UsedMessages): string {
  const messages = Object.fromEntries(used.get(locale) ?? []);
  const json = JSON.stringify({ locale, messages })
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `<script type="application/json" id="${MESSAGES_ELEMENT_ID}">${json}</script>`;
}
