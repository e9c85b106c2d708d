import type { Route } from "./+types/csv";
import { cycleReport, reportCsv } from "~/domain/reports/report.server";
import { KNELPUNT_STATUSES } from "~/domain/knelpunten/statuses";
import { translate } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { reportCycle } from "./load.server";

/** The report's figures as CSV (same visibility as the report). */
export function loader({ request, params }: Route.LoaderArgs) {
  const { cycle } = reportCycle(request, params.slug, "report");
  const locale = getLocale(request);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const labels: Record<string, string> = {
    figure: t("report.csv.figure"),
    value: t("report.csv.value"),
    cycle: t("report.csv.cycle"),
    participants: t("report.participants"),
    knelpunten: t("report.knelpunten"),
    solvedBySelfHelp: t("report.solvedBySelfHelp"),
    escalated: t("report.escalated"),
    selfHelpMeasures: t("report.selfHelpMeasures"),
    selfHelpDone: t("report.selfHelpDone"),
    answers: t("report.answers"),
    medianDays: t("report.medianDays"),
    ratingFirst: t("report.csv.ratingFirst"),
    ratingLast: t("report.csv.ratingLast"),
    answerKnelpunt: t("report.csv.answerKnelpunt"),
    answerStatus: t("report.csv.answerStatus"),
    answerDate: t("report.csv.answerDate"),
    answerDays: t("report.csv.answerDays"),
    answerBy: t("report.csv.answerBy"),
    // For a knelpunt hidden by moderation (the report has no title for it).
    hiddenTitle: translate(locale, "moderation.hiddenTitle", { kind: t("moderation.kind.knelpunt") }),
  };
  for (const status of KNELPUNT_STATUSES) labels[`status.${status}`] = t(`knelpunt.status.${status}`);
  return new Response(reportCsv(cycle, cycleReport(cycle), labels), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="verslag-${cycle.slug}.csv"`,
    },
  });
}
