import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/phase";
import { requireRole } from "~/auth/guards.server";
import { getCycleBySlug, moveCyclePhase } from "~/domain/cycles/cycles.server";
import { isPhase } from "~/domain/cycles/phases";
import { nextPhase } from "~/domain/cycles/policy";
import { phaseMoveSchema } from "~/domain/cycles/schemas";
import { translate, useT } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Alert, Button, ButtonLink, ErrorSummary, Heading, PageTitle, Paragraph } from "~/ui/components";

function findCycle(slug: string) {
  const cycle = getCycleBySlug(slug);
  if (!cycle) throw data(null, { status: 404 });
  return cycle;
}

/** The confirmation step before a phase move (a page, so it works without JavaScript). */
export function loader({ request, params }: Route.LoaderArgs) {
  requireRole(request, "projectleider");
  const cycle = findCycle(params.slug);
  return { slug: cycle.slug, title: cycle.title, phase: cycle.phase, next: nextPhase(cycle.phase) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider");
  const cycle = findCycle(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(phaseMoveSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const from = formData.get("from");
  const result = moveCyclePhase(user, cycle.id, parsed.data.to, isPhase(from) ? from : cycle.phase);
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    return invalid({ to: result.message ?? "error.badRequest" });
  }
  throw redirectWithFlash(`/rondes/${cycle.slug}`, {
    key: "cycle.flash.moved",
    vars: { phase: translate(getLocale(request), `phase.${parsed.data.to}`) },
  });
}

export default function MovePhase() {
  const t = useT();
  const { slug, title, phase, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="vl-narrow">
      <PageTitle title={t("cycle.moveTitle")} hasErrors={!!result} />
      <Heading level={1}>{t("cycle.moveTitle")}</Heading>
      <ErrorSummary errors={result?.errors} />
      {next ? (
        <>
          <Paragraph lead>
            {t("cycle.moveConfirm", { title, from: t(`phase.${phase}`), to: t(`phase.${next}`) })}
          </Paragraph>
          <Alert type="info">{t("cycle.moveWhat", { now: t(`phase.now.${next}`) })}</Alert>
          <Form method="post" className="vl-button-group">
            <input type="hidden" name="from" value={phase} />
            <input type="hidden" name="to" value={next} />
            <Button type="submit" disabled={busy}>
              {t("cycle.moveSubmit", { phase: t(`phase.${next}`) })}
            </Button>
            <ButtonLink to={`/rondes/${slug}`} variant="secondary">
              {t("cycle.moveCancel")}
            </ButtonLink>
          </Form>
        </>
      ) : (
        <>
          <Paragraph>{t("cycle.moveLast")}</Paragraph>
          <ButtonLink to={`/rondes/${slug}`} variant="secondary">
            {t("cycle.moveCancel")}
          </ButtonLink>
        </>
      )}
    </div>
  );
}
