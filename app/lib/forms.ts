import type { z } from "zod";
import { isMessageKey, type MessageKey } from "~/i18n";

export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormFailure = {
  ok: false;
  errors: FieldErrors;
  /** What the person typed (never passwords), so the form can show it again. */
  values: Record<string, string>;
};

export type FormResult<T> = { ok: true; data: T } | FormFailure;

const SECRET_FIELDS = /password|wachtwoord|code/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

export function keepTyped(values: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!SECRET_FIELDS.test(key) && key !== "intent") kept[key] = value;
  }
  return kept;
}

/**
 * Parses form data with a zod schema whose error messages are message keys.
 * On failure: one message per field (the first), and the typed values.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    errors[field] = isMessageKey(issue.message) ? issue.message : "error.badRequest";
  }
  return { ok: false, errors, values: keepTyped(values) };
}

export function fail(errors: FieldErrors, values: Record<string, string> = {}): FormFailure {
  return { ok: false, errors, values: keepTyped(values) };
}
