import { Form, useNavigation } from "react-router";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Button, Checkbox, ErrorSummary, TextArea, TextField } from "~/ui/components";

export type CycleFormValues = {
  title: string;
  slug: string;
  theme: string;
  intro: string;
  wijken: string;
  supportLimit: string;
  supportThreshold: string;
  minVolunteers: string;
  screening: boolean;
};

/** The same form for a new cycle and for editing one. Works without JavaScript. */
export function CycleForm({
  values,
  errors = {},
  submitLabel,
}: {
  values: CycleFormValues;
  errors?: FieldErrors;
  submitLabel: string;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const labels = {
    title: t("cycle.field.title"),
    slug: t("cycle.field.slug"),
    theme: t("cycle.field.theme"),
    intro: t("cycle.field.intro"),
    wijken: t("cycle.field.wijken"),
    supportLimit: t("cycle.field.supportLimit"),
    supportThreshold: t("cycle.field.supportThreshold"),
    minVolunteers: t("cycle.field.minVolunteers"),
    screening: t("cycle.field.screening"),
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="vl-form" noValidate>
        <TextField name="title" label={labels.title} description={t("cycle.field.titleDescription")} required maxLength={120} defaultValue={values.title} error={errors.title} />
        <TextField name="slug" label={labels.slug} description={t("cycle.field.slugDescription")} optional maxLength={80} defaultValue={values.slug} error={errors.slug} />
        <TextField name="theme" label={labels.theme} required maxLength={200} defaultValue={values.theme} error={errors.theme} />
        <TextArea name="intro" label={labels.intro} description={t("cycle.field.introDescription")} optional rows={10} defaultValue={values.intro} error={errors.intro} />
        <TextArea name="wijken" label={labels.wijken} description={t("cycle.field.wijkenDescription")} optional rows={4} defaultValue={values.wijken} error={errors.wijken} />
        <TextField name="supportLimit" type="number" inputMode="numeric" min={0} label={labels.supportLimit} description={t("cycle.field.supportLimitDescription")} required defaultValue={values.supportLimit} error={errors.supportLimit} />
        <TextField name="supportThreshold" type="number" inputMode="numeric" min={0} label={labels.supportThreshold} description={t("cycle.field.supportThresholdDescription")} required defaultValue={values.supportThreshold} error={errors.supportThreshold} />
        <TextField name="minVolunteers" type="number" inputMode="numeric" min={0} label={labels.minVolunteers} description={t("cycle.field.minVolunteersDescription")} required defaultValue={values.minVolunteers} error={errors.minVolunteers} />
        <Checkbox name="screening" label={labels.screening} description={t("cycle.field.screeningDescription")} defaultChecked={values.screening} error={errors.screening} />
        <div>
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
        </div>
      </Form>
    </>
  );
}

export const EMPTY_CYCLE: CycleFormValues = {
  title: "",
  slug: "",
  theme: "",
  intro: "",
  wijken: "",
  supportLimit: "0",
  supportThreshold: "10",
  minVolunteers: "2",
  screening: false,
};

/** Typed values after a refused submit (strings as typed; the checkbox as on/off). */
export function valuesFromFailure(values: Record<string, string>): CycleFormValues {
  return {
    title: values.title ?? "",
    slug: values.slug ?? "",
    theme: values.theme ?? "",
    intro: values.intro ?? "",
    wijken: values.wijken ?? "",
    supportLimit: values.supportLimit ?? "",
    supportThreshold: values.supportThreshold ?? "",
    minVolunteers: values.minVolunteers ?? "",
    screening: values.screening === "on",
  };
}
