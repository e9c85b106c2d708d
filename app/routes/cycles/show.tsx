import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/show";
import { getSession } from "~/auth/session.server";
import { getCycleBySlug, phaseTimeline } from "~/domain/cycles/cycles.server";
import { canManageCycles, canViewCycle, canViewReport, nextPhase } from "~/domain/cycles/policy";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { renderMarkdown } from "~/lib/markdown.server";
import { Badge, ButtonLink, Heading, PageTitle, Paragraph, RichText } from "~/ui/components";
import { PhaseSteps } from "~/ui/cycles/phase-steps";
import { listPostsForCycle } from "~/domain/posts/posts.server";
import { listQuestionCards } from "~/domain/questions/questions.server";
import { PostCards } from "~/ui/post-cards";
import { Link } from "~/ui/components";
import { countKnelpuntenByStatus } from "~/domain/knelpunten/knelpunten.server";
import { reportRefusal } from "~/domain/knelpunten/policy";
import { CycleKnelpuntenSection } from "~/ui/knelpunten/list-cycle-section";
import knelpuntenListCss from "~/ui/knelpunten-list.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: knelpuntenListCss }];

export function loader({ request, params }: Route.LoaderArgs) {
  const viewer = getSession(request)?.user ?? null;
  const cycle = getCycleBySlug(params.slug);
  if (!cycle || !canViewCycle(viewer, cycle)) throw data(null, { status: 404 });
  const manage = canManageCycles(viewer);
  return {
    cycle: {
      slug: cycle.slug,
      title: cycle.title,
      theme: cycle.theme,
      phase: cycle.phase,
      wijken: cycle.wijken,
      supportLimit: cycle.supportLimit,
      supportThreshold: cycle.supportThreshold,
      minVolunteers: cycle.minVolunteers,
      screening: cycle.screening,
    },
    introHtml: cycle.intro ? renderMarkdown(cycle.intro) : "",
    timeline: phaseTimeline(cycle.id),
    posts: listPostsForCycle(viewer, cycle, 10),
    questions: listQuestionCards({ cycleId: cycle.id, viewer, limit: 20 }).map((q) => ({
      id: q.id,
      prompt: q.prompt,
      status: q.status,
      respondents: q.respondents,
      answered: !!q.myAnswer,
      canAnswer: q.canAnswer,
    })),
    knelpunten: {
      counts: countKnelpuntenByStatus(cycle.id),
      canReport: reportRefusal(viewer, cycle) === null,
    },
    next: manage ? nextPhase(cycle.phase) : null,
    manage,
    report: canViewReport(viewer, cycle),
  };
}

export default function CyclePage() {
  const t = useT();
  const locale = useLocale();
  const { cycle, introHtml, timeline, next, manage, posts, questions, knelpunten, report } = useLoaderData<typeof loader>();
  return (
    <article>
      <PageTitle title={cycle.title} />
      <Heading level={1}>
        {cycle.title} <Badge tone="info">{t(`phase.${cycle.phase}`)}</Badge>
      </Heading>
      <Paragraph lead>{cycle.theme}</Paragraph>
      <PhaseSteps phase={cycle.phase} />
      <section className="vl-now" aria-labelledby="now-title">
        <h2 id="now-title">{t("cycle.nowTitle")}</h2>
        <p>{t(`phase.now.${cycle.phase}`)}</p>
        {report ? (
          <p>
            <Link to={`/rondes/${cycle.slug}/verslag`}>{t("report.link")}</Link>
          </p>
        ) : null}
      </section>
      {manage ? (
        <div className="vl-button-group">
          <ButtonLink to={`/rondes/${cycle.slug}/bewerken`} variant="secondary">
            {t("cycle.edit")}
          </ButtonLink>
          {next ? (
            <ButtonLink to={`/rondes/${cycle.slug}/fase`} variant="secondary">
              {t("cycle.movePhase", { phase: t(`phase.${next}`) })}
            </ButtonLink>
          ) : null}
          <ButtonLink to={`/berichten/nieuw?ronde=${cycle.slug}`} variant="secondary">
            {t("cycle.newPost")}
          </ButtonLink>
          <ButtonLink to={`/vragen/nieuw?ronde=${cycle.slug}`} variant="secondary">
            {t("cycle.newQuestion")}
          </ButtonLink>
        </div>
      ) : null}
      {introHtml ? <RichText html={introHtml} /> : null}

      <CycleKnelpuntenSection slug={cycle.slug} counts={knelpunten.counts} canReport={knelpunten.canReport} />

      <section className="vl-section" aria-labelledby="questions-title">
        <Heading level={2} id="questions-title">
          {t("cycle.questionsTitle")}
        </Heading>
        {questions.length === 0 ? (
          <Paragraph>{t("cycle.noQuestions")}</Paragraph>
        ) : (
          <ul className="vl-link-list">
            {questions.map((q) => (
              <li key={q.id}>
                <Link to={`/vragen/${q.id}`}>{q.prompt}</Link>{" "}
                <Badge tone={q.status === "open" ? "ok" : "neutral"}>{t(q.status === "open" ? "cycle.questionOpen" : "cycle.questionClosed")}</Badge>
                <span className="vl-muted">
                  {" "}
                  · {t("cycle.respondents", { count: q.respondents })}
                  {q.answered ? ` · ${t("cycle.youAnswered")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="vl-section" aria-labelledby="posts-title">
        <Heading level={2} id="posts-title">
          {t("cycle.postsTitle")}
        </Heading>
        {posts.length === 0 ? <Paragraph>{t("cycle.noPosts")}</Paragraph> : <PostCards posts={posts} />}
      </section>

      <section className="vl-section" aria-labelledby="settings-title">
        <Heading level={2} id="settings-title">
          {t("cycle.settingsTitle")}
        </Heading>
        <dl className="vl-dl">
          {cycle.wijken.length > 0 ? (
            <>
              <dt>{t("cycle.wijken")}</dt>
              <dd>{cycle.wijken.join(", ")}</dd>
            </>
          ) : null}
          <dt>{t("cycle.settingSupportLimit")}</dt>
          <dd>{cycle.supportLimit === 0 ? t("cycle.settingSupportLimitNone") : cycle.supportLimit}</dd>
          <dt>{t("cycle.settingThreshold")}</dt>
          <dd>{cycle.supportThreshold}</dd>
          <dt>{t("cycle.settingVolunteers")}</dt>
          <dd>{cycle.minVolunteers}</dd>
          <dt>{t("cycle.settingScreening")}</dt>
          <dd>{cycle.screening ? t("cycle.yes") : t("cycle.no")}</dd>
        </dl>
      </section>

      <section className="vl-section" aria-labelledby="timeline-title">
        <Heading level={2} id="timeline-title">
          {t("cycle.timelineTitle")}
        </Heading>
        <ol className="vl-timeline">
          {timeline.map((entry) => (
            <li key={entry.id}>
              <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(locale, entry.createdAt)}</time>
              {entry.fromPhase
                ? t("cycle.timelineMove", { from: t(`phase.${entry.fromPhase}`), to: t(`phase.${entry.toPhase}`) })
                : t("cycle.timelineStart", { phase: t(`phase.${entry.toPhase}`) })}
              {entry.actorName ? ` ${t("cycle.timelineBy", { name: entry.actorName })}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
