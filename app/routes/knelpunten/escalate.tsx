import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/escalate";
import { requireRole } from "~/auth/guards.server";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import { FAST_TRACK_REASON_MAX } from "~/domain/escalation/limits";
import { escalationSchema } from "~/domain/escalation/schemas";
import { getKnelpuntPage } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntStatusMessage, measureStatusMessage } from "~/domain/knelpunten/messages";
import { KNELPUNT_LIMITS } from "~/domain/knelpunten/policy";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Alert, Badge, Button, ButtonLink, Checkbox, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextArea } from "~/ui/components";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { knelpuntStatusTone } from "~/ui/knelpunten/page-header";
import { countText } from "~/ui/measures/measure-card";
import knelpuntCss from "~/ui/knelpunt-page.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: knelpuntCss }];

function knelpuntId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) throw data(null, { status: 404 });
  return Number(id);
}

export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireRole(request, "projectleider");
  const page = getKnelpuntPage(knelpuntId(params), { id: user.id, role: user.role });
  if (!page) throw data(null, { status: 404 });
  return {
    // A hidden knelpunt or measure comes without its words (title ""; see titleShown).
    knelpunt: { id: page.knelpunt.id, title: page.knelpunt.title, titleShown: page.knelpunt.moderation.shown, status: page.knelpunt.status },
    cycle: { slug: page.cycle.slug, title: page.cycle.title, phase: page.cycle.phase },
    selfHelp: page.selfHelp,
    measures: page.selfHelpMeasures.map((m) => ({
      id: m.id,
      title: m.title,
      titleShown: m.moderation.shown,
      status: m.status,
      statusReason: m.statusReason,
      supportCount: m.supportCount,
      volunteerCount: m.volunteerCount,
    })),
    escalate: page.can.escalate,
  };
}

/** The field a refusal of the rule belongs at. */
const REFUSAL_FIELD: Record<string, string> = {
  explanation: "explanation",
  fast_track_reason_too_short: "fastTrackReason",
  too_early: "fastTrackReason",
  self_help_under_way: "fastTrackReason",
  not_still_unsafe: "stillUnsafe",
};

export async function action({ request, params }: Route.ActionArgs) {
  const id = knelpuntId(params);
  const { user } = requireRole(request, "projectleider");
  const formData = await request.formData();
  const parsed = parseForm(escalationSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = escalateKnelpunt({ id: user.id, role: user.role }, id, parsed.data);
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    if (result.reason === "not_project_leader") throw data(null, { status: 403 });
    return invalid({ [result.field ?? REFUSAL_FIELD[result.reason] ?? "form"]: result.message }, formValues(formData));
  }
  throw redirectWithFlash(`/knelpunten/${id}`, { key: "escalation.escalated" });
}

export default function EscalateKnelpunt() {
  const t = useT();
  const { knelpunt, cycle, selfHelp, measures, escalate } = useLoaderData<typeof loader>();
  const shownTitle = useShownTitle();
  const knelpuntTitle = shownTitle("knelpunt", knelpunt.title, knelpunt.titleShown);
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const mode = escalate.available ? escalate.mode : null;
  // The fast-track field: when only a fast-track is possible, or when the rule asked for one.
  const showFastTrack = mode === "fast_track" || !!errors.fastTrackReason;
  const labels = {
    explanation: t("escalation.field.explanation"),
    stillUnsafe: t("escalation.field.stillUnsafe"),
    fastTrackReason: t("knelpuntPage.escalate.fastTrackReason"),
  };
  return (
    <div className="vl-narrow vl-kp-escalate">
      <PageTitle title={`${t("escalation.title")}: ${knelpuntTitle}`} hasErrors={!!failure} />
      <p className="vl-kp-back">
        <Link to={`/knelpunten/${knelpunt.id}`}>{t("knelpuntPage.backToKnelpunt")}</Link>
      </p>
      <Heading level={1}>{t("escalation.title")}</Heading>
      <p className="vl-kp-escalate__what">
        <strong>{knelpuntTitle}</strong> <Badge tone={knelpuntStatusTone(knelpunt.status)}>{t(knelpuntStatusMessage(knelpunt.status))}</Badge>
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <Paragraph lead>{t("escalation.intro")}</Paragraph>
      <Paragraph>{t("knelpuntPage.escalate.rule")}</Paragraph>

      <section className="vl-section" aria-labelledby="geprobeerd-title">
        <Heading level={2} id="geprobeerd-title">
          {t("knelpuntPage.escalate.situationTitle")}
        </Heading>
        <Paragraph>
          {t("knelpuntPage.escalate.phase", { phase: t(`phase.${cycle.phase}`) })}{" "}
          {selfHelp.adopted === 0
            ? t("knelpuntPage.escalate.noAdopted")
            : t("knelpuntPage.escalate.adopted", { adopted: selfHelp.adopted, done: selfHelp.adoptedDone })}
        </Paragraph>
        {measures.length === 0 ? (
          <Paragraph>{t("knelpuntPage.escalate.noMeasures")}</Paragraph>
        ) : (
          <ul className="vl-kp-tried">
            {measures.map((m) => (
              <li key={m.id}>
                <Link to={`/knelpunten/${knelpunt.id}#maatregel-${m.id}`}>{shownTitle("measure", m.title, m.titleShown)}</Link> — {t(measureStatusMessage(m.status))}
                <span className="vl-muted">
                  {" "}
                  ({countText(t, "support", m.supportCount)}, {countText(t, "volunteer", m.volunteerCount)})
                </span>
                {m.statusReason ? <span className="vl-kp-tried__reason">{m.statusReason}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="vl-section" aria-labelledby="escaleren-title">
        <Heading level={2} id="escaleren-title">
          {t("knelpuntPage.escalate.formTitle")}
        </Heading>
        {escalate.available ? (
          <>
            <Alert type={mode === "normal" ? "info" : "warning"}>
              {escalate.why ? t(`escalation.refusal.${escalate.why}`) : t(escalate.message)}
            </Alert>
            <Form method="post" className="vl-form" noValidate>
              <TextArea
                name="explanation"
                label={labels.explanation}
                description={t("escalation.field.explanationDescription")}
                rows={6}
                maxLength={KNELPUNT_LIMITS.explanationMax}
                aria-required="true"
                defaultValue={values.explanation}
                error={errors.explanation}
              />
              {mode === "still_unsafe" || errors.stillUnsafe ? (
                <Checkbox name="stillUnsafe" label={labels.stillUnsafe} defaultChecked={values.stillUnsafe === "on"} error={errors.stillUnsafe} />
              ) : null}
              {showFastTrack ? (
                <TextArea
                  name="fastTrackReason"
                  label={labels.fastTrackReason}
                  description={t("escalation.field.fastTrackReasonDescription")}
                  rows={4}
                  maxLength={FAST_TRACK_REASON_MAX}
                  aria-required={mode === "fast_track" ? "true" : undefined}
                  defaultValue={values.fastTrackReason}
                  error={errors.fastTrackReason}
                />
              ) : null}
              <div className="vl-button-group">
                <Button type="submit" disabled={busy}>
                  {t(mode === "fast_track" ? "escalation.fastTrackLabel" : "escalation.escalate")}
                </Button>
                <ButtonLink to={`/knelpunten/${knelpunt.id}`} variant="secondary">
                  {t("knelpuntPage.backToKnelpunt")}
                </ButtonLink>
              </div>
            </Form>
          </>
        ) : (
          <>
            <Alert type="warning">
              {t("knelpuntPage.escalate.notPossible")} {t(escalate.message)}
            </Alert>
            <ButtonLink to={`/knelpunten/${knelpunt.id}`} variant="secondary">
              {t("knelpuntPage.backToKnelpunt")}
            </ButtonLink>
          </>
        )}
      </section>
    </div>
  );
}
