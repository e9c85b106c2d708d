import { Form, redirect, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/forgot";
import { requestPasswordReset } from "~/domain/accounts/accounts.server";
import { forgotSchema } from "~/domain/accounts/schemas";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { badForm, clientIp, keepRetryAfter, tooManyAttempts } from "~/lib/http.server";
import { pendingEmailCookie } from "~/lib/pending-email.server";
import { Button, ErrorSummary, Heading, PageTitle, Paragraph, TextField } from "~/ui/components";

/** A refused attempt (429) carries `Retry-After` without JavaScript too. */
export const headers = keepRetryAfter;

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(forgotSchema, await request.formData());
  if (!parsed.ok) return badForm(parsed);
  const result = requestPasswordReset({ email: parsed.data.email, ip: clientIp(context) });
  if (!result.ok) return tooManyAttempts(result, { email: parsed.data.email });
  throw redirect("/wachtwoord-herstellen", { headers: { "Set-Cookie": pendingEmailCookie(parsed.data.email) } });
}

export default function Forgot() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  return (
    <div className="vl-narrow">
      <PageTitle title={t("forgot.title")} hasErrors={!!result} />
      <Heading level={1}>{t("forgot.title")}</Heading>
      <Paragraph lead>{t("forgot.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={{ email: t("field.email") }} vars={result?.vars} />
      <Form method="post" className="vl-form" noValidate>
        <TextField
          name="email"
          type="email"
          label={t("field.email")}
          autoComplete="email"
          required
          defaultValue={result?.values?.email}
          error={errors.email}
        />
        <div>
          <Button type="submit" disabled={busy}>
            {t("forgot.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
