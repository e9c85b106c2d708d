import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown.server";

describe("renderMarkdown: images", () => {
  it("shows images from this site, but links an image from another host instead of loading it", () => {
    expect(renderMarkdown("![kaart](/kaart.png)")).toContain('<img src="/kaart.png" alt="kaart">');
    for (const src of ["https://tracker.example/p.png?wie=u&x=1", "//tracker.example/p.gif", "http://tracker.example/p.gif"]) {
      const html = renderMarkdown(`![pixel](${src})`);
      expect(html).not.toContain("<img");
      expect(html).toMatch(/<a class="utrecht-link" href="[^"]+" rel="noopener noreferrer nofollow">pixel<\/a>/);
    }
  });
});
