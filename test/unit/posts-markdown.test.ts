import { describe, expect, it } from "vitest";
import { atomFeed, entryId, escapeXml } from "~/domain/posts/feed";
import { isAllowedHref } from "~/domain/posts/links";
import { disallowedLinks, excerptFrom } from "~/domain/posts/markdown.server";

describe("allowed links", () => {
  it.each([
    "https://gemeente.nl",
    "http://example.org/pad?x=1#y",
    "HTTPS://EXAMPLE.ORG",
    "mailto:lab@gemeente.nl",
    "/rondes/enge-fietstunnels",
    "#reacties",
  ])("allows %s", (href) => expect(isAllowedHref(href)).toBe(true));

  it.each([
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "ftp://example.org",
    "tel:0501234567",
    "//evil.example",
    "/\\evil.example",
    "www.gemeente.nl",
    "https://",
    "",
  ])("refuses %s", (href) => expect(isAllowedHref(href)).toBe(false));

  it("finds refused links anywhere in the Markdown, also autolinks and references", () => {
    expect(disallowedLinks("[a](javascript:alert(1)) en [b](https://ok.nl)")).toEqual(["javascript:alert(1)"]);
    expect(disallowedLinks("> - [in een lijst](ftp://x.org)")).toEqual(["ftp://x.org"]);
    expect(disallowedLinks("Zie <file:///etc/passwd>")).toEqual(["file:///etc/passwd"]);
    expect(disallowedLinks("[x][1]\n\n[1]: data:text/html,hoi")).toHaveLength(1);
    expect(disallowedLinks("Gewone tekst met https://gemeente.nl en lab@gemeente.nl")).toEqual([]);
    // Inside code it is not a link.
    expect(disallowedLinks("`[a](javascript:x)`\n\n    [b](javascript:y)")).toEqual([]);
  });
});

describe("excerpt", () => {
  it("is the plain text of the first paragraph", () => {
    expect(excerptFrom("## Kop\n\nEen **vette** zin met een [link](https://x.nl) en `code`.\nNog een regel.\n\nTweede alinea.")).toBe(
      "Een vette zin met een link en code. Nog een regel.",
    );
  });

  it("is at most 240 characters, cut at a word", () => {
    const long = "woord ".repeat(100);
    const excerpt = excerptFrom(long);
    expect([...excerpt].length).toBeLessThanOrEqual(240);
    expect(excerpt.endsWith("woord…")).toBe(true);
  });

  it("is empty when there is no paragraph", () => {
    expect(excerptFrom("## Alleen een kop")).toBe("");
  });
});

describe("the Atom feed", () => {
  it("escapes text and drops characters XML does not allow", () => {
    expect(escapeXml(`a & b < c > "d" 'e'\u0001\uFFFF`)).toBe("a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;");
  });

  it("has the required feed and entry elements with absolute links", () => {
    const xml = atomFeed(
      [
        {
          id: 7,
          slug: "welkom",
          title: "Welkom",
          summary: "Samenvatting",
          authorName: null,
          publishedAt: new Date("2026-01-01T10:00:00Z"),
          updatedAt: new Date("2026-01-02T10:00:00Z"),
        },
      ],
      { publicUrl: "https://lab.example.nl", title: "Berichten", subtitle: "Sub", author: "Veranderlab", fallbackAuthor: "verwijderde deelnemer", now: new Date("2026-05-01T00:00:00Z") },
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect(xml).toContain("<updated>2026-01-02T10:00:00.000Z</updated>");
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://lab.example.nl/feed.xml"/>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://lab.example.nl/berichten/welkom"/>');
    expect(xml).toContain(`<id>${entryId("https://lab.example.nl", 7)}</id>`);
    expect(entryId("https://lab.example.nl", 7)).toBe("tag:lab.example.nl,2024:berichten/7");
    expect(entryId("http://localhost:3000", 7)).toBe("tag:localhost,2024:berichten/7");
    expect(xml).toContain("<author><name>Veranderlab</name></author>\n  <entry>");
    expect(xml).toContain("<published>2026-01-01T10:00:00.000Z</published>");
    expect(xml).toContain("<author><name>verwijderde deelnemer</name></author>");
    expect(xml).toContain('<summary type="text">Samenvatting</summary>');
  });

  it("is still valid without entries", () => {
    const xml = atomFeed([], { publicUrl: "http://localhost:3000", title: "B", subtitle: "S", author: "V", fallbackAuthor: "x", now: new Date("2026-05-01T00:00:00Z") });
    expect(xml).toContain("<updated>2026-05-01T00:00:00.000Z</updated>");
    expect(xml).not.toContain("<entry>");
  });
});
