import fs from "node:fs/promises";
import path from "node:path";
import type { Locale } from "~/i18n";
import { renderMarkdown } from "./markdown.server";

export const CONTENT_PAGES = ["over", "gedragscode", "privacy", "toegankelijkheid", "kwetsbaarheid-melden"] as const;
export type ContentPage = (typeof CONTENT_PAGES)[number];

export function isContentPage(value: string): value is ContentPage {
  return (CONTENT_PAGES as readonly string[]).includes(value);
}

const cache = new Map<string, { title: string; html: string; locale: Locale }>();

/**
 * A page from content/<slug>.md (Dutch) or content/en/<slug>.md (English).
 * The first `# heading` is the title. Falls back to Dutch when no English
 * version exists.
 */
export async function loadContentPage(slug: ContentPage, locale: Locale) {
  const key = `${locale}:${slug}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const candidates: Array<[Locale, string]> =
    locale === "en" ? [["en", path.resolve("content/en", `${slug}.md`)], ["nl", path.resolve("content", `${slug}.md`)]] : [["nl", path.resolve("content", `${slug}.md`)]];
  for (const [pageLocale, file] of candidates) {
    try {
      const source = await fs.readFile(file, "utf8");
      const match = /^#\s+(.+)$/m.exec(source);
      const title = match?.[1]?.trim() ?? slug;
      const body = match ? source.replace(match[0], "") : source;
      const page = { title, html: renderMarkdown(body), locale: pageLocale };
      if (process.env.NODE_ENV === "production") cache.set(key, page);
      return page;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return null;
}
