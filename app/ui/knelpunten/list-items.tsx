/**
 * The knelpunten of a cycle as a list: title (link to the knelpunt page),
 * status, wijk, place, support and date. Used on the list and map views.
 * Moderation: a held knelpunt (listed only for its reporter and project
 * leaders) says it waits for approval; a hidden or flagged one is listed as
 * "Verborgen knelpunt", without its place.
 */
import type { KnelpuntStatus } from "~/domain/knelpunten/policy";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import type { ModeratedView } from "~/domain/moderation/view";
import { formatDate, useLocale, useT } from "~/i18n";
import { Badge, Heading, Link } from "~/ui/components";
import { useShownTitle } from "./moderated-title";

export type KnelpuntListRow = {
  id: number;
  title: string;
  status: KnelpuntStatus;
  wijk: string;
  locationText: string;
  hasPoint: boolean;
  supportCount: number;
  createdAt: Date;
  moderation: ModeratedView;
};

const STATUS_TONE: Record<KnelpuntStatus, "neutral" | "info" | "ok" | "warning"> = {
  open: "info",
  zelf_aan_de_slag: "info",
  opgelost: "ok",
  geescaleerd: "warning",
  in_behandeling: "warning",
  toegezegd: "warning",
  uitgevoerd: "ok",
  afgewezen: "neutral",
};

export function KnelpuntStatusBadge({ status }: { status: KnelpuntStatus }) {
  const t = useT();
  return <Badge tone={STATUS_TONE[status]}>{t(knelpuntStatusMessage(status))}</Badge>;
}

export function KnelpuntListItems({ rows, showMapState = false }: { rows: KnelpuntListRow[]; showMapState?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const shownTitle = useShownTitle();
  return (
    <ul className="vl-kl-list">
      {rows.map((row) => (
        <li key={row.id} className="vl-kl-item">
          <article aria-labelledby={`knelpunt-${row.id}`}>
            <Heading level={3} className="vl-kl-item__title" id={`knelpunt-${row.id}`}>
              <Link to={`/knelpunten/${row.id}`}>{shownTitle("knelpunt", row.title, row.moderation.shown)}</Link>
            </Heading>
            <p className="vl-kl-item__status">
              <KnelpuntStatusBadge status={row.status} />
              {row.moderation.state === "held" ? <Badge tone="warning">{t("knelpunt.moderation.held")}</Badge> : null}
              {showMapState ? (
                <span className="vl-kl-item__map">{t(row.hasPoint ? "knelpuntList.item.onMap" : "knelpuntList.item.notOnMap")}</span>
              ) : null}
            </p>
            <dl className="vl-kl-item__facts">
              <div>
                <dt>{t("knelpuntList.item.wijk")}</dt>
                <dd>{row.wijk}</dd>
              </div>
              {row.moderation.shown ? (
                <div>
                  <dt>{t("knelpuntList.item.location")}</dt>
                  <dd>{row.locationText}</dd>
                </div>
              ) : null}
            </dl>
            <p className="vl-kl-item__meta">
              <span>
                {row.supportCount === 1
                  ? t("knelpuntList.item.supportOne")
                  : t("knelpuntList.item.supportOther", { count: row.supportCount })}
              </span>
              <time dateTime={new Date(row.createdAt).toISOString()}>
                {t("knelpunt.reportedOn", { date: formatDate(locale, row.createdAt) })}
              </time>
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
