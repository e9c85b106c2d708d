/**
 * The knelpunten of a cycle as a list: title (link to the knelpunt page),
 * status, wijk, place, support and date. Used on the list and map views.
 */
import type { KnelpuntStatus } from "~/domain/knelpunten/policy";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import { formatDate, useLocale, useT } from "~/i18n";
import { Badge, Heading, Link } from "~/ui/components";

export type KnelpuntListRow = {
  id: number;
  title: string;
  status: KnelpuntStatus;
  wijk: string;
  locationText: string;
  hasPoint: boolean;
  supportCount: number;
  createdAt: Date;
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
  return (
    <ul className="vl-kl-list">
      {rows.map((row) => (
        <li key={row.id} className="vl-kl-item">
          <article aria-labelledby={`knelpunt-${row.id}`}>
            <Heading level={3} className="vl-kl-item__title" id={`knelpunt-${row.id}`}>
              <Link to={`/knelpunten/${row.id}`}>{row.title}</Link>
            </Heading>
            <p className="vl-kl-item__status">
              <KnelpuntStatusBadge status={row.status} />
              {showMapState ? (
                <span className="vl-kl-item__map">{t(row.hasPoint ? "knelpuntList.item.onMap" : "knelpuntList.item.notOnMap")}</span>
              ) : null}
            </p>
            <dl className="vl-kl-item__facts">
              <div>
                <dt>{t("knelpuntList.item.wijk")}</dt>
                <dd>{row.wijk}</dd>
              </div>
              <div>
                <dt>{t("knelpuntList.item.location")}</dt>
                <dd>{row.locationText}</dd>
              </div>
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
