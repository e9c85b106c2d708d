import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/delete";
import { requireUser } from "~/auth/guards.server";
import { blankSessionCookie } from "~/auth/session.server";
import { deleteAccount } from "~/domain/accounts/privacy.server";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid, keepRetryAfter, tooManyAttempts } from "~/lib/http.server";
import { Button, ButtonGroup, Checkbox, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextField } from "~/ui/components";

const deleteAccountSchema = z.object({
  password: z.string({ error: "error.passwordRequired" }).min(1, { error: "error.passwordRequired" }).max(1024, { error: "error.passwordTooLong" }),
  confirm: z.literal("on", { error: "privacy.delete.error.confirmRequired" }),
});

export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireUser(request);
  return { email: user.email };
}

/** A refused attempt (429) carries `Retry-After` without JavaScript too. */
export const headers = keepRetryAfter;

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const parsed = parseForm(deleteAccountSchema, await request.formData());
  if (!parsed.ok) return badForm(parsed);
  const values = { confirm: "on" };
  const result = await deleteAccount(user.id, parsed.data.password, new Date());
  if (!result.ok) {
    if (result.reason === "rate_limited") return tooManyAttempts(result, values, "password");
    if (result.reason === "wrong") return invalid({ password: result.message }, values);
    return invalid({ form: "error.badRequest" });
  }
  throw redirectWithFlash("/", { key: "privacy.flash.deleted" }, { "Set-Cookie": blankSessionCookie() });
}

export default function DeleteAccount() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const labels = { password: t("privacy.delete.password"), confirm: t("privacy.delete.confirm") };
  return (
    <div className="vl-narrow">
      <PageTitle title={t("privacy.delete.title")} hasErrors={!!result} />
      <Heading level={1}>{t("privacy.delete.title")}</Heading>
      <Paragraph lead>{t("privacy.delete.intro")}</Paragraph>

      <section className="vl-section" aria-labelledby="erased-title">
        <Heading level={2} id="erased-title">
          {t("privacy.delete.erasedTitle")}
        </Heading>
        <ul className="utrecht-unordered-list">
          <li className="utrecht-unordered-list__item">{t("privacy.delete.erased.account")}</li>
          <li className="utrecht-unordered-list__item">{t("privacy.delete.erased.follows")}</li>
          <li className="utrecht-unordered-list__item">{t("privacy.delete.erased.sessions")}</li>
        </ul>
      </section>

      <section className="vl-section" aria-labelledby="kept-title">
        <Heading level={2} id="kept-title">
          {t("privacy.delete.keptTitle")}
        </Heading>
        <ul className="utrecht-unordered-list">
          <li className="utrecht-unordered-list__item">{t("privacy.delete.kept.contributions")}</li>
          <li className="utrecht-unordered-list__item">{t("privacy.delete.kept.counts")}</li>
          <li className="utrecht-unordered-list__item">{t("privacy.delete.kept.log")}</li>
        </ul>
      </section>

      <Paragraph>
        {t("privacy.delete.downloadFirst")}{" "}
        <Link to="/account/gegevens.json" reloadDocument download>
          {t("privacy.delete.downloadFirstLink")}
        </Link>
        .
      </Paragraph>

      <section className="vl-section" aria-labelledby="confirm-title">
        <Heading level={2} id="confirm-title">
          {t("privacy.delete.formTitle")}
        </Heading>
        <ErrorSummary errors={errors} labels={labels} vars={result?.vars} />
        <Form method="post" className="vl-form" noValidate>
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <TextField
            name="password"
            type="password"
            label={labels.password}
            description={t("privacy.delete.passwordDescription")}
            autoComplete="current-password"
            required
            error={errors.password}
            errorVars={result?.vars}
          />
          <Checkbox
            name="confirm"
            label={labels.confirm}
            required
            defaultChecked={values.confirm === "on"}
            error={errors.confirm}
          />
          <ButtonGroup>
            <Button type="submit" variant="danger" disabled={busy} aria-disabled={busy || undefined}>
              {t("privacy.delete.submit")}
            </Button>
            <Link to="/account">{t("privacy.delete.back")}</Link>
          </ButtonGroup>
        </Form>
      </section>
    </div>
  );
}
