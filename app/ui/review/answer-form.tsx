/**
 * The official's answer form: a decision (only those the policy allows now),
 * the public explanation (Markdown), for toegezegd the department and the
 * expected date, a template to start from and "save as template".
 *
 * Without JavaScript the "Tekst invullen" button sends the same form as a GET
 * (?sjabloon=id plus what was typed) and the page comes back with the
 * template's text; with JavaScript choosing a template fills the text at once.
 */
import { useRef } from "react";
import { Form, useNavigation } from "react-router";
import { REVIEW_LIMITS, type AnswerDecision } from "~/domain/review/policy";
import type { TemplateSummary } from "~/domain/review/review.server";
import { useT } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Button, Checkbox, ErrorSummary, Heading, Paragraph, SelectField, TextArea, TextField } from "~/ui/components";
import { ChoiceGroup, choiceInputId } from "~/ui/questions/choice-group";

export const ANSWER_FIELD_IDS = {
  decision: "beslissing",
  explanation: "field-explanation",
  department: "field-department",
  expectedDate: "field-expectedDate",
  templateTitle: "field-templateTitle",
} as const;

export function AnswerForm({
  decisions,
  templates,
  organisation,
  values,
  errors,
  update,
  today,
  selectedTemplate,
}: {
  decisions: AnswerDecision[];
  templates: TemplateSummary[];
  organisation: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
  update: boolean;
  today: string;
  selectedTemplate: string;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const explanationRef = useRef<HTMLTextAreaElement>(null);
  const labels = {
    decision: t("review.form.decision"),
    explanation: t("review.form.explanation"),
    department: t("review.form.department"),
    expectedDate: t("review.form.expectedDate"),
    templateTitle: t("review.form.templateTitle"),
  };
  const decisionChecked = values.decision && decisions.includes(values.decision as AnswerDecision) ? [values.decision] : decisions.length === 1 ? [decisions[0]!] : [];
  const fieldIds = { ...ANSWER_FIELD_IDS, decision: choiceInputId(ANSWER_FIELD_IDS.decision, decisions[0] ?? "in_behandeling") };
  return (
    <section className="vl-section vl-rv-form" aria-labelledby="rv-answer-title" id="antwoord">
      <Heading level={2} id="rv-answer-title">
        {update ? t("review.form.titleUpdate") : t("review.form.title")}
      </Heading>
      <Paragraph>{t("review.form.intro", { organisation: organisation ?? t("review.form.noOrganisation") })}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} fieldIds={fieldIds} />
      <Form method="post" className="vl-form" noValidate>
        <ChoiceGroup
          type="radio"
          id={ANSWER_FIELD_IDS.decision}
          name="decision"
          legend={labels.decision}
          options={decisions.map((decision) => ({
            value: decision,
            label: (
              <>
                <strong>{t(`review.decision.${decision}`)}</strong> <span className="vl-muted">— {t(`review.decisionHint.${decision}`)}</span>
              </>
            ),
          }))}
          defaultValues={decisionChecked}
          error={errors.decision}
        />

        {templates.length > 0 ? (
          <div className="vl-rv-template">
            <SelectField
              name="sjabloon"
              id="field-sjabloon"
              label={t("review.form.template")}
              description={t("review.form.templateHint")}
              defaultValue={selectedTemplate}
              options={[{ value: "", label: t("review.form.templateNone") }, ...templates.map((tpl) => ({ value: String(tpl.id), label: tpl.title }))]}
              onChange={(event) => {
                const template = templates.find((tpl) => String(tpl.id) === event.currentTarget.value);
                if (template && explanationRef.current) explanationRef.current.value = template.body;
              }}
            />
            <Button type="submit" variant="secondary" formMethod="get" formNoValidate>
              {t("review.form.templateApply")}
            </Button>
          </div>
        ) : null}

        <TextArea
          ref={explanationRef}
          name="explanation"
          label={labels.explanation}
          description={t("review.form.explanationHint")}
          rows={8}
          maxLength={REVIEW_LIMITS.explanationMax}
          aria-required="true"
          defaultValue={values.explanation}
          error={errors.explanation}
        />

        <fieldset className="utrecht-form-fieldset__fieldset vl-rv-promise-fields">
          <legend className="utrecht-form-fieldset__legend">{t("review.form.promiseLegend")}</legend>
          <TextField
            name="department"
            label={labels.department}
            description={t("review.form.departmentHint")}
            maxLength={REVIEW_LIMITS.departmentMax}
            defaultValue={values.department}
            error={errors.department}
            autoComplete="organization"
          />
          <TextField
            name="expectedDate"
            type="date"
            label={labels.expectedDate}
            description={t("review.form.expectedDateHint")}
            min={today}
            defaultValue={values.expectedDate}
            error={errors.expectedDate}
          />
        </fieldset>

        <Checkbox name="saveTemplate" label={t("review.form.saveTemplate")} defaultChecked={values.saveTemplate === "on"} />
        <TextField
          name="templateTitle"
          label={labels.templateTitle}
          optional
          maxLength={REVIEW_LIMITS.templateTitleMax}
          defaultValue={values.templateTitle}
          error={errors.templateTitle}
        />

        <div className="vl-button-group">
          <Button type="submit" disabled={busy}>
            {t("review.form.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
