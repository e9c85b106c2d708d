import { useLoaderData } from "react-router";
import type { Route } from "./+types/report";
import { cycleReport } from "~/domain/reports/report.server";
import { KNELPUNT_STATUSES } from "~/domain/knelpunten/statuses";
import { formatDate, useLocale, useT } from "~/i18n";
import { Alert, Heading, Link, PageTitle, Paragraph } from "~/ui/components";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { reportCycle } from "./load.server";

export function loader({ request, params }: Route.LoaderArgs) {
  const { cycle } = reportCycle(request, params.slug, "report");
  return {
    cycle: { slug: cycle.slug, title: cycle.title, phase: cycle.phase },
    report: cycleReport(cycle),
  };
}

function formatNumber(locale: string, value: number, digits = 1, minimumDigits = digits) {
  return new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: minimumDigits }).format(value);
}

export default function ReportPage() {
  const t = useT();
  const locale = useLocale();
  const { cycle, report } = useLoaderData<typeof loader>();
  // A knelpunt hidden by moderation comes without its title (null).
  const shownTitle = useShownTitle();
  const figures: Array<[string, string | number]> = [
    [t("report.participants"), report.participants],
    [t("report.knelpunten"), report.knelpunten],
    [t("report.solvedBySelfHelp"), report.solvedBySelfHelp],
    [t("report.escalated"), report.escalated],
    [t("report.selfHelpMeasures"), report.selfHelpMeasures],
    [t("report.selfHelpDone"), report.selfHelpDone],
    [t("report.answers"), report.answers.length],
    [t("report.medianDays"), report.medianDaysToAnswer === null ? t("report.none") : formatNumber(locale, report.medianDaysToAnswer, 1, 0)],
  ];
  const { ratings } = report;
  const fewRatings = ratings.firstCount < 5 || ratings.lastCount < 5;
  return (
    <article className="vl-report">
      <PageTitle title={t("report.title", { title: cycle.title })} />
      <p className="vl-no-print">
        <Link to={`/rondes/${cycle.slug}`}>← {cycle.title}</Link>
      </p>
      <Heading level={1}>{t("report.title", { title: cycle.title })}</Heading>
      {cycle.phase !== "afgerond" ? <Alert type="warning">{t("report.preview")}</Alert> : null}
      <Paragraph lead className="vl-prose">
        {t("report.intro")}
      </Paragraph>

      <section className="vl-section" aria-labelledby="figures-title">
        <Heading level={2} id="figures-title">
          {t("report.figuresTitle")}
        </Heading>
        <dl className="vl-figures">
          {figures.map(([label, value]) => (
            <div key={label} className="vl-figures__item">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="vl-section" aria-labelledby="status-title">
        <Heading level={2} id="status-title">
          {t("report.statusTitle")}
        </Heading>
        <div className="vl-table-wrap">
          <table className="vl-table">
            <tbody>
              {KNELPUNT_STATUSES.filter((s) => report.byStatus[s]).map((status) => (
                <tr key={status}>
                  <th scope="row">{t(`knelpunt.status.${status}`)}</th>
                  <td>{report.byStatus[status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="vl-section" aria-labelledby="answers-title">
        <Heading level={2} id="answers-title">
          {t("report.answersTitle")}
        </Heading>
        {report.answers.length === 0 ? <Paragraph>{t("report.noAnswers")}</Paragraph> : null}
        <ul className="vl-link-list">
          {report.answers.map((answer) => (
            <li key={answer.knelpuntId}>
              <Link to={`/knelpunten/${answer.knelpuntId}`}>{shownTitle("knelpunt", answer.title ?? "", answer.title !== null)}</Link>: <strong>{t(`knelpunt.status.${answer.status}`)}</strong>,{" "}
              {formatDate(locale, answer.answeredAt)}
              {answer.daysToAnswer !== null ? ` (${t("report.answerDays", { days: answer.daysToAnswer })})` : ""}
              {answer.officialName ? ` ${t("report.answerBy", { name: [answer.officialName, answer.organisation].filter(Boolean).join(", ") })}` : ""}
            </li>
          ))}
        </ul>
      </section>

      <section className="vl-section" aria-labelledby="ratings-title">
        <Heading level={2} id="ratings-title">
          {t("report.ratingsTitle")}
        </Heading>
        {ratings.firstAverage === null || ratings.lastAverage === null ? (
          <Paragraph>{t("report.ratingsNone")}</Paragraph>
        ) : (
          <>
            <Paragraph>
              {t("report.ratingsChange", {
                days: ratings.windowDays,
                first: formatNumber(locale, ratings.firstAverage),
                firstCount: ratings.firstCount,
                last: formatNumber(locale, ratings.lastAverage),
                lastCount: ratings.lastCount,
              })}
            </Paragraph>
            <Paragraph className="vl-muted">{t("report.ratingsScale")}</Paragraph>
            {fewRatings ? <Alert type="info">{t("report.ratingsFew")}</Alert> : null}
          </>
        )}
      </section>

      <section className="vl-section vl-no-print">
        <ul className="vl-link-list">
          <li>
            <a className="utrecht-link" href={`/rondes/${cycle.slug}/verslag.csv`} download>
              {t("report.downloadCsv")}
            </a>
          </li>
          <li>
            <a className="utrecht-link" href={`/rondes/${cycle.slug}/open-data.json`} download>
              {t("report.downloadJson")}
            </a>
          </li>
        </ul>
        <Paragraph className="vl-muted">{t("report.print")}</Paragraph>
      </section>
    </article>
  );
}
