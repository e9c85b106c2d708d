/**
 * How a route answers when the gate (gate.server.ts) refused a text: the form
 * comes back (400) with what was typed, the message next to the text field,
 * and — for the wording check — the "post anyway" button (nudge: true).
 */
import { data } from "react-router";
import { formValues, fail } from "~/lib/forms";
import type { ActionFailure } from "~/lib/http.server";
import type { GateRefusal } from "./gate.server";

export function contributionRefused(refusal: GateRefusal, textField: string, formData: FormData, extra: Record<string, string> = {}) {
  // formId tells a page with several forms which one came back (intent itself is not kept).
  const values: Record<string, string> = { formId: String(formData.get("intent") ?? ""), ...formValues(formData), ...extra };
  delete values.postAnyway;
  // fail() drops fields named like secrets ("code"); the checkbox is not one, so it is put back.
  const keep = (failure: ReturnType<typeof fail>) =>
    values.acceptCode === "1" ? { ...failure, values: { ...failure.values, acceptCode: "1" } } : failure;
  if (refusal.reason === "code_of_conduct") {
    return data<ActionFailure>(keep(fail({ acceptCode: "moderation.code.required" }, values)), { status: 400 });
  }
  return data<ActionFailure>(
    { ...keep(fail({ [textField]: "moderation.nudge.error" }, values)), vars: { words: refusal.words.join(", ") }, nudge: true },
    { status: 400 },
  );
}

export function isGateRefusal(result: { ok: boolean; reason?: string }): result is GateRefusal {
  return !result.ok && (result.reason === "wording" || result.reason === "code_of_conduct");
}
