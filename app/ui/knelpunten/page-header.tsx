/**
 * The top of the knelpunt page: title, status, facts (cycle, wijk, place,
 * reporter and date), the description and the point on the map (the place's
 * text is always there, map or not).
 *
 * Moderation: a held knelpunt (only its reporter and project leaders get it)
 * shows the notice above its description; a hidden or flagged one shows
 * "Verborgen knelpunt" as its title and the notice in place of its
 * description, place and point (the loader sent none of its words).
 */
import type { KnelpuntPage } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import type { KnelpuntStatus } from "~/domain/knelpunten/policy";
import { formatDate, useLocale, useT } from "~/i18n";
import { Badge, Heading, Link, Paragraph, RichText } from "~/ui/components";
import { PointsMap } from "~/ui/map/map";
import { FlagLink, ModeratedText } from "~/ui/moderation/moderated-text";
import { useShownTitle } from "./moderated-title";

export function knelpuntStatusTone(status: KnelpuntStatus): "neutral" | "info" | "ok" | "warning" {
  switch (status) {
    case "open":
      return "info";
    case "zelf_aan_de_slag":
    case "opgelost":
    case "toegezegd":
    case "uitgevoerd":
      return "ok";
    case "geescaleerd":
    case "in_behandeling":
      return "warning";
    case "afgewezen":
      return "neutral";
  }
}

export function KnelpuntHeader({ page }: { page: Pick<KnelpuntPage, "knelpunt" | "cycle" | "reporterName"> }) {
  const t = useT();
  const locale = useLocale();
  const shownTitle = useShownTitle();
  const { knelpunt, cycle } = page;
  const status = t(knelpuntStatusMessage(knelpunt.status));
  return (
    <header className="vl-kp-header">
      <p className="vl-kp-back">
        <Link to={`/rondes/${cycle.slug}/knelpunten`}>{t("knelpuntPage.backToList")}</Link>
      </p>
      <Heading level={1} id="knelpunt-title" className="vl-kp-title">
        {shownTitle("knelpunt", knelpunt.title, knelpunt.moderation.shown)}
      </Heading>
      <p className="vl-kp-status">
        <Badge tone={knelpuntStatusTone(knelpunt.status)}>{status}</Badge>
      </p>
      <dl className="vl-dl vl-kp-facts" aria-label={t("knelpuntPage.factsLabel")}>
        <dt>{t("knelpuntPage.status")}</dt>
        <dd>{status}</dd>
        <dt>{t("knelpuntPage.cycle")}</dt>
        <dd>
          <Link to={`/rondes/${cycle.slug}`}>{cycle.title}</Link> ({t(`phase.${cycle.phase}`)})
        </dd>
        <dt>{t("knelpuntPage.wijk")}</dt>
        <dd>{knelpunt.wijk}</dd>
        {knelpunt.moderation.shown ? (
          <>
            <dt>{t("knelpuntPage.location")}</dt>
            <dd>{knelpunt.locationText}</dd>
          </>
        ) : null}
        <dt>{t("knelpuntPage.reporter")}</dt>
        <dd>
          {t("knelpuntPage.reporterOn", {
            name: page.reporterName ?? t("knelpunt.deletedParticipant"),
            date: formatDate(locale, knelpunt.createdAt),
          })}
        </dd>
      </dl>
    </header>
  );
}

export function KnelpuntDescription({ page }: { page: Pick<KnelpuntPage, "knelpunt"> }) {
  const t = useT();
  const { knelpunt } = page;
  return (
    <div className="vl-kp-about">
      <section className="vl-section vl-kp-description" aria-labelledby="beschrijving-title">
        <Heading level={2} id="beschrijving-title">
          {t("knelpuntPage.descriptionTitle")}
        </Heading>
        <ModeratedText view={knelpunt.moderation}>
          <RichText html={knelpunt.descriptionHtml} />
        </ModeratedText>
        {knelpunt.moderation.flaggable ? (
          <p className="vl-kp-flag">
            <FlagLink type="knelpunt" id={knelpunt.id} />
          </p>
        ) : null}
      </section>
      {knelpunt.moderation.shown ? (
        <section className="vl-section vl-kp-map" aria-labelledby="kaart-title">
          <Heading level={2} id="kaart-title">
            {t("knelpuntPage.mapTitle")}
          </Heading>
          {knelpunt.lat !== null && knelpunt.lng !== null ? (
            <PointsMap points={[{ id: knelpunt.id, lat: knelpunt.lat, lng: knelpunt.lng, title: knelpunt.title, href: `/knelpunten/${knelpunt.id}` }]} />
          ) : (
            <Paragraph className="vl-muted">{t("knelpuntPage.noPoint")}</Paragraph>
          )}
        </section>
      ) : null}
    </div>
  );
}
