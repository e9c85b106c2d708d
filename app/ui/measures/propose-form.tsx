/**
 * Proposing a measure (self-help or for the government) on the knelpunt
 * page: a plain <Form> to the page's action (intent "propose"), so it works
 * without JavaScript. Field ids carry the kind, so both forms could share a
 * page. A refused proposal comes back to the form it came from (its `kind`),
 * with the code of conduct box and, after the wording check, "Toch plaatsen".
 */
import { Form, useLocation, useNavigation } from "react-router";
import type { MeasureKind } from "~/domain/measures/policy";
import { MEASURE_LIMITS } from "~/domain/measures/policy";
import { useT } from "~/i18n";
import type { ActionFailure } from "~/lib/http.server";
import { Button, Heading, TextArea, TextField } from "~/ui/components";
import { CodeOfConductField, PostAnyway } from "~/ui/moderation/contribution-fields";

/** The id prefix of the moderation fields of one propose form ("propose-zelf", "propose-overheid"). */
export function proposeIdPrefix(kind: MeasureKind) {
  return `propose-${kind}`;
}

export function proposeFieldIds(kind: MeasureKind) {
  return {
    title: `voorstel-${kind}-title`,
    description: `voorstel-${kind}-description`,
    acceptCode: `${proposeIdPrefix(kind)}-acceptCode`,
  };
}

/** Whether a refused submit on the knelpunt page came from the propose form of this kind. */
export function isProposeFailure(failure: ActionFailure | null | undefined, kind: MeasureKind): boolean {
  if (!failure || failure.values.kind !== kind) return false;
  // formId: the intent, when the moderation gate refused it; a schema refusal keeps only the fields.
  return failure.values.formId === undefined || failure.values.formId === "propose";
}

export function ProposeMeasureForm({ kind, failure }: { kind: MeasureKind; failure?: ActionFailure | null }) {
  const t = useT();
  const location = useLocation();
  const busy = useNavigation().state === "submitting";
  const mine = failure && isProposeFailure(failure, kind) ? failure : null;
  const errors = mine?.errors ?? {};
  const ids = proposeFieldIds(kind);
  const idPrefix = proposeIdPrefix(kind);
  const headingId = `voorstel-${kind}-heading`;
  return (
    <Form method="post" className="vl-form vl-propose" noValidate aria-labelledby={headingId} key={mine ? "failed" : location.key}>
      <Heading level={3} id={headingId}>
        {t(kind === "zelf" ? "measure.newSelfHelp" : "measure.newGovernment")}
      </Heading>
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="kind" value={kind} />
      <TextField
        id={ids.title}
        name="title"
        label={t("measure.field.title")}
        description={t("measure.field.titleDescription")}
        maxLength={MEASURE_LIMITS.titleMax}
        aria-required="true"
        defaultValue={mine?.values.title}
        error={errors.title}
        errorVars={mine?.vars}
      />
      <TextArea
        id={ids.description}
        name="description"
        label={t("measure.field.description")}
        description={t("measure.field.descriptionDescription")}
        rows={6}
        maxLength={MEASURE_LIMITS.descriptionMax}
        aria-required="true"
        defaultValue={mine?.values.description}
        error={errors.description}
        errorVars={mine?.vars}
      />
      <CodeOfConductField idPrefix={idPrefix} failure={mine} />
      <div>
        <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
          {t("measure.submit")}
        </Button>
      </div>
      <PostAnyway idPrefix={idPrefix} failure={mine} busy={busy} />
    </Form>
  );
}
