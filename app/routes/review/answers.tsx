import { useLoaderData } from "react-router";
import type { Route } from "./+types/answers";
import { getSession } from "~/auth/session.server";
import { listPublicAnswers } from "~/domain/review/review.server";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { pageFrom } from "~/lib/pagination";
import { Heading, Link, PageTitle, Pagination, Paragraph } from "~/ui/components";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { OfficialAnswer } from "~/ui/review/answer";
import reviewCss from "~/ui/review.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: reviewCss }];

export function loader({ request }: Route.LoaderArgs) {
  const user = getSession(request)?.user;
  const viewer = user ? { id: user.id, role: user.role } : null;
  return listPublicAnswers(viewer, pageFrom(new URL(request.url)));
}

export default function PublicAnswers() {
  const t = useT();
  const shownTitle = useShownTitle();
  const locale = useLocale();
  const { rows, page, hasNext } = useLoaderData<typeof loader>();
  return (
    <div className="vl-rv-answers">
      <PageTitle title={t("review.answers.title")} />
      <Heading level={1}>{t("review.answers.title")}</Heading>
      <Paragraph lead>{t("review.answers.intro")}</Paragraph>
      {rows.length === 0 ? (
        <Paragraph>
          {page > 1 ? (
            <>
              {t("review.answers.emptyPage")} <Link to="/antwoorden">{t("review.queue.firstPage")}</Link>
            </>
          ) : (
            t("review.answers.empty")
          )}
        </Paragraph>
      ) : (
        <ol className="vl-rv-answer-list">
          {rows.map((row) => (
            <li key={row.id}>
              <article aria-labelledby={`antwoord-${row.id}`}>
                <Heading level={2} id={`antwoord-${row.id}`} className="vl-rv-answer-list__title">
                  <Link to={`/knelpunten/${row.knelpunt.id}`}>{shownTitle("knelpunt", row.knelpunt.title, row.knelpunt.titleShown)}</Link>
                </Heading>
                <p className="vl-muted">
                  <time dateTime={new Date(row.createdAt).toISOString()}>{formatDateTime(locale, row.createdAt)}</time>
                </p>
                <OfficialAnswer answer={row} explanationHtml={row.explanationHtml} />
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} hasNext={hasNext} hrefFor={(p) => (p > 1 ? `/antwoorden?pagina=${p}` : "/antwoorden")} />
    </div>
  );
}
