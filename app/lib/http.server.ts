import { data } from "react-router";
import type { HeadersArgs, RouterContextProvider } from "react-router";
import { requestInfoContext } from "~/context";
import { fail, type FieldErrors, type FormFailure } from "./forms";
import { minutesToWait } from "./rate-limit.server";

export function clientIp(context: Readonly<RouterContextProvider>): string {
  return context.get(requestInfoContext).ip;
}

/** `nudge`: the wording check found words; the form offers "post anyway" (app/ui/moderation). */
export type ActionFailure = FormFailure & { vars?: Record<string, string | number>; nudge?: boolean };

/** 400 with messages at the fields and what was typed. */
export function invalid(errors: FieldErrors, values: Record<string, string> = {}) {
  return data<ActionFailure>(fail(errors, values), { status: 400 });
}

export function badForm(failure: FormFailure) {
  return data<ActionFailure>(failure, { status: 400 });
}

/** 429 with a message that says how long to wait. */
export function tooManyAttempts(result: { retryAfterMs: number }, values: Record<string, string> = {}, field = "form") {
  const minutes = minutesToWait(result);
  return data<ActionFailure>(
    { ...fail({ [field]: "error.rateLimited" }, values), vars: { minutes } },
    { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
  );
}

/**
 * A form POST without JavaScript that the action refused (400) renders the
 * route, and React Router then runs its loader too, with the POST's headers on
 * a GET. A loader that normally redirects (a route without a page of its own)
 * must not redirect then, or the refusal would be lost. A real GET never
 * carries a form body's content type.
 */
export function isRenderAfterRefusedPost(request: Request): boolean {
  const type = request.headers.get("Content-Type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/**
 * A route's `headers`: a refused attempt (429) carries `Retry-After` also
 * when the form was posted without JavaScript. A page answer only takes an
 * action's headers through this function (otherwise React Router keeps only
 * its cookies). Use as `export const headers = keepRetryAfter;`.
 */
export function keepRetryAfter({ parentHeaders, actionHeaders }: HeadersArgs) {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}
