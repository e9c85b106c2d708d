import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/verify";
import { getSession, redirectSignedIn } from "~/auth/session.server";
import { resendVerification, verifyEmail } from "~/domain/accounts/accounts.server";
import { resendSchema, verifySchema } from "~/domain/accounts/schemas";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, clientIp, invalid, keepRetryAfter, tooManyAttempts } from "~/lib/http.server";
import { mailPreviewEnabled } from "~/lib/mail.server";
import { clearPendingEmailCookie, pendingEmailCookie, readPendingEmail } from "~/lib/pending-email.server";
import { Button, ErrorSummary, Heading, MailPreviewHint, PageTitle, Paragraph, TextField } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  if (getSession(request)) throw redirect("/account");
  return { email: readPendingEmail(request), mailPreview: mailPreviewEnabled() };
}

/** A refused attempt (429) carries `Retry-After` without JavaScript too. */
export const headers = keepRetryAfter;

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const ip = clientIp(context);
  if (formData.get("intent") === "resend") {
    const parsed = parseForm(resendSchema, formData);
    if (!parsed.ok) return badForm(parsed);
    const result = resendVerification({ email: parsed.data.email, ip });
    if (!result.ok) return tooManyAttempts(result, { email: parsed.data.email });
    throw redirectWithFlash("/verifieren", { key: "verify.resent" }, { "Set-Cookie": pendingEmailCookie(parsed.data.email) });
  }
  const parsed = parseForm(verifySchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const values = { email: parsed.data.email };
  const result = verifyEmail({ ...parsed.data, ip });
  if (!result.ok) {
    if (result.reason === "rate_limited") return tooManyAttempts(result, values, "code");
    return invalid({ code: result.message }, values);
  }
  throw redirectSignedIn("/", result.token, { key: "flash.welcome" }, [clearPendingEmailCookie()]);
}

export default function Verify() {
  const t = useT();
  const { email, mailPreview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const shownEmail = result?.values?.email ?? email;
  return (
    <div className="vl-narrow">
      <PageTitle title={t("verify.title")} hasErrors={!!result} />
      <Heading level={1}>{t("verify.title")}</Heading>
      <Paragraph lead>{email ? t("verify.intro", { email }) : t("verify.introNoEmail")}</Paragraph>
      {mailPreview ? <MailPreviewHint /> : null}
      <ErrorSummary errors={errors} labels={{ email: t("field.email"), code: t("field.code") }} vars={result?.vars} />
      <Form method="post" className="vl-form" noValidate>
        <TextField
          name="email"
          type="email"
          label={t("field.email")}
          autoComplete="email"
          required
          defaultValue={shownEmail}
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
        <div className="vl-button-group">
          <Button type="submit" name="intent" value="verify" disabled={busy}>
            {t("verify.submit")}
          </Button>
          <Button type="submit" name="intent" value="resend" variant="secondary" disabled={busy} formNoValidate>
            {t("verify.resend")}
          </Button>
        </div>
      </Form>
      <Paragraph className="vl-muted">{t("verify.noMail")}</Paragraph>
    </div>
  );
}
