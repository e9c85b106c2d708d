/**
 * The form to report a knelpunt. Works without JavaScript: the wijk is a
 * select of the cycle's wijken plus "Andere wijk" with a text field (shown
 * only when chosen, once JavaScript runs), and the optional point is a pair
 * of coordinate fields without JavaScript or a pin on a map with it.
 */
import { useState } from "react";
import { Form, useNavigation } from "react-router";
import { KNELPUNT_LIMITS as L } from "~/domain/knelpunten/policy";
import { useT, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import type { ActionFailure } from "~/lib/http.server";
import { Button, ErrorSummary, Heading, Link, Paragraph, SelectField, TextArea, TextField } from "~/ui/components";
import { LocationPicker } from "~/ui/map/map";
import { CodeOfConductField, PostAnyway } from "~/ui/moderation/contribution-fields";
import { useHydrated } from "~/ui/use-hydrated";

/** The select's value for "a wijk that is not in the list". */
export const OTHER_WIJK = "__anders";

/**
 * The wijk as the schema reads it (`wijk`), from the select (`wijkKeuze`)
 * and the free text (`wijkAnders`). Without JavaScript both are sent: the
 * text counts when "Andere wijk" is chosen, or when nothing is chosen.
 */
export function wijkFromForm(formData: FormData): string {
  const own = formData.get("wijk");
  if (typeof own === "string" && own.trim() !== "") return own;
  const choice = formData.get("wijkKeuze");
  const other = formData.get("wijkAnders");
  const typed = typeof other === "string" ? other : "";
  if (choice === OTHER_WIJK || !choice) return typed;
  return typeof choice === "string" ? choice : "";
}

export type ReportFormValues = Record<string, string>;

function pointFrom(values: ReportFormValues): { lat: number; lng: number } | null {
  const lat = Number((values.lat ?? "").replace(",", "."));
  const lng = Number((values.lng ?? "").replace(",", "."));
  if (!values.lat || !values.lng || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  return { lat, lng };
}

/** The id prefix of the moderation fields (code of conduct, "post anyway") on the report form. */
export const REPORT_ID_PREFIX = "report";

export function ReportForm({
  wijken,
  values = {},
  errors = {},
  failure,
}: {
  /** The cycle's own wijken (may be empty: then the wijk is a text field). */
  wijken: string[];
  values?: ReportFormValues;
  errors?: FieldErrors;
  /** The refused report: the code of conduct box, the wording check's words and "post anyway". */
  failure?: ActionFailure | null;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const hydrated = useHydrated();
  const [choice, setChoice] = useState(values.wijkKeuze ?? "");
  const withSelect = wijken.length > 0;
  const otherChosen = choice === OTHER_WIJK || (!choice && !!values.wijkAnders);
  const showOther = withSelect && (!hydrated || otherChosen);
  const wijkErrorAtOther = withSelect && otherChosen;
  const pointError: MessageKey | undefined = errors.lat ?? errors.lng;

  const labels = {
    title: t("knelpunt.field.title"),
    description: t("knelpunt.field.description"),
    wijk: wijkErrorAtOther ? t("knelpuntList.field.wijkOtherName") : withSelect ? t("knelpunt.field.wijk") : t("knelpuntList.field.wijkText"),
    locationText: t("knelpuntList.field.location"),
    lat: t("knelpuntList.field.pointTitle"),
    lng: t("knelpuntList.field.pointTitle"),
    acceptCode: t("moderation.code.label"),
  };
  // The wording check's message names the words it found.
  const vars = failure?.vars;
  const wijkFieldId = !withSelect ? "field-wijk" : wijkErrorAtOther ? "field-wijkAnders" : "field-wijkKeuze";

  return (
    <>
      <ErrorSummary
        errors={errors}
        labels={labels}
        vars={vars}
        fieldIds={{
          wijk: wijkFieldId,
          lat: hydrated ? "field-point" : "field-lat",
          lng: hydrated ? "field-point" : "field-lat",
          acceptCode: `${REPORT_ID_PREFIX}-acceptCode`,
        }}
      />
      <Form method="post" className="vl-form vl-kl-report" noValidate>
        <TextField
          name="title"
          label={labels.title}
          description={t("knelpunt.field.titleDescription")}
          required
          maxLength={L.titleMax}
          defaultValue={values.title}
          error={errors.title}
          errorVars={vars}
        />
        <TextArea
          name="description"
          label={labels.description}
          description={
            <>
              <span>{t("knelpunt.field.descriptionDescription")}</span> <span>{t("knelpuntList.new.markdownHint")}</span>
            </>
          }
          required
          rows={8}
          maxLength={L.descriptionMax}
          defaultValue={values.description}
          error={errors.description}
          errorVars={vars}
        />
        {withSelect ? (
          <>
            <SelectField
              name="wijkKeuze"
              label={t("knelpunt.field.wijk")}
              description={t("knelpuntList.field.wijkDescription")}
              required
              value={choice}
              onChange={(event) => setChoice(event.currentTarget.value)}
              options={[
                { value: "", label: t("knelpuntList.field.wijkChoose") },
                ...wijken.map((wijk) => ({ value: wijk, label: wijk })),
                { value: OTHER_WIJK, label: t("knelpuntList.field.wijkOther") },
              ]}
              error={wijkErrorAtOther ? undefined : errors.wijk}
            />
            {showOther ? (
              <TextField
                name="wijkAnders"
                label={t("knelpuntList.field.wijkOtherName")}
                description={hydrated ? undefined : t("knelpuntList.field.wijkOtherDescription")}
                maxLength={L.wijkMax}
                autoComplete="off"
                defaultValue={values.wijkAnders}
                error={wijkErrorAtOther ? errors.wijk : undefined}
              />
            ) : null}
          </>
        ) : (
          <TextField
            name="wijk"
            label={labels.wijk}
            required
            maxLength={L.wijkMax}
            defaultValue={values.wijk}
            error={errors.wijk}
          />
        )}
        <TextField
          name="locationText"
          label={labels.locationText}
          description={t("knelpunt.field.locationDescription")}
          required
          maxLength={L.locationMax}
          defaultValue={values.locationText}
          error={errors.locationText}
          errorVars={vars}
        />
        <div id="field-point" className="vl-kl-point" tabIndex={-1}>
          {/* Without JavaScript the message stands at the coordinate fields below. */}
          {pointError && hydrated ? <p className="utrecht-form-field-error-message">{t(pointError)}</p> : null}
          <noscript>
            <fieldset className="utrecht-form-fieldset vl-fieldset vl-kl-point__nojs">
              <legend className="utrecht-form-label">{t("knelpuntList.field.pointTitle")}</legend>
              <p className="utrecht-form-field-description">{t("knelpuntList.field.pointNoJs")}</p>
              <TextField
                name="lat"
                label={t("knelpunt.field.lat")}
                description={t("knelpuntList.field.latDescription")}
                inputMode="decimal"
                autoComplete="off"
                maxLength={32}
                defaultValue={values.lat}
                error={pointError}
              />
              <TextField
                name="lng"
                label={t("knelpunt.field.lng")}
                description={t("knelpuntList.field.lngDescription")}
                inputMode="decimal"
                autoComplete="off"
                maxLength={32}
                defaultValue={values.lng}
              />
            </fieldset>
          </noscript>
          <LocationPicker defaultValue={pointFrom(values)} />
        </div>
        <CodeOfConductField idPrefix={REPORT_ID_PREFIX} failure={failure} />
        <div>
          <Button type="submit" disabled={busy}>
            {t("knelpunt.submit")}
          </Button>
        </div>
        <PostAnyway idPrefix={REPORT_ID_PREFIX} failure={failure} busy={busy} />
      </Form>
    </>
  );
}

/** The reminder of the code of conduct above the form. */
export function ConductReminder() {
  const t = useT();
  return (
    <aside className="vl-kl-conduct" aria-labelledby="kl-conduct-title">
      <Heading level={2} id="kl-conduct-title" className="vl-kl-conduct__title">
        {t("knelpuntList.new.conductTitle")}
      </Heading>
      <Paragraph>{t("knelpunt.newIntro")}</Paragraph>
      <Paragraph>
        <Link to="/gedragscode">{t("knelpuntList.new.conductLink")}</Link>
      </Paragraph>
    </aside>
  );
}
