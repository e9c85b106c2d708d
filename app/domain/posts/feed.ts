/**
 * The Atom feed (RFC 4287) of published posts, as a string. Pure: the route
 * gives it the posts and the site's public address.
 */

/** Characters XML 1.0 does not allow, even escaped. */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export type FeedEntry = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  authorName: string | null;
  publishedAt: Date;
  updatedAt: Date;
};

export type FeedOptions = {
  /** The site's public address without a trailing slash, e.g. https://veranderlab.example.nl */
  publicUrl: string;
  title: string;
  subtitle: string;
  /** The feed's own author: the lab. */
  author: string;
  /** Shown as author when a post's author is unknown (deleted). */
  fallbackAuthor: string;
  /** Feed "updated" when there are no entries. */
  now: Date;
  lang?: string;
};

/** A permanent id that survives a change of the post's address: tag:host,2024:berichten/42 (RFC 4151). */
export function entryId(publicUrl: string, id: number): string {
  return `tag:${new URL(publicUrl).hostname},2024:berichten/${id}`;
}

export function atomFeed(entries: FeedEntry[], options: FeedOptions): string {
  const { publicUrl } = options;
  const newest = entries.reduce<Date | null>((latest, entry) => (!latest || entry.updatedAt > latest ? entry.updatedAt : latest), null);
  const updated = (newest ?? options.now).toISOString();
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(options.lang ?? "nl")}">`,
    `  <id>${escapeXml(`${publicUrl}/berichten`)}</id>`,
    `  <title type="text">${escapeXml(options.title)}</title>`,
    `  <subtitle type="text">${escapeXml(options.subtitle)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${publicUrl}/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${publicUrl}/berichten`)}"/>`,
    `  <author><name>${escapeXml(options.author)}</name></author>`,
  ];
  for (const entry of entries) {
    const href = `${publicUrl}/berichten/${encodeURIComponent(entry.slug)}`;
    lines.push(
      `  <entry>`,
      `    <id>${escapeXml(entryId(publicUrl, entry.id))}</id>`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`,
      `    <published>${entry.publishedAt.toISOString()}</published>`,
      `    <updated>${entry.updatedAt.toISOString()}</updated>`,
      `    <author><name>${escapeXml(entry.authorName ?? options.fallbackAuthor)}</name></author>`,
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, ``);
  return lines.join("\n");
}
