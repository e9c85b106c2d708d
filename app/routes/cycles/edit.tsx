import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/edit";
import { requireRole } from "~/auth/guards.server";
import { getCycleBySlug, updateCycle } from "~/domain/cycles/cycles.server";
import { cycleSchema } from "~/domain/cycles/schemas";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { CycleForm, valuesFromFailure, type CycleFormValues } from "~/ui/cycles/cycle-form";
import { Heading, Link, PageTitle } from "~/ui/components";

function findCycle(slug: string) {
  const cycle = getCycleBySlug(slug);
  if (!cycle) throw data(null, { status: 404 });
  return cycle;
}

export function loader({ request, params }: Route.LoaderArgs) {
  requireRole(request, "projectleider");
  const cycle = findCycle(params.slug);
  const values: CycleFormValues = {
    title: cycle.title,
    slug: cycle.slug,
    theme: cycle.theme,
    intro: cycle.intro,
    wijken: cycle.wijken.join("\n"),
    supportLimit: String(cycle.supportLimit),
    supportThreshold: String(cycle.supportThreshold),
    minVolunteers: String(cycle.minVolunteers),
    screening: cycle.screening,
  };
  return { slug: cycle.slug, title: cycle.title, values };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider");
  const cycle = findCycle(params.slug);
  const formData = await request.formData();
  const parsed = parseForm(cycleSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = updateCycle(user, cycle.id, parsed.data);
  if (!result.ok) {
    if (result.reason === "not_found") throw data(null, { status: 404 });
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    return invalid({ [result.field ?? "form"]: result.message }, formValues(formData));
  }
  throw redirectWithFlash(`/rondes/${result.slug}`, { key: "cycle.flash.saved" });
}

export default function EditCycle() {
  const t = useT();
  const { slug, title, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <PageTitle title={`${t("cycle.editTitle")}: ${title}`} hasErrors={!!result} />
      <p>
        <Link to={`/rondes/${slug}`}>← {title}</Link>
      </p>
      <Heading level={1}>{t("cycle.editTitle")}</Heading>
      <CycleForm values={result ? valuesFromFailure(result.values) : values} errors={result?.errors} submitLabel={t("cycle.save")} />
    </div>
  );
}
