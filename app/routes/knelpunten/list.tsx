import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/list";
import { getSession } from "~/auth/session.server";
import { getCycleBySlug } from "~/domain/cycles/cycles.server";
import { canViewCycle, phaseAllows } from "~/domain/cycles/policy";
import { countKnelpuntenByStatus, knelpuntWijken, listKnelpunten, listKnelpuntPoints, MAP_POINTS_MAX } from "~/domain/knelpunten/knelpunten.server";
import { reportRefusal } from "~/domain/knelpunten/policy";
import { listFiltersFrom } from "~/domain/knelpunten/schemas";
import { useT } from "~/i18n";
import { ButtonLink, Heading, Link, PageTitle, Pagination, Paragraph } from "~/ui/components";
import { KnelpuntFilters, ViewSwitch, filterParams, listHref, type ListView } from "~/ui/knelpunten/list-filters";
import { KnelpuntListItems } from "~/ui/knelpunten/list-items";
import { PointsMap } from "~/ui/map/map";
import knelpuntenListCss from "~/ui/knelpunten-list.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: knelpuntenListCss }];

export function loader({ request, params }: Route.LoaderArgs) {
  const user = getSession(request)?.user;
  const viewer = user ? { id: user.id, role: user.role } : null;
  const cycle = getCycleBySlug(params.slug);
  if (!cycle || !canViewCycle(viewer, cycle)) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const filters = listFiltersFrom(url);
  const view: ListView = url.searchParams.get("weergave") === "kaart" ? "kaart" : "lijst";
  // Held knelpunten (moderation) only for their reporter and project leaders.
  const query = { cycleId: cycle.id, status: filters.status, wijk: filters.wijk, sort: filters.sort, viewer };
  const list = listKnelpunten({ ...query, page: filters.page });

  let map: {
    points: Array<{ id: number; lat: number; lng: number; title: string; href: string }>;
    truncated: boolean;
    max: number;
    withoutPoint: number | null;
  } | null = null;
  if (view === "kaart") {
    const { points, truncated } = listKnelpuntPoints(query);
    // How many of the filtered set have no point: exact when the whole set is known.
    const counts = filters.wijk ? null : countKnelpuntenByStatus(cycle.id, viewer);
    const total =
      filters.page === 1 && !list.hasNext
        ? list.rows.length
        : counts
          ? filters.status
            ? (counts[filters.status] ?? 0)
            : Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0)
          : null;
    map = {
      points: points.map((point) => ({ id: point.id, lat: point.lat, lng: point.lng, title: point.title, href: `/knelpunten/${point.id}` })),
      truncated,
      max: MAP_POINTS_MAX,
      withoutPoint: total === null || truncated ? null : Math.max(0, total - points.length),
    };
  }

  const refusal = reportRefusal(viewer, cycle);
  return {
    cycle: { slug: cycle.slug, title: cycle.title },
    filters,
    view,
    wijken: knelpuntWijken(cycle.id, viewer),
    ...list,
    map,
    canReport: refusal === null,
    loginToReport: refusal === "not_signed_in" && phaseAllows(cycle.phase, "reportKnelpunt"),
  };
}

export default function KnelpuntList() {
  const t = useT();
  const { cycle, filters, view, wijken, rows, page, hasNext, map, canReport, loginToReport } = useLoaderData<typeof loader>();
  const base = `/rondes/${cycle.slug}/knelpunten`;
  const filtered = !!filters.status || !!filters.wijk;
  const title = t("knelpuntList.pageTitle", { cycle: cycle.title });
  const pageRows = rows.length;
  const noPointOnPage = rows.filter((row) => !row.hasPoint).length;

  return (
    <div className="vl-kl">
      <PageTitle title={page > 1 ? `${title} (${t("pagination.status", { page })})` : title} />
      <p className="vl-kl__cycle">
        <Link to={`/rondes/${cycle.slug}`}>{t("knelpuntList.cycleLink", { cycle: cycle.title })}</Link>
      </p>
      <div className="vl-kl__head">
        <Heading level={1}>{t("knelpuntList.title")}</Heading>
        {canReport ? <ButtonLink to={`${base}/nieuw`}>{t("knelpuntList.report")}</ButtonLink> : null}
      </div>
      <Paragraph lead className="vl-prose">
        {t("knelpunt.listIntro")}
      </Paragraph>
      {loginToReport ? (
        <Paragraph>
          {t("knelpuntList.loginToReportIntro")}{" "}
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(`${base}/nieuw`)}`}>{t("knelpuntList.loginToReport")}</Link>
        </Paragraph>
      ) : null}

      <KnelpuntFilters filters={filters} wijken={wijken} view={view} />
      <ViewSwitch base={base} filters={filters} view={view} />

      {map ? (
        <section className="vl-section vl-kl-map" aria-labelledby="kl-map-title">
          <Heading level={2} id="kl-map-title">
            {t("knelpunt.map.title")}
          </Heading>
          <PointsMap points={map.points} />
          <div className="vl-kl-map__notes">
            <p>
              {map.points.length === 0
                ? t("knelpuntList.map.onMapNone")
                : map.points.length === 1
                  ? t("knelpuntList.map.onMapOne")
                  : t("knelpuntList.map.onMapOther", { count: map.points.length })}{" "}
              {map.truncated ? t("knelpunt.map.capped", { count: map.max }) : null}
            </p>
            {map.withoutPoint !== null ? (
              map.withoutPoint > 0 ? (
                <p>
                  {map.withoutPoint === 1 ? t("knelpuntList.map.noPointOne") : t("knelpuntList.map.noPointOther", { count: map.withoutPoint })}
                </p>
              ) : null
            ) : noPointOnPage > 0 ? (
              <p>
                {noPointOnPage === 1 ? t("knelpuntList.map.noPointPageOne") : t("knelpuntList.map.noPointPageOther", { count: noPointOnPage })}
              </p>
            ) : null}
          </div>
        </section>
      ) : null}

      <section className="vl-section vl-kl-results" aria-labelledby="kl-list-title">
        <Heading level={2} id="kl-list-title" className={view === "kaart" ? undefined : "vl-visually-hidden"}>
          {t("knelpuntList.listTitle")}
        </Heading>
        {pageRows === 0 ? (
          page > 1 ? (
            <Paragraph>
              {t("knelpuntList.noneOnPage")} <Link to={listHref(base, filterParams(filters, view, 1))}>{t("knelpuntList.firstPage")}</Link>
            </Paragraph>
          ) : filtered ? (
            <Paragraph>
              {t("knelpunt.noneFiltered")} <Link to={listHref(base, { weergave: view === "kaart" ? "kaart" : null })}>{t("knelpuntList.showAll")}</Link>
            </Paragraph>
          ) : (
            <Paragraph>{t("knelpunt.none")}</Paragraph>
          )
        ) : (
          <KnelpuntListItems rows={rows} showMapState={view === "kaart"} />
        )}
        <Pagination page={page} hasNext={hasNext} hrefFor={(n) => listHref(base, filterParams(filters, view, n))} />
      </section>
    </div>
  );
}
