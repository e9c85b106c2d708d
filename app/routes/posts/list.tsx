import { useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/list";
import { getSession } from "~/auth/session.server";
import { postsIndex, type PostSummary } from "~/domain/posts/posts.server";
import { formatDate, useLocale, useT } from "~/i18n";
import { Badge, ButtonLink, Heading, Link, PageTitle, Pagination, Paragraph } from "~/ui/components";
import postsCss from "~/ui/posts.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: postsCss }];

function pageFrom(url: URL): number {
  const page = Number(url.searchParams.get("pagina") ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export function loader({ request }: Route.LoaderArgs) {
  const viewer = getSession(request)?.user ?? null;
  const page = pageFrom(new URL(request.url));
  return { ...postsIndex(viewer, page), page };
}

function PostItem({ post, headingLevel }: { post: PostSummary; headingLevel: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const author = post.authorName ?? t("post.unknownAuthor");
  return (
    <li className="vl-post-item">
      <article aria-labelledby={`post-${post.id}`}>
        <Heading level={headingLevel} className="vl-post-item__title" id={`post-${post.id}`}>
          <Link to={`/berichten/${post.slug}`}>{post.title}</Link>
          {post.status === "draft" ? (
            <>
              {" "}
              <Badge tone="warning">{t("post.draftBadge")}</Badge>
            </>
          ) : null}
        </Heading>
        <p className="vl-post-meta">
          {post.publishedAt && post.status === "published" ? (
            <time dateTime={new Date(post.publishedAt).toISOString()}>{t("post.publishedOn", { date: formatDate(locale, post.publishedAt) })}</time>
          ) : (
            <span>{t("post.notPublishedYet")}</span>
          )}{" "}
          {t("post.by", { name: author })}
          <span className="vl-post-meta__cycle">
            {t("post.cycleLabel")}:{" "}
            {post.cycle ? <Link to={`/rondes/${post.cycle.slug}`}>{post.cycle.title}</Link> : t("post.general")}
          </span>
        </p>
        {post.excerpt ? <Paragraph className="vl-post-item__excerpt">{post.excerpt}</Paragraph> : null}
      </article>
    </li>
  );
}

export default function PostList() {
  const t = useT();
  const { rows, hasNext, page, drafts, moreDrafts, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete("pagina");
    else next.set("pagina", String(n));
    const query = next.toString();
    return query ? `?${query}` : "/berichten";
  };
  return (
    <div className="vl-posts">
      <PageTitle title={page > 1 ? `${t("post.listTitle")} (${t("pagination.status", { page })})` : t("post.listTitle")} />
      <div className="vl-posts__head">
        <Heading level={1}>{t("post.listTitle")}</Heading>
        {canWrite ? <ButtonLink to="/berichten/nieuw">{t("post.new")}</ButtonLink> : null}
      </div>
      <Paragraph lead className="vl-prose">
        {t("post.listIntro")}
      </Paragraph>

      {canWrite && page === 1 ? (
        <section className="vl-section vl-posts__drafts" aria-labelledby="drafts-title">
          <Heading level={2} id="drafts-title">
            {t("post.draftsTitle")}
          </Heading>
          <Paragraph className="vl-muted">{t("post.draftsIntro")}</Paragraph>
          {drafts.length === 0 ? (
            <Paragraph>{t("post.noDrafts")}</Paragraph>
          ) : (
            <ul className="vl-post-list">
              {drafts.map((post) => (
                <PostItem key={post.id} post={post} headingLevel={3} />
              ))}
            </ul>
          )}
          {moreDrafts ? <Paragraph className="vl-muted">{t("post.moreDrafts", { count: drafts.length })}</Paragraph> : null}
        </section>
      ) : null}

      <section className="vl-section" aria-labelledby={canWrite ? "published-title" : undefined}>
        {canWrite ? (
          <Heading level={2} id="published-title">
            {t("post.publishedTitle")}
          </Heading>
        ) : null}
        {rows.length === 0 ? (
          <Paragraph>{t(page > 1 ? "post.noneOnPage" : "post.none")}</Paragraph>
        ) : (
          <ul className="vl-post-list">
            {rows.map((post) => (
              <PostItem key={post.id} post={post} headingLevel={canWrite ? 3 : 2} />
            ))}
          </ul>
        )}
        <Pagination page={page} hasNext={hasNext} hrefFor={pageLink} />
      </section>

      <p className="vl-feed-link">
        <a className="utrecht-link" href="/feed.xml" type="application/atom+xml">
          {t("post.feedLink")}
        </a>
      </p>
    </div>
  );
}
