/**
 * What the posts area needs to know about a Markdown body, read the same way
 * the pages render it (markdown-it, raw HTML off, linkify on; see
 * app/lib/markdown.server.ts).
 */
import MarkdownIt from "markdown-it";
import { isAllowedHref } from "./links";

type Token = import("markdown-it").Token;

// Same options as the renderer, but every link is let through to the token
// stream so we can refuse the ones we do not allow (the renderer silently
// drops javascript: and the like; we want to say so at the field).
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.validateLink = () => true;

function* walk(tokens: Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* walk(token.children);
  }
}

/** Link and image addresses in the body that are not http, https, mailto or a path on this site. */
export function disallowedLinks(markdown: string): string[] {
  const found: string[] = [];
  for (const token of walk(md.parse(markdown, {}))) {
    const raw = token.type === "link_open" ? token.attrGet("href") : token.type === "image" ? token.attrGet("src") : null;
    if (raw === null) continue;
    const href = String(raw);
    if (!isAllowedHref(href)) found.push(href);
  }
  return found;
}

export const EXCERPT_MAX = 240;

function plainText(inline: Token): string {
  let text = "";
  for (const child of inline.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    else if (child.type === "image") text += child.content;
  }
  return text.replace(/\s+/g, " ").trim();
}

/** The plain text of the first paragraph, at most 240 characters (cut at a word, with "…"). */
export function excerptFrom(markdown: string, max = EXCERPT_MAX): string {
  const tokens = md.parse(markdown, {});
  let text = "";
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type === "paragraph_open" && tokens[i + 1]?.type === "inline") {
      text = plainText(tokens[i + 1]!);
      if (text) break;
    }
  }
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}
