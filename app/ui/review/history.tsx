/**
 * The whole history of an escalated knelpunt for the official: the report,
 * reactions, self-help measures and how they went, the government measures
 * residents propose (most supported first), the escalation, and the safety
 * ratings per day as a table. A knelpunt or measure hidden by moderation
 * shows the notice instead of its words: the moderators decide, also for
 * officials.
 */
import type { ReviewPage } from "~/domain/review/review.server";
import { knelpuntStatusMessage, measureStatusMessage } from "~/domain/knelpunten/messages";
import { formatAverage } from "~/domain/ratings/chart";
import { formatDate, formatDateTime, useLocale, useT } from "~/i18n";
import { Badge, Heading, Link, Paragraph, RichText } from "~/ui/components";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { knelpuntStatusTone } from "~/ui/knelpunten/page-header";
import { ModeratedText } from "~/ui/moderation/moderated-text";
import { formatDay } from "./answer";

export function ReportSection({ review }: { review: ReviewPage }) {
  const t = useT();
  const locale = useLocale();
  const { knelpunt, cycle } = review.page;
  return (
    <section className="vl-section" aria-labelledby="rv-report-title">
      <Heading level={2} id="rv-report-title">
        {t("review.page.reportTitle")}
      </Heading>
      <dl className="vl-dl vl-rv-facts">
        <dt>{t("review.page.status")}</dt>
        <dd>
          <Badge tone={knelpuntStatusTone(knelpunt.status)}>{t(knelpuntStatusMessage(knelpunt.status))}</Badge>
        </dd>
        <dt>{t("review.page.cycle")}</dt>
        <dd>
          {cycle.title} ({t(`phase.${cycle.phase}`)})
        </dd>
        <dt>{t("review.page.wijk")}</dt>
        <dd>{knelpunt.wijk}</dd>
        {knelpunt.moderation.shown ? (
          <>
            <dt>{t("review.page.place")}</dt>
            <dd>{knelpunt.locationText}</dd>
          </>
        ) : null}
        <dt>{t("review.page.reporter")}</dt>
        <dd>
          {review.page.reporterName ?? t("knelpunt.deletedParticipant")}, {formatDate(locale, knelpunt.createdAt)}
        </dd>
      </dl>
      <ModeratedText view={knelpunt.moderation}>
        <RichText html={knelpunt.descriptionHtml} className="vl-rv-quote" />
      </ModeratedText>
      <Paragraph>
        {review.reactionCount === 1 ? t("review.page.reactions.one") : t("review.page.reactions.other", { count: review.reactionCount })}
        {review.reactionCount > 0 ? (
          <>
            {" · "}
            <Link to={`/knelpunten/${knelpunt.id}#reacties`}>{t("review.page.reactionsLink")}</Link>
          </>
        ) : null}
      </Paragraph>
    </section>
  );
}

export function SelfHelpSection({ review }: { review: ReviewPage }) {
  const t = useT();
  const locale = useLocale();
  const shownTitle = useShownTitle();
  return (
    <section className="vl-section" aria-labelledby="rv-selfhelp-title">
      <Heading level={2} id="rv-selfhelp-title">
        {t("review.page.selfHelpTitle")}
      </Heading>
      {review.selfHelp.length === 0 ? (
        <Paragraph>{t("review.page.noSelfHelp")}</Paragraph>
      ) : (
        <ul className="vl-rv-measures">
          {review.selfHelp.map((m) => (
            <li key={m.id}>
              <Heading level={3}>{shownTitle("measure", m.title, m.moderation.shown)}</Heading>
              <p>
                <Badge tone={m.status === "uitgevoerd" ? "ok" : m.status === "niet_doorgegaan" ? "neutral" : "info"}>
                  {t(measureStatusMessage(m.status))}
                </Badge>{" "}
                <span className="vl-muted">{t("review.page.measureCounts", { supports: m.supportCount, volunteers: m.volunteerCount })}</span>
              </p>
              <ModeratedText view={m.moderation}>
                <RichText html={m.descriptionHtml} />
              </ModeratedText>
              <Heading level={4}>{t("review.page.measureHistory")}</Heading>
              <ol className="vl-rv-changes">
                {m.changes.map((c) => (
                  <li key={c.id}>
                    <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(locale, c.createdAt)}</time>
                    {": "}
                    {t(measureStatusMessage(c.toStatus))}
                    {c.reason ? <> — {c.reason}</> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function GovernmentSection({ review }: { review: ReviewPage }) {
  const t = useT();
  const shownTitle = useShownTitle();
  return (
    <section className="vl-section" aria-labelledby="rv-government-title">
      <Heading level={2} id="rv-government-title">
        {t("review.page.governmentTitle")}
      </Heading>
      {review.government.length === 0 ? (
        <Paragraph>{t("review.page.noGovernment")}</Paragraph>
      ) : (
        <ol className="vl-rv-measures">
          {review.government.map((m) => (
            <li key={m.id}>
              <Heading level={3}>{shownTitle("measure", m.title, m.moderation.shown)}</Heading>
              <p>
                <Badge tone="info">
                  {m.supportCount === 1 ? t("review.page.supports.one") : t("review.page.supports.other", { count: m.supportCount })}
                </Badge>{" "}
                <span className="vl-muted">{t(measureStatusMessage(m.status))}</span>
              </p>
              <ModeratedText view={m.moderation}>
                <RichText html={m.descriptionHtml} />
              </ModeratedText>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function EscalationSection({ review }: { review: ReviewPage }) {
  const t = useT();
  const { knelpunt } = review.page;
  return (
    <section className="vl-section" aria-labelledby="rv-escalation-title">
      <Heading level={2} id="rv-escalation-title">
        {t("review.page.escalationTitle")}
      </Heading>
      {review.escalationExplanationHtml ? <RichText html={review.escalationExplanationHtml} className="vl-rv-quote" /> : <Paragraph>{t("review.page.noEscalation")}</Paragraph>}
      {knelpunt.fastTrackReason ? (
        <div className="vl-rv-quote vl-rv-quote--warning">
          <strong>{t("review.page.fastTrack")}</strong> {knelpunt.fastTrackReason}
        </div>
      ) : null}
    </section>
  );
}

export function RatingsSection({ review }: { review: ReviewPage }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="vl-section" aria-labelledby="rv-ratings-title">
      <Heading level={2} id="rv-ratings-title">
        {t("review.page.ratingsTitle")}
      </Heading>
      {review.ratings.length === 0 ? (
        <Paragraph>{t("review.page.ratingsEmpty")}</Paragraph>
      ) : (
        <div className="vl-table-wrap">
          <table className="vl-table">
            <caption className="vl-rv-caption">{t("review.page.ratingsIntro")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("review.page.ratings.day")}</th>
                <th scope="col">{t("review.page.ratings.average")}</th>
                <th scope="col">{t("review.page.ratings.count")}</th>
              </tr>
            </thead>
            <tbody>
              {review.ratings.map((r) => (
                <tr key={r.day}>
                  <th scope="row">
                    <time dateTime={r.day}>{formatDay(locale, r.day)}</time>
                  </th>
                  <td>{formatAverage(locale, r.average)}</td>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
