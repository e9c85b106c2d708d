import { data, Form, redirect, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/actions";
import { safeRedirect } from "~/auth/guards";
import { requireUser } from "~/auth/guards.server";
import { getSession } from "~/auth/session.server";
import type { Refused } from "~/domain/knelpunten/messages";
import {
  abandonMeasure,
  adoptMeasure,
  knelpuntOfMeasure,
  reportMeasureProgress,
  supportMeasure,
  volunteerForMeasure,
  withdrawSupport,
  withdrawVolunteer,
} from "~/domain/measures/measures.server";
import type { MeasureRefusal } from "~/domain/measures/policy";
import { abandonSchema, progressSchema } from "~/domain/measures/schemas";
import { useT, type MessageKey } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid, isRenderAfterRefusedPost } from "~/lib/http.server";
import { Button, ButtonLink, ErrorSummary, Heading, PageTitle, TextArea } from "~/ui/components";
import type { MeasureActionData } from "~/ui/measures/measure-card";

function measureId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) throw data(null, { status: 404 });
  return Number(id);
}

/** A measure has no page of its own: it lives on its knelpunt's page. */
export function loader({ request, params }: Route.LoaderArgs) {
  const id = measureId(params);
  if (isRenderAfterRefusedPost(request)) return null;
  const user = getSession(request)?.user;
  const knelpuntId = knelpuntOfMeasure(user ? { id: user.id, role: user.role } : null, id);
  if (knelpuntId === null) throw data(null, { status: 404 });
  throw redirect(`/knelpunten/${knelpuntId}#maatregel-${id}`);
}

/** Refusals that are about who you are (403) rather than about the measure now (400). */
const ROLE_REFUSALS: ReadonlySet<string> = new Set<MeasureRefusal>([
  "not_signed_in",
  "not_resident",
  "not_project_leader",
  "not_author_or_leader",
  "not_official",
]);

function refusal(result: Refused<string>, values: Record<string, string>) {
  if (result.reason === "not_found" || result.reason === "not_visible") throw data(null, { status: 404 });
  if (ROLE_REFUSALS.has(result.reason)) throw data({ reason: "forbidden" }, { status: 403 });
  return invalid({ form: result.message }, values);
}

const TOGGLE_FLASH = {
  support: "knelpuntPage.flash.supported",
  withdrawSupport: "knelpuntPage.flash.withdrawn",
  volunteer: "knelpuntPage.flash.volunteered",
  withdrawVolunteer: "knelpuntPage.flash.unvolunteered",
} as const satisfies Record<string, MessageKey>;

/**
 * Supporting and volunteering (intent support | withdrawSupport | volunteer |
 * withdrawVolunteer), adopting (adopt), not going ahead (abandon, with a
 * reason) and progress (progress, to in_uitvoering | uitgevoerd, optional
 * note). A fetcher (field `via=fetcher`) gets the new counts as data; a plain
 * POST is redirected back to `redirectTo` with a flash message. Refusals: 403
 * for who you are, 400 with a Dutch message otherwise.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const id = measureId(params);
  const { user } = requireUser(request);
  const actor = { id: user.id, role: user.role };
  const formData = await request.formData();
  const intent = formData.get("intent");
  const values = formValues(formData);
  const back = safeRedirect(formData.get("redirectTo"), `/maatregelen/${id}`);
  const viaFetcher = formData.get("via") === "fetcher";

  switch (intent) {
    case "support":
    case "withdrawSupport": {
      const result = intent === "support" ? supportMeasure(actor, id) : withdrawSupport(actor, id);
      if (!result.ok) return refusal(result, values);
      if (viaFetcher) {
        return { ok: true, intent, changed: result.changed, supportCount: result.supportCount, used: result.used, limit: result.limit } satisfies MeasureActionData;
      }
      throw redirectWithFlash(back, { key: TOGGLE_FLASH[intent] });
    }
    case "volunteer":
    case "withdrawVolunteer": {
      const result = intent === "volunteer" ? volunteerForMeasure(actor, id) : withdrawVolunteer(actor, id);
      if (!result.ok) return refusal(result, values);
      if (viaFetcher) {
        return { ok: true, intent, changed: result.changed, volunteerCount: result.volunteerCount } satisfies MeasureActionData;
      }
      throw redirectWithFlash(back, { key: TOGGLE_FLASH[intent] });
    }
    case "adopt": {
      const result = adoptMeasure(actor, id);
      if (!result.ok) return refusal(result, values);
      throw redirectWithFlash(back, { key: "knelpuntPage.flash.adopted" });
    }
    case "abandon": {
      const parsed = parseForm(abandonSchema, formData);
      if (!parsed.ok) return badForm(parsed);
      const result = abandonMeasure(actor, id, parsed.data);
      if (!result.ok) return refusal(result, values);
      throw redirectWithFlash(back, { key: "knelpuntPage.flash.abandoned" });
    }
    case "progress": {
      const parsed = parseForm(progressSchema, formData);
      if (!parsed.ok) return badForm(parsed);
      const result = reportMeasureProgress(actor, id, parsed.data);
      if (!result.ok) return refusal(result, values);
      throw redirectWithFlash(back, { key: parsed.data.to === "in_uitvoering" ? "knelpuntPage.flash.started" : "knelpuntPage.flash.done" });
    }
    default:
      throw data(null, { status: 400 });
  }
}

/**
 * Shown only after a plain POST (no JavaScript) that was refused: the
 * message, the form again where there was something to type, and the way back.
 */
export default function MeasureActionFailed() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = result && !result.ok && "errors" in result ? result : null;
  const values = failure?.values ?? {};
  const back = safeRedirect(values.redirectTo, "/");
  const intent = "reason" in values ? "abandon" : "note" in values ? "progress" : null;
  return (
    <div className="vl-narrow">
      <PageTitle title={t("knelpuntPage.actionFailedTitle")} hasErrors />
      <Heading level={1}>{t("knelpuntPage.actionFailedTitle")}</Heading>
      <ErrorSummary errors={failure?.errors} fieldIds={{ reason: "field-reason", note: "field-note" }} />
      {intent ? (
        <Form method="post" className="vl-form" noValidate>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="redirectTo" value={back} />
          {intent === "abandon" ? (
            <TextArea name="reason" label={t("measure.field.reason")} rows={3} maxLength={1000} aria-required="true" defaultValue={values.reason} error={failure?.errors.reason} />
          ) : (
            <>
              <input type="hidden" name="to" value={values.to ?? ""} />
              <TextArea name="note" label={t("measure.field.note")} rows={3} maxLength={1000} defaultValue={values.note} error={failure?.errors.note} />
            </>
          )}
          <div className="vl-button-group">
            <Button type="submit" disabled={busy}>
              {t(intent === "abandon" ? "measure.abandon" : values.to === "uitgevoerd" ? "measure.markDone" : "measure.markStarted")}
            </Button>
            <ButtonLink to={back} variant="secondary">
              {t("knelpuntPage.backToKnelpunt")}
            </ButtonLink>
          </div>
        </Form>
      ) : (
        <ButtonLink to={back} variant="secondary">
          {t("knelpuntPage.backToKnelpunt")}
        </ButtonLink>
      )}
    </div>
  );
}
