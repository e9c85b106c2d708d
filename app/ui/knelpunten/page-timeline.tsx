/**
 * "Wat er gebeurde": every status change of the knelpunt, oldest first, with
 * who did it (and their organisation, for officials), when, and why: the
 * public explanation, the fast-track reason and the measure that caused it.
 * An official's answer shows the organisation stored with it, the department
 * and expected date (toegezegd) and the explanation rendered from Markdown.
 */
import type { KnelpuntTimelineEntry } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import { isAnswerDecision } from "~/domain/review/policy";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { Heading, RichText } from "~/ui/components";
import { measureAnchor } from "~/ui/measures/measure-card";
import { PromiseFacts } from "~/ui/review/answer";
import { useShownTitle } from "./moderated-title";
import reviewCss from "~/ui/review.css?url";

export function KnelpuntTimeline({ entries }: { entries: KnelpuntTimelineEntry[] }) {
  const t = useT();
  const locale = useLocale();
  const shownTitle = useShownTitle();
  const hasAnswers = entries.some((entry) => entry.fromStatus !== null && isAnswerDecision(entry.toStatus));
  return (
    <section className="vl-section vl-kp-timeline" aria-labelledby="tijdlijn-title">
      {/* The answers' styles (lists in the explanation, the promise); React hoists this into <head>. */}
      {hasAnswers ? <link rel="stylesheet" href={reviewCss} precedence="default" /> : null}
      <Heading level={2} id="tijdlijn-title">
        {t("knelpunt.timelineTitle")}
      </Heading>
      <ol className="vl-timeline">
        {entries.map((entry) => {
          const answer = entry.fromStatus !== null && isAnswerDecision(entry.toStatus);
          const organisation = entry.organisation ?? entry.actorOrganisation;
          return (
            <li key={entry.id} className={answer ? "vl-kp-timeline__answer" : undefined}>
              <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(locale, entry.createdAt)}</time>
              <span className="vl-kp-timeline__what">
                {entry.fromStatus === null
                  ? t("knelpunt.timeline.reported")
                  : t("knelpunt.timeline.change", {
                      from: t(knelpuntStatusMessage(entry.fromStatus)),
                      to: t(knelpuntStatusMessage(entry.toStatus)),
                    })}{" "}
                {t("knelpunt.timeline.by", { name: entry.actorName ?? t("knelpunt.deletedParticipant") })}
                {organisation ? ` ${t("knelpuntPage.timeline.organisation", { organisation })}` : null}
              </span>
              {entry.measure ? (
                <span className="vl-kp-timeline__measure">
                  {t("knelpunt.timeline.measure")
                    .split(/(\{title\})/)
                    .map((part, index) =>
                      part === "{title}" ? (
                        <a key={index} className="utrecht-link" href={`#${measureAnchor(entry.measure!.id)}`}>
                          {shownTitle("measure", entry.measure!.title, entry.measure!.shown)}
                        </a>
                      ) : (
                        part
                      ),
                    )}
                </span>
              ) : null}
              {entry.fastTrackReason ? (
                <span className="vl-kp-timeline__why">
                  <strong>{t("knelpuntPage.timeline.fastTrack")}</strong> {entry.fastTrackReason}
                </span>
              ) : null}
              {answer ? (
                <>
                  <PromiseFacts department={entry.department} expectedDate={entry.expectedDate} />
                  {entry.explanationHtml ? (
                    <div className="vl-kp-timeline__why vl-rv-timeline-text">
                      <strong>{t("review.answer.explanation")}</strong>
                      <RichText html={entry.explanationHtml} />
                    </div>
                  ) : null}
                </>
              ) : entry.explanation ? (
                <span className="vl-kp-timeline__why">
                  <strong>{t("knelpuntPage.timeline.explanation")}</strong> {entry.explanation}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
