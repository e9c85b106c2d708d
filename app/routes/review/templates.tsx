import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/templates";
import { requireRole } from "~/auth/guards.server";
import { REVIEW_LIMITS } from "~/domain/review/policy";
import { createTemplate, deleteTemplate, getOwnTemplate, listTemplates, updateTemplate } from "~/domain/review/review.server";
import { templateSchema } from "~/domain/review/schemas";
import { useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm } from "~/lib/http.server";
import { Button, ButtonLink, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextArea, TextField } from "~/ui/components";
import reviewCss from "~/ui/review.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: reviewCss }];

const BASE = "/beoordelen/sjablonen";

function idFrom(value: FormDataEntryValue | string | null): number | null {
  const id = Number(value);
  return typeof value === "string" && /^[1-9]\d{0,9}$/.test(value) && Number.isSafeInteger(id) ? id : null;
}

/** The official's own templates; ?bewerken=id opens one for editing (someone else's is a 404). */
export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireRole(request, "ambtenaar");
  const viewer = { id: user.id, role: user.role };
  const url = new URL(request.url);
  let editing = null;
  if (url.searchParams.has("bewerken")) {
    const id = idFrom(url.searchParams.get("bewerken"));
    editing = id ? getOwnTemplate(viewer, id) : null;
    if (!editing) throw data(null, { status: 404 });
  }
  return { templates: listTemplates(viewer), editing };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireRole(request, "ambtenaar");
  const actor = { id: user.id, role: user.role };
  const formData = await request.formData();
  const intent = formData.get("intent");
  const id = idFrom(formData.get("id"));

  if (intent === "delete") {
    if (!id) throw data(null, { status: 400 });
    const result = deleteTemplate(actor, id);
    if (!result.ok) throw data(null, { status: result.reason === "not_official" ? 403 : 404 });
    throw redirectWithFlash(BASE, { key: "review.templates.flash.deleted" });
  }
  if (intent === "create" || intent === "update") {
    const parsed = parseForm(templateSchema, formData);
    if (!parsed.ok) return badForm(parsed);
    if (intent === "create") {
      const result = createTemplate(actor, parsed.data);
      if (!result.ok) throw data(null, { status: 403 });
      throw redirectWithFlash(BASE, { key: "review.templates.flash.created" });
    }
    if (!id) throw data(null, { status: 400 });
    const result = updateTemplate(actor, id, parsed.data);
    // Someone else's template is not there for them (as when opening or deleting it).
    if (!result.ok) throw data(null, { status: result.reason === "not_official" ? 403 : 404 });
    throw redirectWithFlash(BASE, { key: "review.templates.flash.updated" });
  }
  throw data(null, { status: 400 });
}

export default function ReviewTemplates() {
  const t = useT();
  const { templates, editing } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  const labels = { title: t("review.templates.fieldTitle"), body: t("review.templates.fieldBody") };
  const formTitle = editing ? t("review.templates.editTitle") : t("review.templates.newTitle");
  return (
    <div className="vl-narrow vl-rv-templates">
      <PageTitle title={t("review.templates.title")} hasErrors={!!failure} />
      <p className="vl-rv-links">
        <Link to="/beoordelen">{t("review.templates.back")}</Link>
      </p>
      <Heading level={1}>{t("review.templates.title")}</Heading>
      <Paragraph lead>{t("review.templates.intro")}</Paragraph>

      <section className="vl-section" aria-labelledby="rv-tpl-list-title">
        <Heading level={2} id="rv-tpl-list-title" className="vl-visually-hidden">
          {t("review.templates.title")}
        </Heading>
        {templates.length === 0 ? (
          <Paragraph>{t("review.templates.empty")}</Paragraph>
        ) : (
          <ul className="vl-rv-tpl-list">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <Heading level={3}>{tpl.title}</Heading>
                <p className="vl-rv-tpl-body">{tpl.body}</p>
                <div className="vl-button-group">
                  <ButtonLink to={`${BASE}?bewerken=${tpl.id}#sjabloon-formulier`} variant="secondary" aria-label={t("review.templates.editLabel", { title: tpl.title })}>
                    {t("review.templates.edit")}
                  </ButtonLink>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={tpl.id} />
                    <Button type="submit" variant="subtle" disabled={busy} aria-label={t("review.templates.deleteLabel", { title: tpl.title })}>
                      {t("review.templates.delete")}
                    </Button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="vl-section" aria-labelledby="sjabloon-formulier" >
        <Heading level={2} id="sjabloon-formulier">
          {formTitle}
        </Heading>
        <ErrorSummary errors={errors} labels={labels} />
        <Form method="post" className="vl-form" noValidate key={editing?.id ?? "new"}>
          <input type="hidden" name="intent" value={editing ? "update" : "create"} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <TextField
            name="title"
            label={labels.title}
            maxLength={REVIEW_LIMITS.templateTitleMax}
            aria-required="true"
            defaultValue={values.title ?? editing?.title}
            error={errors.title}
          />
          <TextArea
            name="body"
            label={labels.body}
            description={t("review.templates.fieldBodyHint")}
            rows={8}
            maxLength={REVIEW_LIMITS.templateBodyMax}
            aria-required="true"
            defaultValue={values.body ?? editing?.body}
            error={errors.body}
          />
          <div className="vl-button-group">
            <Button type="submit" disabled={busy}>
              {editing ? t("review.templates.save") : t("review.templates.create")}
            </Button>
            {editing ? (
              <ButtonLink to={BASE} variant="secondary">
                {t("review.templates.cancel")}
              </ButtonLink>
            ) : null}
          </div>
        </Form>
      </section>
    </div>
  );
}
