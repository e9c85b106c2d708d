import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/participant";
import { requireRole } from "~/auth/guards.server";
import { auditRowsAboutUser, type AuditEntry } from "~/domain/audit/audit.server";
import {
  BLOCK_REASON_MAX,
  blockAccount,
  blockPermissionMessage,
  blockPermissionRefusal,
  getParticipantOverview,
  unblockAccount,
} from "~/domain/moderation/blocks.server";
import { formatDate, formatDateTime, isMessageKey, useLocale, useT, type Translate } from "~/i18n";
import { formValues } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { invalid } from "~/lib/http.server";
import { Alert, Badge, Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextArea } from "~/ui/components";

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function userIdFrom(params: { id?: string }): string {
  const id = params.id ?? "";
  if (!USER_ID.test(id)) throw data(null, { status: 404 });
  return id;
}

/**
 * One participant, for project leaders and administrators: who they are (the
 * display name; the email address only for an administrator), what they
 * wrote and how much of it is not visible, the audit lines about the
 * account, and the form to block or unblock it (always with a reason).
 */
export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireRole(request, "projectleider", "beheerder");
  const overview = getParticipantOverview(userIdFrom(params));
  if (!overview) throw data(null, { status: 404 });
  const actor = { id: user.id, role: user.role };
  const refusal = blockPermissionRefusal(actor, overview);
  const { email, ...person } = overview;
  return {
    person: { ...person, email: user.role === "beheerder" ? email : null },
    mayBlock: refusal === null,
    notAllowed: refusal ? blockPermissionMessage(actor, refusal) : null,
    history: auditRowsAboutUser(overview.id),
    reasonMax: BLOCK_REASON_MAX,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider", "beheerder");
  const id = userIdFrom(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent !== "block" && intent !== "unblock") throw data(null, { status: 400 });
  const reason = String(formData.get("reason") ?? "");
  const actor = { id: user.id, role: user.role };
  const result = intent === "block" ? blockAccount(actor, id, reason) : unblockAccount(actor, id, reason);
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    if (result.reason === "forbidden" || result.reason === "self" || result.reason === "staff") throw data(null, { status: 403 });
    return invalid({ [result.reason === "reason" ? "reason" : "form"]: result.message }, formValues(formData));
  }
  throw redirectWithFlash(`/moderatie/deelnemers/${encodeURIComponent(id)}`, {
    key: intent === "block" ? "audit.block.flash.blocked" : "audit.block.flash.unblocked",
    vars: { name: result.displayName },
  });
}

function labelOr(t: Translate, key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw;
}

function HistoryRow({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const locale = useLocale();
  const { actor, details } = entry;
  const who =
    actor.kind === "system"
      ? t("audit.actor.system")
      : actor.kind === "deleted"
        ? t("audit.actor.deleted")
        : t("audit.actor.withRole", { name: actor.displayName, role: t(`role.${actor.role}`) });
  const detail =
    details.from && details.to && entry.action === "account.role_changed"
      ? t("audit.detail.fromTo", { from: labelOr(t, `role.${details.from}`, details.from), to: labelOr(t, `role.${details.to}`, details.to) })
      : null;
  return (
    <tr>
      <th scope="row">
        <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(locale, entry.createdAt)}</time>
      </th>
      <td>{who}</td>
      <td>
        {entry.known ? labelOr(t, `audit.action.${entry.action}`, entry.action) : entry.action}
        {detail ? (
          <>
            <br />
            <span className="vl-muted">{detail}</span>
          </>
        ) : null}
      </td>
      <td>{entry.reason ?? <span className="vl-muted">{t("audit.noReason")}</span>}</td>
    </tr>
  );
}

const KINDS = ["knelpunten", "measures", "reactions", "answers"] as const;

export default function Participant() {
  const t = useT();
  const locale = useLocale();
  const { person, mayBlock, notAllowed, history, reasonMax } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = failure?.errors ?? {};
  const blocked = !!person.blockedAt;
  const name = person.displayName;
  const form = blocked ? "unblock" : "block";
  const reasonLabel = t(blocked ? "audit.unblock.reason" : "audit.block.reason");
  return (
    <div>
      <PageTitle title={t("audit.participant.title", { name })} hasErrors={!!failure} />
      <Heading level={1}>{t("audit.participant.title", { name })}</Heading>

      <section aria-labelledby="participant-facts-title">
        <Heading level={2} id="participant-facts-title" className="vl-visually-hidden">
          {t("audit.participant.factsTitle")}
        </Heading>
        <dl className="vl-dl">
          <dt>{t("audit.participant.role")}</dt>
          <dd>{t(`role.${person.role}`)}</dd>
          {person.email ? (
            <>
              <dt>{t("audit.participant.email")}</dt>
              <dd>{person.email}</dd>
            </>
          ) : null}
          <dt>{t("audit.participant.memberSince")}</dt>
          <dd>
            <time dateTime={new Date(person.createdAt).toISOString()}>{formatDate(locale, person.createdAt)}</time>
          </dd>
          <dt>{t("audit.participant.status")}</dt>
          <dd>
            {person.blockedAt ? (
              <Badge tone="warning">{t("audit.participant.statusBlocked", { date: formatDateTime(locale, person.blockedAt) })}</Badge>
            ) : (
              t("audit.participant.statusActive")
            )}
          </dd>
          {person.blockedAt && person.blockedReason ? (
            <>
              <dt>{t("audit.participant.blockedReason")}</dt>
              <dd>{person.blockedReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="vl-section" aria-labelledby="participant-block-title">
        <Heading level={2} id="participant-block-title">
          {t(blocked ? "audit.unblock.title" : "audit.block.title")}
        </Heading>
        {mayBlock ? (
          <>
            <ErrorSummary errors={errors} labels={{ reason: t("audit.col.reason") }} fieldIds={{ reason: `reason-${form}` }} />
            <Paragraph>{t(blocked ? "audit.unblock.intro" : "audit.block.intro", { name })}</Paragraph>
            <Form method="post" className="vl-form" noValidate>
              <input type="hidden" name="intent" value={form} />
              <TextArea
                id={`reason-${form}`}
                name="reason"
                label={reasonLabel}
                description={t(blocked ? "audit.unblock.reasonDescription" : "audit.block.reasonDescription", { name })}
                rows={4}
                maxLength={reasonMax}
                aria-required="true"
                defaultValue={failure?.values?.reason ?? ""}
                error={errors.reason}
              />
              <div>
                <Button type="submit" variant={blocked ? "primary" : "danger"} disabled={busy}>
                  {t(blocked ? "audit.unblock.submit" : "audit.block.submit")}
                </Button>
              </div>
            </Form>
          </>
        ) : (
          <Alert type="info">{notAllowed ? t(notAllowed) : null}</Alert>
        )}
      </section>

      <section className="vl-section" aria-labelledby="participant-contributions-title">
        <Heading level={2} id="participant-contributions-title">
          {t("audit.participant.contributionsTitle")}
        </Heading>
        <div className="vl-table-wrap">
          <table className="vl-table">
            <caption className="vl-visually-hidden">{t("audit.participant.contributionsCaption", { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.participant.col.kind")}</th>
                <th scope="col">{t("audit.participant.col.total")}</th>
                <th scope="col">{t("audit.participant.col.notVisible")}</th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`audit.participant.kind.${kind}`)}</th>
                  <td>{person.counts[kind].total}</td>
                  <td>{person.counts[kind].notVisible}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Paragraph className="vl-muted">{t("audit.participant.notVisibleNote")}</Paragraph>
      </section>

      <section className="vl-section" aria-labelledby="participant-history-title">
        <Heading level={2} id="participant-history-title">
          {t("audit.participant.historyTitle")}
        </Heading>
        {history.length === 0 ? (
          <Paragraph>{t("audit.participant.historyEmpty")}</Paragraph>
        ) : (
          <div className="vl-table-wrap" role="region" aria-labelledby="participant-history-caption" tabIndex={0}>
            <table className="vl-table">
              <caption id="participant-history-caption" className="vl-visually-hidden">
                {t("audit.participant.historyCaption", { name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("audit.col.when")}</th>
                  <th scope="col">{t("audit.col.who")}</th>
                  <th scope="col">{t("audit.col.what")}</th>
                  <th scope="col">{t("audit.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => (
                  <HistoryRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Paragraph>
          <Link to={`/beheer/logboek?soort=user&doel=${encodeURIComponent(person.id)}`}>{t("audit.participant.historyAll", { name })}</Link>
        </Paragraph>
      </section>
    </div>
  );
}
