import { redirect } from "react-router";
import { isMessageKey, type MessageKey, type Vars } from "~/i18n";
import { readCookie, serializeCookie } from "./cookies.server";

const FLASH_COOKIE = "vl_flash";

export type Flash = { key: MessageKey; vars?: Vars };

export function flashCookie(flash: Flash): string {
  return serializeCookie(FLASH_COOKIE, JSON.stringify(flash), { maxAge: 60 });
}

/** Reads the one-time message left by the previous action, and the header that clears it. */
export function readFlash(request: Request): { flash: Flash | null; clear: string | null } {
  const raw = readCookie(request, FLASH_COOKIE);
  if (!raw) return { flash: null, clear: null };
  const clear = serializeCookie(FLASH_COOKIE, "", { maxAge: 0 });
  try {
    const parsed = JSON.parse(raw) as { key?: unknown; vars?: unknown };
    if (!isMessageKey(parsed.key)) return { flash: null, clear };
    const vars: Vars = {};
    if (parsed.vars && typeof parsed.vars === "object") {
      for (const [name, value] of Object.entries(parsed.vars)) {
        if (typeof value === "string" || typeof value === "number") vars[name] = String(value).slice(0, 200);
      }
    }
    return { flash: { key: parsed.key, vars }, clear };
  } catch {
    return { flash: null, clear };
  }
}

/** Redirect with a message shown once on the next page. */
export function redirectWithFlash(to: string, flash: Flash, headers: HeadersInit = {}) {
  const all = new Headers(headers);
  all.append("Set-Cookie", flashCookie(flash));
  return redirect(to, { headers: all });
}
