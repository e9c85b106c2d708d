import { data, useActionData } from "react-router";
import type { Route } from "./+types/new";
import { requireRole } from "~/auth/guards.server";
import { createCycle } from "~/domain/cycles/cycles.server";
import { cycleSchema } from "~/domain/cycles/schemas";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { CycleForm, EMPTY_CYCLE, valuesFromFailure } from "~/ui/cycles/cycle-form";
import { Heading, PageTitle, Paragraph } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  requireRole(request, "projectleider");
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider");
  const formData = await request.formData();
  const parsed = parseForm(cycleSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const result = createCycle(user, parsed.data);
  if (!result.ok) {
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    return invalid({ [result.field ?? "form"]: result.message }, formValues(formData));
  }
  throw redirectWithFlash(`/rondes/${result.slug}`, { key: "cycle.flash.created" });
}

export default function NewCycle() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <div>
      <PageTitle title={t("cycle.newTitle")} hasErrors={!!result} />
      <Heading level={1}>{t("cycle.newTitle")}</Heading>
      <Paragraph>{t("cycle.newIntro")}</Paragraph>
      <CycleForm
        values={result ? valuesFromFailure(result.values) : EMPTY_CYCLE}
        errors={result?.errors}
        submitLabel={t("cycle.create")}
      />
    </div>
  );
}
