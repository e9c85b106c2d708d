import { data, Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/accounts";
import { requireRole } from "~/auth/guards.server";
import { changeRole, listAccounts } from "~/domain/accounts/accounts.server";
import { ROLES } from "~/domain/accounts/roles";
import { changeRoleSchema } from "~/domain/accounts/schemas";
import { blockedAmong } from "~/domain/moderation/blocks.server";
import { translate, useT } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { parseForm } from "~/lib/forms";
import { pageFrom } from "~/lib/pagination";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Badge, Button, ErrorSummary, Heading, Link, PageTitle, Pagination, Paragraph, SelectField, TextField } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireRole(request, "beheerder");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = pageFrom(url);
  const accounts = listAccounts({ q, page });
  const blocked = blockedAmong(accounts.rows.map((row) => row.id));
  return { ...accounts, rows: accounts.rows.map((row) => ({ ...row, blocked: blocked.has(row.id) })), q, page, selfId: user.id };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireRole(request, "beheerder");
  const formData = await request.formData();
  const parsed = parseForm(changeRoleSchema, formData);
  const userId = String(formData.get("userId") ?? "");
  if (!parsed.ok) return badForm({ ...parsed, values: { ...parsed.values, userId } });
  const result = changeRole({ id: user.id, role: user.role }, parsed.data);
  if (!result.ok) {
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    if (result.reason === "not_found") throw data(null, { status: 404 });
    return invalid({ role: result.message }, { userId });
  }
  // Back to the same search and page (request.url may be a .data URL here).
  const url = new URL(request.url);
  const back = new URLSearchParams();
  for (const name of ["q", "pagina"]) {
    const value = url.searchParams.get(name);
    if (value) back.set(name, value);
  }
  throw redirectWithFlash(`/beheer/accounts${back.size ? `?${back}` : ""}`, {
    key: "flash.roleChanged",
    vars: { name: result.displayName, role: translate(getLocale(request), `role.${parsed.data.role}`) },
  });
}

export default function Accounts() {
  const t = useT();
  const { rows, hasNext, q, page, selfId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const failedFor = result?.values?.userId;
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("pagina", String(n));
    return `?${next.toString()}`;
  };
  return (
    <div>
      <PageTitle title={t("accounts.title")} hasErrors={!!result} />
      <Heading level={1}>{t("accounts.title")}</Heading>
      <Paragraph>{t("accounts.intro")}</Paragraph>
      <Form method="get" className="vl-search" role="search">
        <TextField name="q" type="search" label={t("field.search")} defaultValue={q} maxLength={100} />
        <Button type="submit" variant="secondary">
          {t("accounts.searchSubmit")}
        </Button>
      </Form>
      {rows.length === 0 ? <Paragraph>{t("accounts.none")}</Paragraph> : null}
      <ul className="vl-account-list">
        {rows.map((row) => {
          const errors = failedFor === row.id ? (result?.errors ?? {}) : {};
          const self = row.id === selfId;
          return (
            <li key={row.id} className="vl-account">
              <Heading level={2} className="vl-account__name">
                {row.displayName} {self ? <span className="vl-muted">{t("accounts.you")}</span> : null}
              </Heading>
              <Paragraph className="vl-account__meta">
                {row.email ?? "—"}
                {row.verified ? "" : ` (${t("accounts.unverified")})`} · {t(`role.${row.role}`)}
                {row.organisation ? ` · ${row.organisation}` : ""}
                {row.blocked ? (
                  <>
                    {" "}
                    <Badge tone="warning">{t("audit.accounts.blocked")}</Badge>
                  </>
                ) : null}
              </Paragraph>
              <Paragraph>
                <Link to={`/moderatie/deelnemers/${encodeURIComponent(row.id)}`}>
                  {t("audit.accounts.blockLink")}
                  <span className="vl-visually-hidden"> {t("audit.accounts.blockLinkFor", { name: row.displayName })}</span>
                </Link>
              </Paragraph>
              {self ? null : (
                <Form method="post" className="vl-role-form" noValidate>
                  <ErrorSummary
                    errors={errors}
                    fieldIds={{ role: `role-${row.id}`, organisation: `organisation-${row.id}` }}
                  />
                  <input type="hidden" name="userId" value={row.id} />
                  <SelectField
                    id={`role-${row.id}`}
                    name="role"
                    label={t("accounts.changeFor", { name: row.displayName })}
                    defaultValue={row.role}
                    options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                    error={errors.role}
                  />
                  <TextField
                    id={`organisation-${row.id}`}
                    name="organisation"
                    label={t("accounts.organisationFor", { name: row.displayName })}
                    description={t("field.organisationDescription")}
                    defaultValue={failedFor === row.id ? result?.values?.organisation : (row.organisation ?? "")}
                    maxLength={100}
                    error={errors.organisation}
                  />
                  <div>
                    <Button type="submit" variant="secondary" disabled={busy}>
                      {t("accounts.change")}
                    </Button>
                  </div>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      <Pagination page={page} hasNext={hasNext} hrefFor={pageLink} />
    </div>
  );
}
