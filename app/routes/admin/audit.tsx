import { Form, useLoaderData } from "react-router";
import type { Route } from "./+types/audit";
import { requireRole } from "~/auth/guards.server";
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  isAuditAction,
  isAuditTargetType,
  listAuditLog,
  listStaffForFilter,
  type AuditEntry,
  type AuditFilters,
} from "~/domain/audit/audit.server";
import { isDay } from "~/domain/ratings/days";
import { formatDateTime, isMessageKey, useLocale, useT, type Translate } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, SelectField, TextField } from "~/ui/components";

/** Ids as the app makes them (session.ts generateSecureRandomString) or numbers. */
const TARGET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The audit log for project leaders and administrators: read-only, newest
 * first, 50 lines a page (keyset: `?voor=<id>`), filtered in a GET form that
 * works without JavaScript.
 */
export function loader({ request }: Route.LoaderArgs) {
  requireRole(request, "projectleider", "beheerder");
  const params = new URL(request.url).searchParams;
  const get = (name: string) => (params.get(name) ?? "").trim().slice(0, 100);
  const errors: FieldErrors = {};

  const action = get("actie");
  const targetType = get("soort");
  const targetId = get("doel");
  const actorId = get("door");
  const from = get("van");
  const to = get("tot");
  const before = Number(get("voor"));

  if (from && !isDay(from)) errors.van = "audit.error.date";
  if (to && !isDay(to)) errors.tot = "audit.error.date";
  if (!errors.van && !errors.tot && from && to && to < from) errors.tot = "audit.error.dateOrder";

  const filters: AuditFilters = {
    action: isAuditAction(action) ? action : null,
    targetType: isAuditTargetType(targetType) ? targetType : null,
    targetId: isAuditTargetType(targetType) && TARGET_ID.test(targetId) ? targetId : null,
    actorId: TARGET_ID.test(actorId) ? actorId : null,
    from: from && !errors.van && !errors.tot ? from : null,
    to: to && !errors.van && !errors.tot ? to : null,
    before: Number.isSafeInteger(before) && before > 0 ? before : null,
  };
  const page = listAuditLog(filters);
  return {
    ...page,
    filters,
    typed: { van: from, tot: to },
    errors,
    staff: listStaffForFilter(),
    actions: AUDIT_ACTIONS,
    targetTypes: AUDIT_TARGET_TYPES,
  };
}

/** The address of the log with these filters (empty ones left out). */
function logHref(filters: AuditFilters, before: number | null): string {
  const query = new URLSearchParams();
  const add = (name: string, value: string | number | null | undefined) => {
    if (value) query.set(name, String(value));
  };
  add("actie", filters.action);
  add("door", filters.actorId);
  add("soort", filters.targetType);
  add("doel", filters.targetId);
  add("van", filters.from);
  add("tot", filters.to);
  add("voor", before);
  const text = query.toString();
  return text ? `/beheer/logboek?${text}` : "/beheer/logboek";
}

/** A catalog label when there is one, else the raw value (e.g. an action the catalog does not know). */
function labelOr(t: Translate, key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw;
}

function ActionCell({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const { from, to, changed } = entry.details;
  let detail: string | null = null;
  if (from && to) {
    const prefix =
      entry.action === "account.role_changed" ? "role" : entry.action === "cycle.phase_moved" ? "phase" : "knelpunt.status";
    detail = t("audit.detail.fromTo", { from: labelOr(t, `${prefix}.${from}`, from), to: labelOr(t, `${prefix}.${to}`, to) });
  } else if (changed?.length) {
    detail = t("audit.detail.changed", { fields: changed.map((f) => labelOr(t, `cycle.field.${f}`, f)).join(", ") });
  }
  return (
    <>
      {entry.known ? labelOr(t, `audit.action.${entry.action}`, entry.action) : entry.action}
      {detail ? (
        <>
          <br />
          <span className="vl-muted">{detail}</span>
        </>
      ) : null}
    </>
  );
}

function ActorCell({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const { actor } = entry;
  if (actor.kind === "system") return <>{t("audit.actor.system")}</>;
  if (actor.kind === "deleted") return <>{t("audit.actor.deleted")}</>;
  return <>{t("audit.actor.withRole", { name: actor.displayName, role: t(`role.${actor.role}`) })}</>;
}

function TargetCell({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const { target } = entry;
  const type = labelOr(t, `audit.target.${target.type}`, target.type);
  if (target.href && target.label) {
    return (
      <>
        {type}: <Link to={target.href}>{target.label}</Link>
      </>
    );
  }
  if (target.type === "user") return <>{`${type}: ${t("audit.actor.deleted")}`}</>;
  return <>{t("audit.targetGone", { type: `${type} ${target.id}` })}</>;
}

export default function AuditLog() {
  const t = useT();
  const locale = useLocale();
  const { entries, olderThan, filters, typed, errors, staff, actions, targetTypes } = useLoaderData<typeof loader>();
  const hasErrors = Object.keys(errors).length > 0;
  const filtered = !!(filters.action || filters.actorId || filters.targetType || filters.from || filters.to);
  const onlyTarget = filters.targetType && filters.targetId ? (entries[0]?.target.label ?? filters.targetId) : null;
  const labels = { van: t("audit.filter.from"), tot: t("audit.filter.to") };
  return (
    <div>
      <PageTitle title={t("audit.title")} hasErrors={hasErrors} />
      <Heading level={1}>{t("audit.title")}</Heading>
      <Paragraph lead>{t("audit.intro")}</Paragraph>

      <section aria-labelledby="audit-filters-title">
        <Heading level={2} id="audit-filters-title">
          {t("audit.filters.title")}
        </Heading>
        <ErrorSummary errors={errors} labels={labels} fieldIds={{ van: "filter-van", tot: "filter-tot" }} />
        <Form method="get" className="vl-search">
          <SelectField
            id="filter-actie"
            name="actie"
            label={t("audit.filter.action")}
            defaultValue={filters.action ?? ""}
            options={[
              { value: "", label: t("audit.filter.allActions") },
              ...actions.map((action) => ({ value: action, label: labelOr(t, `audit.action.${action}`, action) })),
            ]}
          />
          <SelectField
            id="filter-door"
            name="door"
            label={t("audit.filter.actor")}
            defaultValue={filters.actorId ?? ""}
            options={[
              { value: "", label: t("audit.filter.allPeople") },
              ...staff.map((person) => ({ value: person.id, label: t("audit.actor.withRole", { name: person.displayName, role: t(`role.${person.role}`) }) })),
            ]}
          />
          <SelectField
            id="filter-soort"
            name="soort"
            label={t("audit.filter.targetType")}
            defaultValue={filters.targetType ?? ""}
            options={[
              { value: "", label: t("audit.filter.allTargets") },
              ...targetTypes.map((type) => ({ value: type, label: t(`audit.target.${type}`) })),
            ]}
          />
          <TextField
            id="filter-van"
            name="van"
            type="date"
            label={labels.van}
            defaultValue={typed.van}
            error={errors.van}
          />
          <TextField
            id="filter-tot"
            name="tot"
            type="date"
            label={labels.tot}
            defaultValue={typed.tot}
            error={errors.tot}
          />
          {onlyTarget ? <input type="hidden" name="doel" value={filters.targetId ?? ""} /> : null}
          <div>
            <Button type="submit" variant="secondary">
              {t("audit.filter.submit")}
            </Button>
          </div>
        </Form>
        {onlyTarget ? <Paragraph>{t("audit.filter.onlyTarget", { target: onlyTarget })}</Paragraph> : null}
        {filtered || hasErrors ? (
          <Paragraph>
            <Link to="/beheer/logboek">{t("audit.filter.reset")}</Link>
          </Paragraph>
        ) : null}
      </section>

      <section aria-labelledby="audit-results-title" className="vl-section">
        <Heading level={2} id="audit-results-title" className="vl-visually-hidden">
          {t("audit.results.title")}
        </Heading>
        {entries.length === 0 ? (
          <Paragraph>{filtered || filters.before ? t("audit.empty") : t("audit.emptyAll")}</Paragraph>
        ) : (
          <div className="vl-table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
            <table className="vl-table">
              <caption id="audit-caption" className="vl-visually-hidden">
                {t("audit.table.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("audit.col.when")}</th>
                  <th scope="col">{t("audit.col.who")}</th>
                  <th scope="col">{t("audit.col.what")}</th>
                  <th scope="col">{t("audit.col.target")}</th>
                  <th scope="col">{t("audit.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">
                      <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(locale, entry.createdAt)}</time>
                    </th>
                    <td>
                      <ActorCell entry={entry} />
                    </td>
                    <td>
                      <ActionCell entry={entry} />
                    </td>
                    <td>
                      <TargetCell entry={entry} />
                    </td>
                    <td>{entry.reason ?? <span className="vl-muted">{t("audit.noReason")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {olderThan || filters.before ? (
          <nav aria-label={t("audit.pagination.label")} className="vl-pagination">
            {filters.before ? <Link to={logHref(filters, null)}>{t("audit.newest")}</Link> : null}
            {olderThan ? <Link to={logHref(filters, olderThan)}>{t("audit.older")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
