import MarkdownIt from "markdown-it";

/**
 * Markdown to HTML, on the server only. Raw HTML in the source is escaped
 * (html: false) and markdown-it's validateLink refuses javascript:, vbscript:,
 * file: and most data: links.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet("href") ?? "");
  token.attrJoin("class", "utrecht-link");
  if (/^https?:\/\//i.test(href)) token.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Images only from this site (a path) or inline data: an image from another
 * host would load for every reader (a tracking pixel: their IP address to a
 * third party) and breaks the Content-Security-Policy's img-src. Those become
 * an ordinary link with the image's description.
 */
const defaultImage = md.renderer.rules.image!;

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet("src") ?? "");
  if ((src.startsWith("/") && !src.startsWith("//") && !src.startsWith("/\\")) || /^data:image\//i.test(src)) {
    return defaultImage(tokens, idx, options, env, self);
  }
  const text = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env) || src);
  return `<a class="utrecht-link" href="${md.utils.escapeHtml(src)}" rel="noopener noreferrer nofollow">${text}</a>`;
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
