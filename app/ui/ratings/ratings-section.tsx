/**
 * "Voelt het veiliger?" on the knelpunt page: the person's own rating and
 * the form, the weekly averages as an SVG chart drawn on the server (with
 * the same numbers as a table), and for each carried-out measure the
 * ratings in the weeks before and after it. No client JavaScript is needed
 * to read any of it.
 */
import { useFetcher } from "react-router";
import type { RatingsSection as Section } from "~/domain/ratings/ratings.server";
import { COMPARE_WEEKS, chartGeometry, comparisonSentences, formatAverage, shortLabel, type Side } from "~/domain/ratings/chart";
import { addDays, dayAsDate } from "~/domain/ratings/days";
import { dateFormatter, useLocale, useT, type Locale, type Translate } from "~/i18n";
import { Heading, Link, Paragraph } from "~/ui/components";
import { RatingForm, ratingFetcherKey, type RatingActionData } from "./rating-form";

export const RATINGS_ANCHOR = "veiligheid";

/** A day string ("2026-11-23") as "23 november 2026". */
export function formatDay(locale: Locale, day: string): string {
  return dateFormatter(locale, { dateStyle: "long", timeZone: "UTC" }).format(dayAsDate(day));
}

function formatShortDay(locale: Locale, day: string): string {
  return dateFormatter(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(dayAsDate(day));
}

const countOf = (t: Translate, count: number) => t(count === 1 ? "rating.count.one" : "rating.count.other", { count });
const peopleOf = (t: Translate, count: number) => t(count === 1 ? "rating.people.one" : "rating.people.other", { count });

export function RatingsSection({
  knelpuntId,
  section,
  signedIn,
}: {
  knelpuntId: number;
  section: Section;
  signedIn: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<RatingActionData>({ key: ratingFetcherKey(knelpuntId) });
  const pending = fetcher.formData?.get("score");
  const pendingScore = typeof pending === "string" && /^[1-5]$/.test(pending) ? Number(pending) : null;
  // Optimistic: what was just chosen, until the page's data has it.
  const mine = pendingScore !== null ? { day: section.today, score: pendingScore } : (section.mine ?? null);
  const saved = fetcher.state === "idle" && fetcher.data?.ok ? fetcher.data.score : null;
  const loginHref = `/inloggen?redirectTo=${encodeURIComponent(`/knelpunten/${knelpuntId}#${RATINGS_ANCHOR}`)}`;

  return (
    <section id={RATINGS_ANCHOR} className="vl-section vl-ratings" aria-labelledby="veiligheid-title" tabIndex={-1}>
      <Heading level={2} id="veiligheid-title">
        {t("rating.title")}
      </Heading>
      <Paragraph>{t("rating.intro")}</Paragraph>

      <div className="vl-card vl-rating-box">
        {signedIn ? (
          <>
            {mine ? (
              <p className="vl-rating-mine">
                <strong>
                  {mine.day === section.today
                    ? t("rating.mine.today", { score: mine.score })
                    : t("rating.mine.earlier", { score: mine.score, date: formatDay(locale, mine.day) })}
                </strong>
              </p>
            ) : null}
            <RatingForm knelpuntId={knelpuntId} todayScore={section.mine?.day === section.today ? section.mine.score : null} />
            <p className="vl-visually-hidden" role="status">
              {saved !== null ? t("rating.live.saved", { score: saved }) : ""}
            </p>
          </>
        ) : (
          <Paragraph className="vl-rating-login">
            {t("rating.logIn")} <Link to={loginHref}>{t("rating.logInLink")}</Link>
          </Paragraph>
        )}
      </div>

      <p className="vl-rating-totals">
        {section.totals.count === 0
          ? t("rating.totals.none")
          : t("rating.totals", { ratings: countOf(t, section.totals.count), people: peopleOf(t, section.totals.people) })}
      </p>

      {section.weeks.length > 0 ? (
        <>
          <RatingChart section={section} />
          <RatingTable section={section} />
        </>
      ) : null}

      {section.measures.length > 0 ? <Comparisons section={section} /> : null}
    </section>
  );
}

export function RatingChart({ section }: { section: Section }) {
  const t = useT();
  const locale = useLocale();
  const marks = section.measures.map((m) => ({ id: m.id, day: m.completedDay, label: shortLabel(m.title) }));
  const g = chartGeometry(section.weeks, marks);
  const withRatings = section.weeks.filter((w) => w.average !== null);
  const first = withRatings[0]!;
  const last = withRatings[withRatings.length - 1]!;
  const describe = (w: (typeof withRatings)[number]) =>
    `${t("rating.chart.weekOf", { date: formatDay(locale, w.week) })}, ${formatAverage(locale, w.average!)} (${countOf(t, w.count)})`;
  const markText = section.measures
    .filter((m) => g.marks.some((mark) => mark.id === m.id))
    .map((m) => t("rating.chart.mark", { title: m.title, date: formatDay(locale, m.completedDay) }))
    .join("; ");
  const summary = [
    t("rating.chart.summary", {
      from: formatDay(locale, section.weeks[0]!.week),
      to: formatDay(locale, section.weeks[section.weeks.length - 1]!.week),
      first: describe(first),
      last: describe(last),
    }),
    markText ? t("rating.chart.summaryMarks", { marks: markText }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  const { plot } = g;
  const bottom = plot.y + plot.height;
  return (
    <figure className="vl-rating-chart">
      <div className="vl-rating-chart__scroll" tabIndex={0} role="group" aria-label={t("rating.chart.scroll")}>
        <svg
          viewBox={`0 0 ${g.width} ${g.height}`}
          width={g.width}
          height={g.height}
          role="img"
          aria-labelledby="rating-chart-title"
          aria-describedby="rating-chart-desc"
          className="vl-rating-chart__svg"
          focusable="false"
        >
          <title id="rating-chart-title">{t("rating.chart.title")}</title>
          <desc id="rating-chart-desc">{summary}</desc>
          <g className="vl-rating-chart__grid" aria-hidden="true">
            {g.yTicks.map((tick) => (
              <g key={tick.value}>
                <line x1={plot.x} x2={plot.x + plot.width} y1={tick.y} y2={tick.y} />
                <text x={plot.x - 8} y={tick.y + 4} textAnchor="end" className="vl-rating-chart__label">
                  {tick.value}
                </text>
              </g>
            ))}
            <text x={plot.x + 4} y={bottom - 6} className="vl-rating-chart__hint">
              {t("rating.chart.axisLow")}
            </text>
            <text x={plot.x + 4} y={plot.y + 14} className="vl-rating-chart__hint">
              {t("rating.chart.axisHigh")}
            </text>
            {g.xTicks.map((tick) => (
              <text key={tick.week} x={tick.x} y={bottom + 20} textAnchor="middle" className="vl-rating-chart__label">
                {formatShortDay(locale, tick.week)}
              </text>
            ))}
          </g>
          <g className="vl-rating-chart__marks" aria-hidden="true">
            {g.marks.map((mark) => (
              <g key={mark.id}>
                <line x1={mark.x} x2={mark.x} y1={mark.labelY + 4} y2={bottom} className="vl-rating-chart__mark" />
                <text x={mark.labelX} y={mark.labelY} textAnchor={mark.anchor} className="vl-rating-chart__mark-label">
                  {mark.label}
                </text>
              </g>
            ))}
          </g>
          <g className="vl-rating-chart__data" aria-hidden="true">
            {g.lines.map((points) => (
              <polyline key={points} points={points} className="vl-rating-chart__line" />
            ))}
            {g.points.map((point) => (
              <circle key={point.week} cx={point.x} cy={point.y} r={4.5} className="vl-rating-chart__point" />
            ))}
          </g>
        </svg>
      </div>
    </figure>
  );
}

export function RatingTable({ section }: { section: Section }) {
  const t = useT();
  const locale = useLocale();
  return (
    <details className="vl-rating-details">
      <summary>{t("rating.table.toggle")}</summary>
      <div className="vl-table-wrap">
        <table className="vl-table vl-rating-table">
          <caption>{t("rating.table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("rating.table.week")}</th>
              <th scope="col">{t("rating.table.average")}</th>
              <th scope="col">{t("rating.table.count")}</th>
              <th scope="col">{t("rating.table.measures")}</th>
            </tr>
          </thead>
          <tbody>
            {section.weeks.map((week) => {
              const done = section.measures.filter((m) => m.completedDay >= week.week && m.completedDay < addDays(week.week, 7));
              return (
                <tr key={week.week}>
                  <th scope="row">{formatDay(locale, week.week)}</th>
                  <td>{week.average === null ? t("rating.table.noRatings") : formatAverage(locale, week.average)}</td>
                  <td>{week.count}</td>
                  <td>{done.map((m) => t("rating.chart.mark", { title: m.title, date: formatDay(locale, m.completedDay) })).join("; ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function SideValue({ side }: { side: Side }) {
  const t = useT();
  const locale = useLocale();
  if (side.average === null) return <>{t("rating.compare.side.empty")}</>;
  return (
    <>
      {t("rating.compare.side.value", {
        average: formatAverage(locale, side.average),
        ratings: countOf(t, side.count),
        people: peopleOf(t, side.people),
      })}
    </>
  );
}

export function Comparisons({ section }: { section: Section }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="vl-rating-compare">
      <Heading level={3}>{t("rating.compare.title")}</Heading>
      <ul className="vl-rating-compare__list">
        {section.measures.map((measure) => {
          const sentences = comparisonSentences(locale, measure.title, measure.before, measure.after, measure.comparison);
          const caution = sentences.find((s) => s.key === "rating.compare.caution");
          return (
            <li key={measure.id} className="vl-rating-compare__item">
              <Heading level={4}>{measure.title}</Heading>
              <p className="vl-muted">{t("rating.compare.completedOn", { date: formatDay(locale, measure.completedDay) })}</p>
              <dl className="vl-rating-compare__sides">
                <div>
                  <dt>{t("rating.compare.side.before", { weeks: COMPARE_WEEKS })}</dt>
                  <dd>
                    <SideValue side={measure.before} />
                  </dd>
                </div>
                <div>
                  <dt>{t("rating.compare.side.after", { weeks: COMPARE_WEEKS })}</dt>
                  <dd>
                    <SideValue side={measure.after} />
                  </dd>
                </div>
              </dl>
              <p>
                {sentences
                  .filter((s) => s !== caution)
                  .map((s) => t(s.key, s.vars))
                  .join(" ")}{" "}
                {t("rating.compare.dayItself")}
              </p>
              {caution ? <p className="vl-rating-caution">{t(caution.key)}</p> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
