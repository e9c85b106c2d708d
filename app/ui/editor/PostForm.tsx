/**
 * The form to write or edit a post, shared by /berichten/nieuw and
 * /berichten/:slug/bewerken. Works without JavaScript (a Markdown textarea);
 * with JavaScript the body becomes the rich-text editor.
 */
import { Form, useNavigation } from "react-router";
import { useT, type MessageKey, type Vars } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Button, ButtonGroup, ErrorSummary, SelectField, TextField } from "~/ui/components";
import { BodyField } from "./BodyField";

export type PostFormValues = { title?: string; slug?: string; cycleId?: string; body?: string };

export type PostFormButton = { intent: "draft" | "publish" | "unpublish" | "save"; label: MessageKey; variant: "primary" | "secondary" };

export function PostForm({
  values,
  errors,
  vars,
  cycles,
  buttons,
  editing,
}: {
  values: PostFormValues;
  errors: FieldErrors;
  vars?: Vars;
  cycles: Array<{ id: number; title: string; phase: string }>;
  buttons: PostFormButton[];
  editing: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const labels = {
    title: t("post.field.title"),
    slug: t("post.field.slug"),
    cycleId: t("post.field.cycle"),
    body: t("post.field.body"),
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} vars={vars} />
      <Form method="post" className="vl-form vl-post-form" noValidate>
        <TextField
          name="title"
          label={labels.title}
          description={t("post.field.titleDescription")}
          required
          maxLength={150}
          defaultValue={values.title}
          error={errors.title}
        />
        <TextField
          name="slug"
          label={labels.slug}
          description={t(editing ? "post.field.slugDescriptionEdit" : "post.field.slugDescription")}
          optional={!editing}
          maxLength={80}
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={values.slug}
          error={errors.slug}
        />
        <SelectField
          name="cycleId"
          label={labels.cycleId}
          description={t("post.field.cycleDescription")}
          defaultValue={values.cycleId ?? ""}
          error={errors.cycleId}
          options={[
            { value: "", label: t("post.field.cycleGeneral") },
            ...cycles.map((cycle) => ({
              value: String(cycle.id),
              label: t("post.field.cycleOption", { title: cycle.title, phase: t(`phase.${cycle.phase}` as MessageKey) }),
            })),
          ]}
        />
        <BodyField
          name="body"
          label={labels.body}
          description={t("post.field.bodyDescription")}
          editorDescription={t("post.field.bodyDescriptionEditor")}
          defaultValue={values.body}
          error={errors.body}
          errorVars={errors.body ? vars : undefined}
        />
        <ButtonGroup>
          {buttons.map((button) => (
            <Button key={button.intent} type="submit" name="intent" value={button.intent} variant={button.variant} disabled={busy} aria-disabled={busy || undefined}>
              {t(button.label)}
            </Button>
          ))}
        </ButtonGroup>
      </Form>
    </>
  );
}
