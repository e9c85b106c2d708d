import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/flag";
import { requireUser } from "~/auth/guards.server";
import { flagText, getFlaggable } from "~/domain/moderation/moderation.server";
import { flagSchema, parseTarget } from "~/domain/moderation/schemas";
import { FLAG_REASONS, MODERATION_KIND_KEYS } from "~/domain/moderation/states";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Alert, Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextArea } from "~/ui/components";
import { ChoiceGroup, choiceInputId } from "~/ui/questions/choice-group";


function target(params: { type?: string; id?: string }) {
  const parsed = parseTarget(params);
  if (!parsed) throw data(null, { status: 404 });
  return parsed;
}

/** The text to flag, for someone signed in who can see it (404 otherwise, also for held texts). */
export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireUser(request);
  const found = getFlaggable(user, target(params));
  if (!found) throw data(null, { status: 404 });
  const { info, alreadyFlagged } = found;
  return {
    type: info.type,
    id: info.id,
    contextTitle: info.contextTitle,
    href: info.href,
    // The words only when they are public: a flagged or hidden text is not shown again here.
    title: info.moderation === "visible" ? info.title : null,
    text: info.moderation === "visible" ? info.text : null,
    own: info.authorId === user.id,
    alreadyFlagged,
    hidden: info.moderation !== "visible",
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(flagSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = flagText(user, target(params), parsed.data);
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    return invalid({ form: result.message ?? "error.badRequest" }, formValues(formData));
  }
  throw redirectWithFlash(result.href, { key: result.hidden ? "moderation.flag.doneHidden" : "moderation.flag.done" });
}

export default function FlagPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const kind = t(MODERATION_KIND_KEYS[page.type]);
  const reasonsId = "flag-reason";
  const blocked = page.own ? "moderation.flag.own" : page.alreadyFlagged ? "moderation.flag.already" : page.hidden ? "moderation.flag.alreadyHidden" : null;
  return (
    <div className="vl-narrow">
      <PageTitle title={t("moderation.flag.title")} hasErrors={!!result} />
      <Heading level={1}>{t("moderation.flag.title")}</Heading>
      <Paragraph>
        <Link to={page.href}>{t("moderation.queue.itemTitle", { kind: kind.charAt(0).toUpperCase() + kind.slice(1), context: page.contextTitle })}</Link>
      </Paragraph>
      {page.text !== null ? (
        <figure className="vl-flag-quote">
          <figcaption className="vl-muted">{t("moderation.flag.quoteLabel")}</figcaption>
          <blockquote>
            {page.title ? (
              <p>
                <strong>{page.title}</strong>
              </p>
            ) : null}
            <p className="vl-pre-line">{page.text}</p>
          </blockquote>
        </figure>
      ) : null}
      {blocked ? (
        <>
          <Alert type="info">{t(blocked)}</Alert>
          <Paragraph>
            <Link to={page.href}>{t("moderation.flag.cancel")}</Link>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t("moderation.flag.intro")}</Paragraph>
          <ErrorSummary errors={errors} fieldIds={{ reason: choiceInputId(reasonsId, FLAG_REASONS[0]), note: "field-note" }} />
          <Form method="post" className="vl-form" noValidate>
            <ChoiceGroup
              type="radio"
              id={reasonsId}
              name="reason"
              legend={t("moderation.flag.reasonLegend")}
              options={FLAG_REASONS.map((reason) => ({ value: reason, label: t(`moderation.flag.reason.${reason}`) }))}
              defaultValues={result?.values?.reason ? [result.values.reason] : []}
              error={errors.reason}
            />
            <TextArea
              name="note"
              label={t("moderation.flag.noteLabel")}
              description={t("moderation.flag.noteHint")}
              rows={4}
              maxLength={500}
              defaultValue={result?.values?.note}
              error={errors.note}
            />
            <div className="vl-button-group">
              <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
                {t("moderation.flag.submit")}
              </Button>
              <Link to={page.href}>{t("moderation.flag.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
