import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/new";
import { requireUser } from "~/auth/guards.server";
import { getCycleBySlug } from "~/domain/cycles/cycles.server";
import { reportKnelpunt } from "~/domain/knelpunten/knelpunten.server";
import { reportRefusal, type Actor } from "~/domain/knelpunten/policy";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { fieldWithWords } from "~/domain/knelpunten/wording-field";
import { contributionInput } from "~/domain/moderation/gate.server";
import { contributionRefused, isGateRefusal } from "~/domain/moderation/refusal.server";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Heading, Link, PageTitle, Paragraph } from "~/ui/components";
import { ConductReminder, ReportForm, wijkFromForm } from "~/ui/knelpunten/list-report-form";
import knelpuntenListCss from "~/ui/knelpunten-list.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: knelpuntenListCss }];

/** The cycle, when the signed-in person may report in it now: else 404 (not visible) or 403. */
function cycleToReportIn(user: NonNullable<Actor>, slug: string) {
  const cycle = getCycleBySlug(slug);
  const refusal = cycle ? reportRefusal(user, cycle) : "not_visible";
  if (!cycle || refusal === "not_visible") throw data(null, { status: 404 });
  if (refusal) throw data({ reason: refusal }, { status: 403 });
  return cycle;
}

export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireUser(request);
  const cycle = cycleToReportIn(user, params.slug);
  return { cycle: { slug: cycle.slug, title: cycle.title, wijken: cycle.wijken } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const cycle = cycleToReportIn(user, params.slug);
  const formData = await request.formData();
  formData.set("wijk", wijkFromForm(formData));
  const parsed = parseForm(knelpuntSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = reportKnelpunt(user, cycle.id, parsed.data, new Date(), contributionInput(formData));
  if (!result.ok) {
    if (isGateRefusal(result)) {
      const { title, description, locationText } = parsed.data;
      return contributionRefused(result, fieldWithWords({ title, description, locationText }, "description"), formData);
    }
    if (result.reason === "not_found") throw data(null, { status: 404 });
    if (result.reason === "phase" || result.reason === "not_resident" || result.reason === "not_signed_in") {
      throw data({ reason: result.reason }, { status: 403 });
    }
    return invalid({ [result.field ?? "form"]: result.message }, formValues(formData));
  }
  // Held (wording check or screening): only the reporter sees it, with the notice, until a project leader decides.
  throw redirectWithFlash(`/knelpunten/${result.id}`, { key: result.held ? "moderation.flash.held" : "knelpunt.reported" });
}

export default function NewKnelpunt() {
  const t = useT();
  const { cycle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="vl-kl-new">
      <PageTitle title={t("knelpuntList.new.pageTitle")} hasErrors={!!result} />
      <p className="vl-kl__cycle">
        <Link to={`/rondes/${cycle.slug}`}>{t("knelpuntList.cycleLink", { cycle: cycle.title })}</Link>
      </p>
      <Heading level={1}>{t("knelpunt.newTitle")}</Heading>
      <Paragraph lead className="vl-prose">
        {t("knelpuntList.new.intro")}
      </Paragraph>
      <ConductReminder />
      <ReportForm wijken={cycle.wijken} values={result?.values} errors={result?.errors} failure={result} />
    </div>
  );
}
