import { readCookie, serializeCookie } from "./cookies.server";

/**
 * The address someone just signed up or asked a code for, so the next page
 * can fill it in without putting it in the URL (where logs would keep it).
 */
const COOKIE = "vl_pending_email";

export function pendingEmailCookie(email: string): string {
  return serializeCookie(COOKIE, email, { maxAge: 60 * 60 });
}

export function clearPendingEmailCookie(): string {
  return serializeCookie(COOKIE, "", { maxAge: 0 });
}

export function readPendingEmail(request: Request): string {
  const value = readCookie(request, COOKIE) ?? "";
  return value.length <= 254 ? value : "";
}
