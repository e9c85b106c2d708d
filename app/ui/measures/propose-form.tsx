/**
 * Proposing a measure (self-help or for the government) on the knelpunt
 * page: a plain <Form> to the page's action (intent "propose"), so it works
 * without JavaScript. Field ids carry the kind, so both forms could share a
 * page.
 */
import { Form, useLocation, useNavigation } from "react-router";
import type { MeasureKind } from "~/domain/measures/policy";
import { MEASURE_LIMITS } from "~/domain/measures/policy";
import { useT } from "~/i18n";
import type { FormFailure } from "~/lib/forms";
import { Button, Heading, TextArea, TextField } from "~/ui/components";

export function proposeFieldIds(kind: MeasureKind) {
  return { title: `voorstel-${kind}-title`, description: `voorstel-${kind}-description` };
}

export function ProposeMeasureForm({ kind, failure }: { kind: MeasureKind; failure?: FormFailure | null }) {
  const t = useT();
  const location = useLocation();
  const busy = useNavigation().state === "submitting";
  const mine = failure && failure.values.kind === kind ? failure : null;
  const errors = mine?.errors ?? {};
  const ids = proposeFieldIds(kind);
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
      />
      <div>
        <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
          {t("measure.submit")}
        </Button>
      </div>
    </Form>
  );
}
