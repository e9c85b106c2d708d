import { Form, redirect, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/signup";
import { getSession } from "~/auth/session.server";
import { signUp } from "~/domain/accounts/accounts.server";
import { signUpSchema } from "~/domain/accounts/schemas";
import { useT } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { parseForm } from "~/lib/forms";
import { badForm, clientIp, invalid, keepRetryAfter, tooManyAttempts } from "~/lib/http.server";
import { pendingEmailCookie } from "~/lib/pending-email.server";
import { Button, Checkbox, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextField } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  if (getSession(request)) throw redirect("/account");
  return null;
}

/** A refused attempt (429) carries `Retry-After` without JavaScript too. */
export const headers = keepRetryAfter;

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(signUpSchema, await request.formData());
  if (!parsed.ok) return badForm(parsed);
  const { email, password, displayName, wijk } = parsed.data;
  const values = { email, displayName, wijk: wijk ?? "", acceptConduct: "on" };
  const result = await signUp({ email, password, displayName, wijk, locale: getLocale(request), ip: clientIp(context) });
  if (!result.ok) {
    if (result.reason === "rate_limited") return tooManyAttempts(result, values);
    return invalid({ [result.field ?? "form"]: result.message }, values);
  }
  throw redirect("/verifieren", { headers: { "Set-Cookie": pendingEmailCookie(email) } });
}

export default function SignUp() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const labels = {
    email: t("field.email"),
    password: t("field.password"),
    displayName: t("field.displayName"),
    wijk: t("field.wijk"),
    acceptConduct: t("field.acceptConduct"),
  };
  return (
    <div className="vl-narrow">
      <PageTitle title={t("signup.title")} hasErrors={!!result} />
      <Heading level={1}>{t("signup.title")}</Heading>
      <Paragraph lead>{t("signup.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} vars={result?.vars} />
      <Form method="post" className="vl-form" noValidate>
        <TextField
          name="email"
          type="email"
          label={labels.email}
          description={t("field.emailDescription")}
          autoComplete="email"
          required
          defaultValue={values.email}
          error={errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          description={t("field.passwordDescription")}
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <TextField
          name="displayName"
          label={labels.displayName}
          description={t("field.displayNameDescription")}
          autoComplete="nickname"
          required
          maxLength={50}
          defaultValue={values.displayName}
          error={errors.displayName}
        />
        <TextField
          name="wijk"
          label={labels.wijk}
          description={t("field.wijkDescription")}
          optional
          maxLength={80}
          defaultValue={values.wijk}
          error={errors.wijk}
        />
        <Checkbox
          name="acceptConduct"
          label={labels.acceptConduct}
          description={
            <>
              {t("field.acceptConductRead")} <Link to="/gedragscode">{t("field.acceptConductLink")}</Link>.
            </>
          }
          required
          defaultChecked={values.acceptConduct === "on"}
          error={errors.acceptConduct}
        />
        <div>
          <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
            {t("signup.submit")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        {t("signup.haveAccount")} <Link to="/inloggen">{t("nav.login")}</Link>
      </Paragraph>
    </div>
  );
}
