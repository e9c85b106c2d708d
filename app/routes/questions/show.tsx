import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/show";
import { safeRedirect } from "~/auth/guards";
import { requireUser } from "~/auth/guards.server";
import { getSession } from "~/auth/session.server";
import { answerQuestion, getQuestionPage, setQuestionStatus } from "~/domain/questions/questions.server";
import { parseAnswerForm, statusSchema } from "~/domain/questions/schemas";
import { contributionInput } from "~/domain/moderation/gate.server";
import { contributionRefused, isGateRefusal } from "~/domain/moderation/refusal.server";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { PageTitle } from "~/ui/components";
import { QuestionCard } from "~/ui/questions/question-card";
import questionsCss from "~/ui/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

function questionId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) throw data(null, { status: 404 });
  return Number(id);
}

function pageFrom(url: URL): number {
  const page = Number(url.searchParams.get("pagina") ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export function loader({ request, params }: Route.LoaderArgs) {
  const id = questionId(params);
  const session = getSession(request);
  const viewer = session ? { id: session.user.id, role: session.user.role } : null;
  const page = getQuestionPage(viewer, id, pageFrom(new URL(request.url)));
  if (!page) throw data(null, { status: 404 });
  return page;
}

export async function action({ request, params }: Route.ActionArgs) {
  const id = questionId(params);
  const { user } = requireUser(request);
  const viewer = { id: user.id, role: user.role };
  const formData = await request.formData();
  const redirectTo = safeRedirect(formData.get("redirectTo"), `/vragen/${id}`);
  const intent = formData.get("intent");

  if (intent === "answer") {
    const parsed = parseAnswerForm(formData);
    if (!parsed.ok) return badForm({ ...parsed, values: { ...parsed.values, questionId: String(id) } });
    const result = answerQuestion(viewer, id, parsed.data, new Date(), contributionInput(formData));
    if (!result.ok) {
      // The form comes back (to the fetcher, or this page without JavaScript) with what was typed.
      const typed = { questionId: String(id), text: parsed.data.text, options: parsed.data.optionIds.join(",") };
      if (isGateRefusal(result)) return contributionRefused(result, "text", formData, typed);
      if (result.reason === "not_found") throw data(null, { status: 404 });
      if (result.reason === "not_resident" || result.reason === "not_signed_in") throw data(null, { status: 403 });
      return invalid({ [result.field]: result.message }, typed);
    }
    throw redirectWithFlash(redirectTo, {
      key: result.held ? "moderation.flash.held" : result.changed ? "question.flash.changed" : "question.flash.answered",
    });
  }

  const parsed = parseForm(statusSchema, formData);
  if (!parsed.ok) throw data(null, { status: 400 });
  const to = parsed.data.intent === "close" ? "closed" : "open";
  const result = setQuestionStatus(viewer, id, to);
  if (!result.ok && result.reason === "not_found") throw data(null, { status: 404 });
  if (!result.ok && result.reason === "forbidden") throw data(null, { status: 403 });
  // "unchanged" (someone else just did the same): the outcome is what was asked.
  throw redirectWithFlash(redirectTo, { key: to === "closed" ? "question.flash.closed" : "question.flash.reopened" });
}

export default function QuestionPage() {
  const t = useT();
  const { card } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="vl-question-page">
      <PageTitle title={`${card.prompt} | ${t("question.pageTitleSuffix")}`} hasErrors={!!failure} />
      <QuestionCard card={card} headingLevel={1} failure={failure} answersHref={(page) => `?pagina=${page}`} />
    </div>
  );
}
