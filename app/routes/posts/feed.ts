import type { Route } from "./+types/feed";
import { atomFeed } from "~/domain/posts/feed";
import { listFeedPosts } from "~/domain/posts/posts.server";
import { translate } from "~/i18n";
import { config } from "~/lib/config.server";

/** The Atom feed of the 20 newest published posts a visitor may see. */
export function loader(_: Route.LoaderArgs) {
  const entries = listFeedPosts().map((post) => ({
    id: post.id,
    slug: post.slug,
    title: post.title,
    summary: post.excerpt,
    authorName: post.authorName,
    publishedAt: post.publishedAt ?? post.updatedAt,
    updatedAt: post.updatedAt,
  }));
  const xml = atomFeed(entries, {
    publicUrl: config().publicUrl,
    title: translate("nl", "feed.title"),
    subtitle: translate("nl", "feed.subtitle"),
    author: translate("nl", "meta.siteName"),
    fallbackAuthor: translate("nl", "post.unknownAuthor"),
    now: new Date(),
    lang: "nl",
  });
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
