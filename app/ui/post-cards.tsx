import type { PostSummary } from "~/domain/posts/posts.server";
import { formatDate, useLocale, useT } from "~/i18n";
import { Heading, Link, Paragraph } from "~/ui/components";

/** Compact list of posts (title, date, excerpt), for the home and cycle pages. */
export function PostCards({ posts, headingLevel = 3 }: { posts: PostSummary[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="vl-cards">
      {posts.map((post) => (
        <li key={post.id}>
          <Heading level={headingLevel} className="utrecht-heading-3">
            <Link to={`/berichten/${post.slug}`}>{post.title}</Link>
          </Heading>
          {post.publishedAt ? (
            <p className="vl-muted">
              <time dateTime={new Date(post.publishedAt).toISOString()}>{formatDate(locale, post.publishedAt)}</time>
              {post.cycle ? ` · ${post.cycle.title}` : ` · ${t("post.general")}`}
            </p>
          ) : null}
          {post.excerpt ? <Paragraph>{post.excerpt}</Paragraph> : null}
        </li>
      ))}
    </ul>
  );
}
