/**
 * An official's answer as the public sees it: the decision, who (name and
 * organisation), for toegezegd the department and expected date, and the
 * explanation (Markdown rendered on the server).
 */
import type { AnswerDecision } from "~/domain/review/policy";
import { formatDate, useLocale, useT, type Locale } from "~/i18n";
import { Badge, RichText } from "~/ui/components";

export function decisionTone(decision: AnswerDecision): "neutral" | "info" | "ok" | "warning" {
  return decision === "afgewezen" ? "neutral" : decision === "in_behandeling" ? "warning" : "ok";
}

/** A YYYY-MM-DD date written out ("15 december 2026"). */
export function formatDay(locale: Locale, day: string): string {
  return formatDate(locale, new Date(`${day}T12:00:00Z`));
}

export type AnswerFacts = {
  decision: AnswerDecision;
  officialName: string | null;
  organisation: string | null;
  department: string | null;
  expectedDate: string | null;
};

/** Department and expected date (toegezegd), as a small list of facts. */
export function PromiseFacts({ department, expectedDate }: Pick<AnswerFacts, "department" | "expectedDate">) {
  const t = useT();
  const locale = useLocale();
  if (!department && !expectedDate) return null;
  return (
    <dl className="vl-dl vl-rv-promise">
      {department ? (
        <>
          <dt>{t("review.answer.department")}</dt>
          <dd>{department}</dd>
        </>
      ) : null}
      {expectedDate ? (
        <>
          <dt>{t("review.answer.expectedDate")}</dt>
          <dd>{formatDay(locale, expectedDate)}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function OfficialAnswer({ answer, explanationHtml }: { answer: AnswerFacts; explanationHtml: string }) {
  const t = useT();
  const name = answer.officialName ?? t("knelpunt.deletedParticipant");
  return (
    <div className="vl-rv-answer">
      <p className="vl-rv-answer__decision">
        <strong>{t("review.answer.decision")}</strong> <Badge tone={decisionTone(answer.decision)}>{t(`review.decision.${answer.decision}`)}</Badge>
      </p>
      <p className="vl-rv-answer__by">
        {t("review.answer.by", { name })}
        {answer.organisation ? ` (${answer.organisation})` : null}
      </p>
      <PromiseFacts department={answer.department} expectedDate={answer.expectedDate} />
      <RichText html={explanationHtml} className="vl-rv-answer__text" />
    </div>
  );
}
