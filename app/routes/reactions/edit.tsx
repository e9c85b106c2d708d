import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/edit";
import { requireUser } from "~/auth/guards.server";
import { deleteReaction, editReaction, getOwnReaction } from "~/domain/reactions/reactions.server";
import { reactionEditSchema } from "~/domain/reactions/schemas";
import { contributionInput } from "~/domain/moderation/gate.server";
import { contributionRefused, isGateRefusal } from "~/domain/moderation/refusal.server";
import { CodeOfConductField, PostAnyway } from "~/ui/moderation/contribution-fields";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Alert, Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextArea } from "~/ui/components";
import postsCss from "~/ui/posts.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: postsCss }];

function reactionId(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw data(null, { status: 404 });
  return Number(value);
}

function refuse(reason: "not_found" | "forbidden"): never {
  throw data(null, { status: reason === "forbidden" ? 403 : 404 });
}

/** The author's own reaction, to change or delete it (also without JavaScript). */
export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireUser(request);
  const result = getOwnReaction(user, reactionId(params.id));
  if (!result.ok) refuse(result.reason);
  return result.reaction;
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const id = reactionId(params.id);
  const formData = await request.formData();
  const parsed = parseForm(reactionEditSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  if (parsed.data.intent === "delete") {
    const result = deleteReaction(user, id);
    if (!result.ok) refuse(result.reason);
    throw redirectWithFlash(`${result.href}#reacties`, { key: "reaction.flash.deleted" });
  }
  const result = editReaction(user, id, parsed.data.body, new Date(), contributionInput(formData));
  if (!result.ok) {
    if (result.reason === "not_found" || result.reason === "forbidden") refuse(result.reason);
    if (result.reason === "blocked") refuse("forbidden");
    if (isGateRefusal(result)) return contributionRefused(result, "body", formData);
    return invalid({ body: result.message ?? "reaction.error.closed" }, formValues(formData));
  }
  throw redirectWithFlash(`${result.href}#reactie-${id}`, { key: result.held ? "moderation.flash.held" : "reaction.flash.edited" });
}

export default function EditReaction() {
  const t = useT();
  const reaction = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  return (
    <div className="vl-narrow">
      <PageTitle title={t("reaction.editTitle")} hasErrors={!!result} />
      <Heading level={1}>{t("reaction.editTitle")}</Heading>
      <Paragraph>
        {t("reaction.editIntro")}: <Link to={reaction.href}>{reaction.targetTitle ?? t("moderation.hiddenTitle", { kind: t("moderation.kind.knelpunt") })}</Link>
      </Paragraph>
      <ErrorSummary errors={errors} labels={{ body: t("reaction.field.body") }} vars={result?.vars} fieldIds={{ acceptCode: "reaction-edit-acceptCode" }} />
      {reaction.open ? (
        <Form method="post" className="vl-form" noValidate>
          <input type="hidden" name="intent" value="edit" />
          <TextArea
            name="body"
            label={t("reaction.field.body")}
            description={t("reaction.field.bodyDescription")}
            rows={6}
            maxLength={2000}
            aria-required="true"
            defaultValue={result?.values?.body ?? reaction.body}
            error={errors.body}
            errorVars={result?.vars}
          />
          <CodeOfConductField idPrefix="reaction-edit" failure={result} />
          <div className="vl-button-group">
            <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
              {t("reaction.save")}
            </Button>
            <Link to={`${reaction.href}#reactie-${reaction.id}`}>{t("reaction.back")}</Link>
          </div>
          <PostAnyway idPrefix="reaction-edit" failure={result} busy={busy} />
        </Form>
      ) : (
        <>
          <Alert type="info">{t("reaction.editClosed")}</Alert>
          <blockquote className="vl-reaction__quote">
            <p className="vl-reaction__body">{reaction.body}</p>
          </blockquote>
        </>
      )}
      <section className="vl-section" aria-labelledby="delete-title">
        <Heading level={2} id="delete-title">
          {t("reaction.deleteTitle")}
        </Heading>
        <Paragraph>{t("reaction.deleteIntro")}</Paragraph>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <Button type="submit" variant="danger" disabled={busy} aria-disabled={busy || undefined}>
            {t("reaction.delete")}
          </Button>
        </Form>
      </section>
    </div>
  );
}
