import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/new";
import { requireRole } from "~/auth/guards.server";
import { askQuestion, getAskQuestionForm } from "~/domain/questions/questions.server";
import { QUESTION_KINDS, QUESTION_LIMITS } from "~/domain/questions/policy";
import { questionSchema } from "~/domain/questions/schemas";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Button, ErrorSummary, Heading, PageTitle, Paragraph, SelectField, TextArea, TextField } from "~/ui/components";
import { ChoiceGroup, choiceInputId } from "~/ui/questions/choice-group";
import questionsCss from "~/ui/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

export function loader({ request }: Route.LoaderArgs) {
  requireRole(request, "projectleider");
  const url = new URL(request.url);
  return getAskQuestionForm({
    cycleSlug: url.searchParams.get("ronde")?.slice(0, 80),
    postSlug: url.searchParams.get("bericht")?.slice(0, 80),
  });
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider");
  const formData = await request.formData();
  const parsed = parseForm(questionSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = askQuestion({ id: user.id, role: user.role }, parsed.data);
  if (!result.ok) {
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    return invalid({ [result.field ?? "form"]: result.message ?? "error.badRequest" }, formValues(formData));
  }
  throw redirectWithFlash(`/vragen/${result.id}`, { key: "question.flash.created" });
}

const KIND_LABELS = {
  open: "question.field.kindOpen",
  single: "question.field.kindSingle",
  multiple: "question.field.kindMultiple",
} as const;

export default function NewQuestion() {
  const t = useT();
  const form = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const labels = {
    cycleId: t("question.field.cycle"),
    prompt: t("question.field.prompt"),
    description: t("question.field.description"),
    kind: t("question.field.kind"),
    options: t("question.field.options"),
    postId: t("question.field.post"),
  };
  return (
    <div className="vl-narrow vl-question-new">
      <PageTitle title={t("question.newTitle")} hasErrors={!!result} />
      <Heading level={1}>{t("question.newTitle")}</Heading>
      <Paragraph lead>{t("question.newIntro")}</Paragraph>
      {form.cycles.length === 0 ? (
        <Paragraph>{t("question.newNoCycles")}</Paragraph>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={labels} fieldIds={{ kind: choiceInputId("field-kind", "open") }} />
          <Form method="post" className="vl-form" noValidate>
            <SelectField
              name="cycleId"
              label={labels.cycleId}
              description={t("question.field.cycleDescription")}
              defaultValue={values.cycleId ?? (form.selectedCycleId ? String(form.selectedCycleId) : "")}
              options={[
                { value: "", label: t("question.field.cycleChoose") },
                ...form.cycles.map((cycle) => ({
                  value: String(cycle.id),
                  label: `${cycle.title} (${t(`phase.${cycle.phase}`)})`,
                })),
              ]}
              error={errors.cycleId}
            />
            <TextField
              name="prompt"
              label={labels.prompt}
              description={t("question.field.promptDescription")}
              maxLength={QUESTION_LIMITS.promptMax}
              defaultValue={values.prompt}
              error={errors.prompt}
            />
            <TextArea
              name="description"
              label={labels.description}
              description={t("question.field.descriptionDescription")}
              optional
              rows={5}
              maxLength={QUESTION_LIMITS.descriptionMax}
              defaultValue={values.description}
              error={errors.description}
            />
            <ChoiceGroup
              type="radio"
              id="field-kind"
              name="kind"
              legend={labels.kind}
              options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(KIND_LABELS[kind]) }))}
              defaultValues={[values.kind ?? "open"]}
              error={errors.kind}
            />
            <TextArea
              name="options"
              label={labels.options}
              description={t("question.field.optionsDescription")}
              rows={6}
              defaultValue={values.options}
              error={errors.options}
            />
            {form.posts.length > 0 ? (
              <SelectField
                name="postId"
                label={labels.postId}
                description={t("question.field.postDescription")}
                defaultValue={values.postId ?? (form.selectedPostId ? String(form.selectedPostId) : "")}
                options={[
                  { value: "", label: t("question.field.postNone") },
                  ...form.posts.map((post) => ({
                    value: String(post.id),
                    label: t(post.published ? "question.field.postOption" : "question.field.postOptionDraft", {
                      title: post.title,
                      cycle: post.cycleTitle,
                    }),
                  })),
                ]}
                error={errors.postId}
              />
            ) : null}
            <div>
              <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
                {t("question.create")}
              </Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
