/**
 * "Wat er gebeurde": every status change of the knelpunt, oldest first, with
 * who did it (and their organisation, for officials), when, and why: the
 * public explanation, the fast-track reason and the measure that caused it.
 */
import type { KnelpuntTimelineEntry } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { Heading } from "~/ui/components";
import { measureAnchor } from "~/ui/measures/measure-card";

export function KnelpuntTimeline({ entries }: { entries: KnelpuntTimelineEntry[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="vl-section vl-kp-timeline" aria-labelledby="tijdlijn-title">
      <Heading level={2} id="tijdlijn-title">
        {t("knelpunt.timelineTitle")}
      </Heading>
      <ol className="vl-timeline">
        {entries.map((entry) => (
          <li key={entry.id}>
            <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(locale, entry.createdAt)}</time>
            <span className="vl-kp-timeline__what">
              {entry.fromStatus === null
                ? t("knelpunt.timeline.reported")
                : t("knelpunt.timeline.change", {
                    from: t(knelpuntStatusMessage(entry.fromStatus)),
                    to: t(knelpuntStatusMessage(entry.toStatus)),
                  })}{" "}
              {t("knelpunt.timeline.by", { name: entry.actorName ?? t("knelpunt.deletedParticipant") })}
              {entry.actorOrganisation ? ` ${t("knelpuntPage.timeline.organisation", { organisation: entry.actorOrganisation })}` : null}
            </span>
            {entry.measure ? (
              <span className="vl-kp-timeline__measure">
                {t("knelpunt.timeline.measure")
                  .split(/(\{title\})/)
                  .map((part, index) =>
                    part === "{title}" ? (
                      <a key={index} className="utrecht-link" href={`#${measureAnchor(entry.measure!.id)}`}>
                        {entry.measure!.title}
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
            {entry.explanation ? (
              <span className="vl-kp-timeline__why">
                <strong>{t("knelpuntPage.timeline.explanation")}</strong> {entry.explanation}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
