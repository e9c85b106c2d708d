import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/knelpunt";
import { requireRole } from "~/auth/guards.server";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import { amsterdamDay, isAnswerDecision } from "~/domain/review/policy";
import { answerKnelpunt, getOwnTemplate, getReviewPage } from "~/domain/review/review.server";
import { answerSchema } from "~/domain/review/schemas";
import { formatDate, useLocale, useT } from "~/i18n";
import { formValues, keepTyped, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Alert, Heading, Link, PageTitle, Paragraph } from "~/ui/components";
import { KnelpuntTimeline } from "~/ui/knelpunten/page-timeline";
import { AnswerForm } from "~/ui/review/answer-form";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { EscalationSection, GovernmentSection, RatingsSection, ReportSection, SelfHelpSection } from "~/ui/review/history";
import knelpuntCss from "~/ui/knelpunt-page.css?url";
import postsCss from "~/ui/posts.css?url";
import reviewCss from "~/ui/review.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: postsCss },
  { rel: "stylesheet", href: knelpuntCss },
  { rel: "stylesheet", href: reviewCss },
];

function knelpuntId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) throw data(null, { status: 404 });
  return Number(id);
}

const PREFILL_FIELDS = ["decision", "explanation", "department", "expectedDate", "saveTemplate", "templateTitle"] as const;

export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireRole(request, "ambtenaar");
  const viewer = { id: user.id, role: user.role };
  const review = getReviewPage(knelpuntId(params), viewer);
  if (!review) throw data(null, { status: 404 });
  // "Tekst invullen" without JavaScript: the form came back as a GET with what was typed and ?sjabloon=id.
  const url = new URL(request.url);
  const prefill: Record<string, string> = {};
  const sjabloon = url.searchParams.get("sjabloon") ?? "";
  if (url.searchParams.has("sjabloon")) {
    for (const field of PREFILL_FIELDS) {
      const value = url.searchParams.get(field);
      if (value !== null) prefill[field] = value.slice(0, 5000);
    }
    const id = Number(sjabloon);
    const template = Number.isInteger(id) && id > 0 ? getOwnTemplate(viewer, id) : null;
    if (template) prefill.explanation = template.body;
  }
  return { review, prefill, selectedTemplate: sjabloon, organisation: user.organisation, today: amsterdamDay(new Date()) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const id = knelpuntId(params);
  const { user } = requireRole(request, "ambtenaar");
  const formData = await request.formData();
  const parsed = parseForm(answerSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = answerKnelpunt({ id: user.id, role: user.role }, id, parsed.data);
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    if (result.reason === "not_official") throw data(null, { status: 403 });
    return invalid({ [result.field ?? "form"]: result.message }, keepTyped(formValues(formData)));
  }
  throw redirectWithFlash(`/beoordelen/${id}`, { key: "review.flash.answered" });
}

export default function ReviewKnelpunt() {
  const t = useT();
  const locale = useLocale();
  const { review, prefill, selectedTemplate, organisation, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { knelpunt } = review.page;
  const title = useShownTitle()("knelpunt", knelpunt.title, knelpunt.moderation.shown);
  const answered = review.page.timeline.some((entry) => entry.fromStatus !== null && isAnswerDecision(entry.toStatus));
  return (
    <div className="vl-rv-page">
      <PageTitle title={t("review.page.title", { title })} hasErrors={!!failure} />
      <p className="vl-rv-links">
        <Link to="/beoordelen">{t("review.page.back")}</Link>
        <Link to={`/knelpunten/${knelpunt.id}`}>{t("review.page.public")}</Link>
      </p>
      <Heading level={1}>{title}</Heading>
      {knelpunt.escalatedAt && review.daysWaited !== null && knelpunt.status === "geescaleerd" ? (
        <Paragraph lead>
          {t("review.page.waited", {
            date: formatDate(locale, knelpunt.escalatedAt),
            days:
              review.daysWaited === 0
                ? t("review.queue.waitedToday")
                : review.daysWaited === 1
                  ? t("review.queue.waited.one")
                  : t("review.queue.waited.other", { days: review.daysWaited }),
          })}
        </Paragraph>
      ) : null}

      <ReportSection review={review} />
      <SelfHelpSection review={review} />
      <GovernmentSection review={review} />
      <EscalationSection review={review} />
      <RatingsSection review={review} />
      <KnelpuntTimeline entries={review.page.timeline} />

      {review.decisions.length > 0 ? (
        <AnswerForm
          key={review.page.timeline.at(-1)?.id}
          decisions={review.decisions}
          templates={review.templates}
          organisation={organisation}
          values={failure?.values ?? prefill}
          errors={failure?.errors ?? {}}
          update={answered}
          today={today}
          selectedTemplate={failure?.values?.sjabloon ?? selectedTemplate}
        />
      ) : (
        <section className="vl-section" aria-labelledby="rv-answer-title">
          <Heading level={2} id="rv-answer-title">
            {t("review.form.title")}
          </Heading>
          <Alert type="info">{t("review.form.nothing", { status: t(knelpuntStatusMessage(knelpunt.status)) })}</Alert>
        </section>
      )}
    </div>
  );
}
