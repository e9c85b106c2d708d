import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/show";
import { requireUser } from "~/auth/guards.server";
import { getSession } from "~/auth/session.server";
import { getPostPage, reactToPost } from "~/domain/posts/posts.server";
import { reactionSchema } from "~/domain/reactions/schemas";
import { contributionInput } from "~/domain/moderation/gate.server";
import { contributionRefused, isGateRefusal } from "~/domain/moderation/refusal.server";
import { formatDate, useLocale, useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { pageFrom } from "~/lib/pagination";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { useRootData } from "~/lib/root-data";
import { Alert, Badge, ButtonLink, ErrorSummary, Heading, Link, PageTitle, RichText } from "~/ui/components";
import { Reactions } from "~/ui/reactions";
import { QuestionCard } from "~/ui/questions/question-card";
import questionsCss from "~/ui/questions.css?url";
import { listQuestionCards } from "~/domain/questions/questions.server";
import postsCss from "~/ui/posts.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: postsCss },
  { rel: "stylesheet", href: questionsCss },
];

export function loader({ request, params, url }: Route.LoaderArgs) {
  const viewer = getSession(request)?.user ?? null;
  // Older reactions: ?reacties=2, 3, … (page 1 holds the newest).
  const page = getPostPage(viewer, params.slug, pageFrom(url, 10_000, "reacties"));
  if (!page) throw data(null, { status: 404 });
  // Questions asked in this post are answered right here.
  const questions = page.post.cycle ? listQuestionCards({ postId: page.post.id, viewer }) : [];
  return { ...page, questions };
}

/** Reacting under the post (intent "react"); without JavaScript too. */
export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "react") throw data(null, { status: 400 });
  const parsed = parseForm(reactionSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = reactToPost(user, params.slug, parsed.data.body, new Date(), contributionInput(formData));
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    if (result.reason === "blocked") throw data(null, { status: 403 });
    if (isGateRefusal(result)) return contributionRefused(result, "body", formData);
    return invalid({ body: result.message ?? "reaction.error.closed" }, formValues(formData));
  }
  throw redirectWithFlash(`/berichten/${params.slug}#${result.held ? `reactie-${result.id}` : "reacties"}`, {
    key: result.held ? "moderation.flash.held" : "reaction.flash.created",
  });
}

export default function PostPage() {
  const t = useT();
  const locale = useLocale();
  const signedIn = !!useRootData()?.user;
  const { post, reactions, moreReactions, reactionPage, canReact, openForReactions, canEdit, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const author = post.authorName ?? t("post.unknownAuthor");
  return (
    <div className="vl-post-page">
      <PageTitle title={post.title} hasErrors={!!result} />
      <ErrorSummary
        errors={result?.errors}
        labels={{ body: t("reaction.field.body") }}
        vars={result?.vars}
        fieldIds={{ acceptCode: "reaction-acceptCode" }}
      />
      <article className="vl-post" aria-labelledby="post-title">
        <header className="vl-post__header">
          <p className="vl-post__back">
            <Link to="/berichten">{t("post.backToList")}</Link>
          </p>
          <Heading level={1} id="post-title">
            {post.title}
            {post.status === "draft" ? (
              <>
                {" "}
                <Badge tone="warning">{t("post.draftBadge")}</Badge>
              </>
            ) : null}
          </Heading>
          <p className="vl-post-meta">
            {post.status === "published" && post.publishedAt ? (
              <time dateTime={new Date(post.publishedAt).toISOString()}>{t("post.publishedOn", { date: formatDate(locale, post.publishedAt) })}</time>
            ) : (
              <span>{t("post.notPublishedYet")}</span>
            )}{" "}
            {t("post.by", { name: author })}
            <span className="vl-post-meta__cycle">
              {t("post.cycleLabel")}:{" "}
              {post.cycle ? <Link to={`/rondes/${post.cycle.slug}`}>{post.cycle.title}</Link> : t("post.general")}
            </span>
          </p>
          {canEdit ? (
            <div className="vl-post__manage">
              {post.status === "draft" ? (
                <Alert type="info">{t(post.publishedAt ? "post.statusDraftWasPublished" : "post.statusDraft")}</Alert>
              ) : post.cycle?.phase === "concept" ? (
                <Alert type="info">{t("post.statusHiddenCycle")}</Alert>
              ) : null}
              <ButtonLink to={`/berichten/${post.slug}/bewerken`} variant="secondary">
                {t("post.edit")}
              </ButtonLink>
            </div>
          ) : null}
        </header>
        <RichText html={post.html} className="vl-post__body" />
      </article>
      {questions.length > 0 ? (
        <section className="vl-section" aria-label={t("post.questionsTitle")}>
          {questions.map((card) => (
            <QuestionCard key={card.id} card={card} redirectTo={`/berichten/${post.slug}`} headingLevel={2} />
          ))}
        </section>
      ) : null}
      <Reactions
        reactions={reactions}
        more={moreReactions}
        page={reactionPage}
        pageHref={(n) => (n > 1 ? `/berichten/${post.slug}?reacties=${n}#reacties` : `/berichten/${post.slug}#reacties`)}
        canReact={canReact}
        signedIn={signedIn}
        openForReactions={openForReactions}
        loginHref={`/inloggen?redirectTo=${encodeURIComponent(`/berichten/${post.slug}#reacties`)}`}
        error={result?.errors?.body}
        errorVars={result?.vars}
        typed={result?.values?.body}
        failure={result}
      />
    </div>
  );
}
