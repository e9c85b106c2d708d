import { Form, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { safeRedirect } from "~/auth/guards";
import { getSession, redirectSignedIn } from "~/auth/session.server";
import { logIn } from "~/domain/accounts/accounts.server";
import { logInSchema } from "~/domain/accounts/schemas";
import { useT } from "~/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, clientIp, invalid, keepRetryAfter, tooManyAttempts } from "~/lib/http.server";
import { pendingEmailCookie } from "~/lib/pending-email.server";
import { Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextField } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  if (getSession(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  }
  return null;
}

/** A refused sign-in (429) carries `Retry-After` without JavaScript too. */
export const headers = keepRetryAfter;

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const redirectTo = safeRedirect(formData.get("redirectTo"), "/");
  const parsed = parseForm(logInSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const values = { email: parsed.data.email, redirectTo };
  const result = await logIn({ ...parsed.data, ip: clientIp(context) });
  if (result.ok) {
    throw redirectSignedIn(redirectTo, result.token, { key: "flash.loggedIn" }, [localeCookie(result.locale)]);
  }
  switch (result.reason) {
    case "rate_limited":
      return tooManyAttempts(result, values);
    case "unverified":
      throw redirectWithFlash("/verifieren", { key: "login.unverified" }, { "Set-Cookie": pendingEmailCookie(parsed.data.email) });
    case "blocked":
      return invalid({ form: "error.accountBlocked" }, values);
    default:
      return invalid({ password: "error.loginFailed" }, values);
  }
}

export default function LogIn() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const redirectTo = result?.values?.redirectTo ?? params.get("redirectTo") ?? "/";
  return (
    <div className="vl-narrow">
      <PageTitle title={t("login.title")} hasErrors={!!result} />
      <Heading level={1}>{t("login.title")}</Heading>
      <ErrorSummary errors={errors} labels={{ email: t("field.email"), password: t("field.password") }} vars={result?.vars} />
      <Form method="post" className="vl-form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t("field.email")}
          autoComplete="username"
          required
          defaultValue={result?.values?.email}
          error={errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("field.password")}
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <div>
          <Button type="submit" disabled={busy}>
            {t("login.submit")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        <Link to="/wachtwoord-vergeten">{t("login.forgot")}</Link>
      </Paragraph>
      <Paragraph>
        {t("login.noAccount")} <Link to="/registreren">{t("nav.signup")}</Link>
      </Paragraph>
    </div>
  );
}
