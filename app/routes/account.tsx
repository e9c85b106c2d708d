import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/account";
import { requireUser } from "~/auth/guards.server";
import { blankSessionCookie, invalidateAllSessions, sessionCookie } from "~/auth/session.server";
import { changePassword, countSessions, updateProfile } from "~/domain/accounts/accounts.server";
import { changePasswordSchema, profileSchema } from "~/domain/accounts/schemas";
import { NOTIFY_MODES } from "~/domain/notifications/modes";
import { getNotifyMode, setNotifyMode } from "~/domain/notifications/notifications.server";
import { notifyModeSchema } from "~/domain/notifications/schemas";
import { formatDate, useLocale, useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextField } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireUser(request);
  return {
    user: {
      email: user.email,
      displayName: user.displayName,
      wijk: user.wijk,
      role: user.role,
      organisation: user.organisation,
      createdAt: user.createdAt,
    },
    sessionCount: countSessions(user.id),
    notifyMode: getNotifyMode(user.id),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "profile") {
    const parsed = parseForm(profileSchema, formData);
    if (!parsed.ok) return badForm({ ...parsed, values: { ...parsed.values, intent: "profile" } });
    updateProfile(user.id, parsed.data);
    throw redirectWithFlash("/account", { key: "flash.profileSaved" });
  }
  if (intent === "password") {
    const parsed = parseForm(changePasswordSchema, formData);
    if (!parsed.ok) return badForm({ ...parsed, values: { intent: "password" } });
    const result = await changePassword({ userId: user.id, ...parsed.data });
    if (!result.ok) return invalid({ [result.field ?? "form"]: result.message }, { intent: "password" });
    throw redirectWithFlash("/account", { key: "flash.passwordChanged" }, { "Set-Cookie": sessionCookie(result.token) });
  }
  if (intent === "notify") {
    const parsed = parseForm(notifyModeSchema, formData);
    if (!parsed.ok) return badForm(parsed);
    setNotifyMode(user.id, parsed.data.notifyMode);
    throw redirectWithFlash("/account#mail-title", { key: "notify.flash.saved" });
  }
  if (intent === "logoutEverywhere") {
    invalidateAllSessions(user.id);
    throw redirectWithFlash("/inloggen", { key: "flash.loggedOutEverywhere" }, { "Set-Cookie": blankSessionCookie() });
  }
  return invalid({ form: "error.badRequest" });
}

export default function Account() {
  const t = useT();
  const locale = useLocale();
  const { user, sessionCount, notifyMode } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // keepTyped() drops "intent", so the failing form is told apart by its fields.
  const profileErrors = result && ("displayName" in result.errors || "wijk" in result.errors) ? result.errors : {};
  const passwordErrors = result && ("currentPassword" in result.errors || "password" in result.errors) ? result.errors : {};
  const values = result?.values ?? {};
  return (
    <div>
      <PageTitle title={t("account.title")} hasErrors={!!result} />
      <Heading level={1}>{t("account.title")}</Heading>
      <Paragraph>
        {t("account.role")}: <strong>{t(`role.${user.role}`)}</strong>
        {user.organisation ? ` (${user.organisation})` : ""}. {t("account.memberSince")} {formatDate(locale, user.createdAt)}.
      </Paragraph>

      <section className="vl-section" aria-labelledby="profile-title">
        <Heading level={2} id="profile-title">
          {t("account.profile")}
        </Heading>
        <ErrorSummary errors={profileErrors} labels={{ displayName: t("field.displayName"), wijk: t("field.wijk") }} />
        <Form method="post" className="vl-form" noValidate>
          <Paragraph>
            {t("field.email")}: <strong>{user.email}</strong>
          </Paragraph>
          <TextField
            name="displayName"
            label={t("field.displayName")}
            description={t("field.displayNameDescription")}
            required
            maxLength={50}
            defaultValue={values.displayName ?? user.displayName}
            error={profileErrors.displayName}
          />
          <TextField
            name="wijk"
            label={t("field.wijk")}
            optional
            maxLength={80}
            defaultValue={values.wijk ?? user.wijk ?? ""}
            error={profileErrors.wijk}
          />
          <div>
            <Button type="submit" name="intent" value="profile" disabled={busy}>
              {t("account.saveProfile")}
            </Button>
          </div>
        </Form>
      </section>

      <section className="vl-section" aria-labelledby="password-title">
        <Heading level={2} id="password-title">
          {t("account.changePassword")}
        </Heading>
        <Paragraph>{t("account.changePasswordIntro")}</Paragraph>
        <ErrorSummary
          errors={passwordErrors}
          labels={{ currentPassword: t("field.currentPassword"), password: t("field.newPassword") }}
        />
        <Form method="post" className="vl-form" noValidate>
          <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <TextField
            name="currentPassword"
            type="password"
            label={t("field.currentPassword")}
            autoComplete="current-password"
            required
            error={passwordErrors.currentPassword}
          />
          <TextField
            name="password"
            type="password"
            label={t("field.newPassword")}
            description={t("field.passwordDescription")}
            autoComplete="new-password"
            required
            error={passwordErrors.password}
          />
          <div>
            <Button type="submit" name="intent" value="password" disabled={busy}>
              {t("account.savePassword")}
            </Button>
          </div>
        </Form>
      </section>

      <section className="vl-section" aria-labelledby="mail-title">
        <Heading level={2} id="mail-title">
          {t("notify.settingsTitle")}
        </Heading>
        <Paragraph>{t("notify.settingsIntro")}</Paragraph>
        <Form method="post" className="vl-form">
          <fieldset className="utrecht-form-fieldset vl-fieldset">
            <legend className="utrecht-form-label">{t("notify.modeLegend")}</legend>
            {NOTIFY_MODES.map((mode) => (
              <div key={mode} className="utrecht-form-field utrecht-form-field--radio vl-radio">
                <input
                  type="radio"
                  id={`notify-${mode}`}
                  name="notifyMode"
                  value={mode}
                  defaultChecked={notifyMode === mode}
                  className="utrecht-radio-button utrecht-radio-button--html-input"
                />
                <label htmlFor={`notify-${mode}`} className="utrecht-form-label utrecht-form-label--radio">
                  {t(`notify.mode.${mode}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <div>
            <Button type="submit" name="intent" value="notify" variant="secondary">
              {t("notify.save")}
            </Button>
          </div>
        </Form>
      </section>

      <section className="vl-section" aria-labelledby="sessions-title">
        <Heading level={2} id="sessions-title">
          {t("account.sessions")}
        </Heading>
        <Paragraph>{t("account.sessionsIntro", { count: sessionCount })}</Paragraph>
        <Form method="post">
          <Button type="submit" name="intent" value="logoutEverywhere" variant="secondary">
            {t("account.logoutEverywhere")}
          </Button>
        </Form>
      </section>

      <section className="vl-section" aria-labelledby="data-title">
        <Heading level={2} id="data-title">
          {t("privacy.account.dataTitle")}
        </Heading>
        <Paragraph>{t("privacy.account.dataIntro")}</Paragraph>
        <Paragraph>
          <Link to="/account/gegevens.json" reloadDocument download>
            {t("privacy.account.download")}
          </Link>
        </Paragraph>
        <Paragraph>
          {t("privacy.account.privacyLink")} <Link to="/privacy">{t("privacy.account.privacyLinkText")}</Link>.
        </Paragraph>
      </section>

      <section className="vl-section" aria-labelledby="delete-title">
        <Heading level={2} id="delete-title">
          {t("privacy.account.deleteTitle")}
        </Heading>
        <Paragraph>{t("privacy.account.deleteIntro")}</Paragraph>
        <Paragraph>
          <Link to="/account/verwijderen">{t("privacy.account.deleteLink")}</Link>
        </Paragraph>
      </section>
    </div>
  );
}
