import { Form, useLoaderData } from "react-router";
import type { Route } from "./+types/queue";
import { requireRole } from "~/auth/guards.server";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import { QUEUE_FILTERS, isQueueFilter, type QueueFilter } from "~/domain/review/policy";
import { listReviewQueue, reviewFilterOptions } from "~/domain/review/review.server";
import { formatDate, useLocale, useT } from "~/i18n";
import { pageFrom } from "~/lib/pagination";
import { Badge, Button, Heading, Link, PageTitle, Pagination, Paragraph, SelectField } from "~/ui/components";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { knelpuntStatusTone } from "~/ui/knelpunten/page-header";
import { listHref } from "~/ui/knelpunten/list-filters";
import reviewCss from "~/ui/review.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: reviewCss }];

export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireRole(request, "ambtenaar");
  const url = new URL(request.url);
  const besluit = url.searchParams.get("besluit");
  const filter: QueueFilter = isQueueFilter(besluit) ? besluit : "open";
  const wijk = url.searchParams.get("wijk")?.slice(0, 80) || null;
  const ronde = Number(url.searchParams.get("ronde"));
  const cycleId = Number.isInteger(ronde) && ronde > 0 ? ronde : null;
  const page = pageFrom(url);
  const queue = listReviewQueue({ id: user.id, role: user.role }, { filter, wijk, cycleId, page });
  return { filters: { filter, wijk, cycleId }, options: reviewFilterOptions(), ...queue };
}

export default function ReviewQueue() {
  const t = useT();
  const shownTitle = useShownTitle();
  const locale = useLocale();
  const { filters, options, rows, page, hasNext } = useLoaderData<typeof loader>();
  const params = (p: number) => ({
    besluit: filters.filter === "open" ? null : filters.filter,
    wijk: filters.wijk,
    ronde: filters.cycleId ? String(filters.cycleId) : null,
    pagina: p > 1 ? String(p) : null,
  });
  const waiting = filters.filter === "open";
  return (
    <div className="vl-rv-queue">
      <PageTitle title={t("review.queue.title")} />
      <Heading level={1}>{t("review.queue.title")}</Heading>
      <Paragraph lead>{t("review.queue.intro")}</Paragraph>
      <p className="vl-rv-links">
        <Link to="/beoordelen/sjablonen">{t("review.queue.templatesLink")}</Link>
        <Link to="/antwoorden">{t("review.queue.answersLink")}</Link>
      </p>

      <section className="vl-rv-filters" aria-labelledby="rv-filter-title">
        <Heading level={2} id="rv-filter-title" className="vl-rv-filters__title">
          {t("review.queue.filtersLabel")}
        </Heading>
        <Form method="get" className="vl-rv-filters__form">
          <SelectField
            name="besluit"
            id="filter-besluit"
            label={t("review.queue.filter.decision")}
            defaultValue={filters.filter}
            options={QUEUE_FILTERS.map((value) => ({
              value,
              label: value === "open" ? t("review.queue.filter.open") : t(`review.decision.${value}`),
            }))}
          />
          <SelectField
            name="wijk"
            id="filter-wijk"
            label={t("review.queue.filter.wijk")}
            defaultValue={filters.wijk ?? ""}
            options={[{ value: "", label: t("review.queue.filter.all") }, ...options.wijken.map((wijk) => ({ value: wijk, label: wijk }))]}
          />
          <SelectField
            name="ronde"
            id="filter-ronde"
            label={t("review.queue.filter.cycle")}
            defaultValue={filters.cycleId ? String(filters.cycleId) : ""}
            options={[{ value: "", label: t("review.queue.filter.all") }, ...options.cycles.map((c) => ({ value: String(c.id), label: c.title }))]}
          />
          <div className="vl-rv-filters__submit">
            <Button type="submit" variant="secondary">
              {t("review.queue.filter.submit")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="rv-results-title" className="vl-section">
        <Heading level={2} id="rv-results-title" className="vl-visually-hidden">
          {t("review.queue.resultsLabel")}
        </Heading>
        {rows.length === 0 ? (
          <>
            <Paragraph>{page > 1 ? t("review.queue.emptyPage") : t("review.queue.empty")}</Paragraph>
            <Paragraph>
              {page > 1 ? (
                <Link to={listHref("/beoordelen", params(1))}>{t("review.queue.firstPage")}</Link>
              ) : filters.filter !== "open" || filters.wijk || filters.cycleId ? (
                <Link to="/beoordelen">{t("review.queue.filter.reset")}</Link>
              ) : null}
            </Paragraph>
          </>
        ) : (
          <ol className="vl-rv-list">
            {rows.map((row) => (
              <li key={row.id} className="vl-rv-item">
                <Heading level={3} className="vl-rv-item__title">
                  <Link to={`/beoordelen/${row.id}`}>{shownTitle("knelpunt", row.title, row.titleShown)}</Link>
                </Heading>
                <p className="vl-rv-item__badges">
                  {waiting ? (
                    <Badge tone="warning">
                      {row.daysWaited === 0
                        ? t("review.queue.waitedToday")
                        : row.daysWaited === 1
                          ? t("review.queue.waited.one")
                          : t("review.queue.waited.other", { days: row.daysWaited })}
                    </Badge>
                  ) : (
                    <Badge tone={knelpuntStatusTone(row.status)}>{t(knelpuntStatusMessage(row.status))}</Badge>
                  )}{" "}
                  {row.fastTrack ? <Badge tone="info">{t("review.queue.fastTrack")}</Badge> : null}
                </p>
                <dl className="vl-dl vl-rv-item__facts">
                  <>
                    <dt>{t("review.page.cycle")}</dt>
                    <dd>{row.cycle.title}</dd>
                  </>
                  <>
                    <dt>{t("review.page.wijk")}</dt>
                    <dd>{row.wijk}</dd>
                  </>
                </dl>
                <p className="vl-muted vl-rv-item__date">
                  {t("review.queue.escalatedOn", { date: formatDate(locale, row.escalatedAt) })}
                  {waiting ? null : <> · {t("review.queue.updatedOn", { date: formatDate(locale, row.updatedAt) })}</>}
                </p>
              </li>
            ))}
          </ol>
        )}
        <Pagination page={page} hasNext={hasNext} hrefFor={(p) => listHref("/beoordelen", params(p))} />
      </section>
    </div>
  );
}
