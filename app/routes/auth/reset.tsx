import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/reset";
import { redirectSignedIn } from "~/auth/session.server";
import { resetPassword } from "~/domain/accounts/accounts.server";
import { resetSchema } from "~/domain/accounts/schemas";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { badForm, clientIp, invalid, keepRetryAfter, tooManyAttempts } from "~/lib/http.server";
import { mailPreviewEnabled } from "~/lib/mail.server";
import { clearPendingEmailCookie, readPendingEmail } from "~/lib/pending-email.server";
import { Button, ErrorSummary, Heading, MailPreviewHint, PageTitle, Paragraph, TextField } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  return { email: readPendingEmail(request), mailPreview: mailPreviewEnabled() };
}

/** A refused attempt (429) carries `Retry-After` without JavaScript too. */
export const headers = keepRetryAfter;

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(resetSchema, await request.formData());
  if (!parsed.ok) return badForm(parsed);
  const values = { email: parsed.data.email };
  const result = await resetPassword({ ...parsed.data, ip: clientIp(context) });
  if (!result.ok) {
    if (result.reason === "rate_limited") return tooManyAttempts(result, values, "code");
    return invalid({ [result.field ?? "form"]: result.message }, values);
  }
  throw redirectSignedIn("/account", result.token, { key: "flash.passwordReset" }, [clearPendingEmailCookie()]);
}

export default function Reset() {
  const t = useT();
  const { email, mailPreview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  return (
    <div className="vl-narrow">
      <PageTitle title={t("reset.title")} hasErrors={!!result} />
      <Heading level={1}>{t("reset.title")}</Heading>
      <Paragraph lead>{email ? t("reset.intro", { email }) : t("reset.introNoEmail")}</Paragraph>
      {mailPreview ? <MailPreviewHint /> : null}
      <ErrorSummary
        errors={errors}
        labels={{ email: t("field.email"), code: t("field.code"), password: t("field.newPassword") }}
        vars={result?.vars}
      />
      <Form method="post" className="vl-form" noValidate>
        <TextField
          name="email"
          type="email"
          label={t("field.email")}
          autoComplete="email"
          required
          defaultValue={result?.values?.email ?? email}
          error={errors.email}
        />
        <TextField
          name="code"
          label={t("field.code")}
          description={t("field.codeDescription")}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={12}
          error={errors.code}
          errorVars={result?.vars}
        />
        <TextField
          name="password"
          type="password"
          label={t("field.newPassword")}
          description={t("field.passwordDescription")}
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <div>
          <Button type="submit" disabled={busy}>
            {t("reset.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
