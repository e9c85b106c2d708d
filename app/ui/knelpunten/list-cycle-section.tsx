/**
 * "Gemelde plekken" on the cycle page: how many knelpunten per status (each
 * a link to the filtered list), a link to the list, and "Meld een plek" for
 * residents while the phase allows reporting.
 */
import { KNELPUNT_STATUSES, type KnelpuntStatus } from "~/domain/knelpunten/policy";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import { useT } from "~/i18n";
import { ButtonLink, Heading, Link, Paragraph } from "~/ui/components";

export function CycleKnelpuntenSection({
  slug,
  counts,
  canReport,
}: {
  slug: string;
  counts: Partial<Record<KnelpuntStatus, number>>;
  canReport: boolean;
}) {
  const t = useT();
  const base = `/rondes/${slug}/knelpunten`;
  const present = KNELPUNT_STATUSES.filter((status) => (counts[status] ?? 0) > 0);
  const total = present.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  return (
    <section className="vl-section vl-kl-cycle" aria-labelledby="knelpunten-title">
      <Heading level={2} id="knelpunten-title">
        {t("knelpuntList.cycle.title")}
      </Heading>
      {total === 0 ? (
        <Paragraph>{t("knelpuntList.cycle.none")}</Paragraph>
      ) : (
        <>
          <Paragraph>{total === 1 ? t("knelpuntList.cycle.totalOne") : t("knelpuntList.cycle.totalOther", { count: total })}</Paragraph>
          <Heading level={3} id="knelpunten-status-title" className="vl-kl-cycle__subtitle">
            {t("knelpuntList.cycle.byStatus")}
          </Heading>
          <ul className="vl-link-list" aria-labelledby="knelpunten-status-title">
            {present.map((status) => (
              <li key={status}>
                <Link to={`${base}?status=${status}`}>
                  {t("knelpuntList.cycle.statusCount", { status: t(knelpuntStatusMessage(status)), count: counts[status] ?? 0 })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="vl-button-group vl-kl-cycle__actions">
        {canReport ? <ButtonLink to={`${base}/nieuw`}>{t("knelpuntList.report")}</ButtonLink> : null}
        <ButtonLink to={base} variant="secondary">
          {t("knelpuntList.cycle.all")}
        </ButtonLink>
      </div>
    </section>
  );
}
