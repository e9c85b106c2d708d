import { useRootData } from "~/lib/root-data";
import { useT } from "~/i18n";
import { ButtonLink, Heading, PageTitle, Paragraph } from "~/ui/components";

export default function Home() {
  const t = useT();
  const user = useRootData()?.user;
  const steps = [
    ["home.step1Title", "home.step1"],
    ["home.step2Title", "home.step2"],
    ["home.step3Title", "home.step3"],
    ["home.step4Title", "home.step4"],
  ] as const;
  return (
    <div>
      <PageTitle title={t("home.title")} />
      <Heading level={1}>{t("home.title")}</Heading>
      {user ? <Paragraph>{t("home.welcomeBack", { name: user.displayName })}</Paragraph> : null}
      <Paragraph lead className="vl-prose">
        {t("home.intro")}
      </Paragraph>
      <section className="vl-section" aria-labelledby="how-title">
        <Heading level={2} id="how-title">
          {t("home.howTitle")}
        </Heading>
        <ol className="vl-steps">
          {steps.map(([title, body]) => (
            <li key={title}>
              <Heading level={3}>{t(title)}</Heading>
              <Paragraph>{t(body)}</Paragraph>
            </li>
          ))}
        </ol>
      </section>
      {user ? null : (
        <section className="vl-section vl-card" aria-labelledby="join-title">
          <Heading level={2} id="join-title">
            {t("home.joinTitle")}
          </Heading>
          <Paragraph>{t("home.join")}</Paragraph>
          <div className="vl-button-group">
            <ButtonLink to="/registreren">{t("nav.signup")}</ButtonLink>
            <ButtonLink to="/inloggen" variant="secondary">
              {t("nav.login")}
            </ButtonLink>
          </div>
        </section>
      )}
    </div>
  );
}
