import { useLoaderData } from "react-router";
import type { Route } from "./+types/home";
import { getSession } from "~/auth/session.server";
import { listRunningCycles } from "~/domain/cycles/cycles.server";
import { listPublishedPosts } from "~/domain/posts/posts.server";
import { listOpenQuestions } from "~/domain/questions/questions.server";
import { PostCards } from "~/ui/post-cards";
import { useT } from "~/i18n";
import { useRootData } from "~/lib/root-data";
import { Badge, ButtonLink, Heading, Link, PageTitle, Paragraph } from "~/ui/components";
import { OpenQuestionList } from "~/ui/questions/open-question-list";
import questionsCss from "~/ui/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

export function loader({ request }: Route.LoaderArgs) {
  const viewer = getSession(request)?.user ?? null;
  return {
    cycles: listRunningCycles(5).map((c) => ({ slug: c.slug, title: c.title, theme: c.theme, phase: c.phase })),
    questions: listOpenQuestions({ viewer, limit: 5 }),
    posts: listPublishedPosts(viewer, 1, 3).rows,
  };
}

export default function Home() {
  const t = useT();
  const user = useRootData()?.user;
  const { cycles, questions, posts } = useLoaderData<typeof loader>();
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

      <section className="vl-section" aria-labelledby="running-title">
        <Heading level={2} id="running-title">
          {t("cycle.runningTitle")}
        </Heading>
        {cycles.length === 0 ? <Paragraph>{t("cycle.noneRunning")}</Paragraph> : null}
        <ul className="vl-cards">
          {cycles.map((cycle) => (
            <li key={cycle.slug}>
              <Badge tone="info">{t(`phase.${cycle.phase}`)}</Badge>
              <Heading level={3}>
                <Link to={`/rondes/${cycle.slug}`}>{cycle.title}</Link>
              </Heading>
              <Paragraph>{cycle.theme}</Paragraph>
              <Paragraph>
                <strong>{t("cycle.nowTitle")}:</strong> {t(`phase.now.${cycle.phase}`)}
              </Paragraph>
            </li>
          ))}
        </ul>
      </section>

      <div className="vl-section">
        <OpenQuestionList questions={questions} />
      </div>

      <section className="vl-section" aria-labelledby="latest-posts-title">
        <Heading level={2} id="latest-posts-title">
          {t("home.latestPosts")}
        </Heading>
        {posts.length === 0 ? <Paragraph>{t("home.noPosts")}</Paragraph> : <PostCards posts={posts} />}
        <Paragraph>
          <Link to="/berichten">{t("home.allPosts")}</Link>
        </Paragraph>
      </section>

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
