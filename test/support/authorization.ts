/**
 * Helpers for the authorization matrix (test/e2e/authorization.spec.ts):
 * the routes of app/routes.ts flattened, whether a route module has an
 * action, a small cookie-keeping HTTP client, how a response is summed up in
 * one word, and the checked-in table (read, written, compared).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

// ---------------------------------------------------------------------------
// The route config
// ---------------------------------------------------------------------------

type RouteEntry = { path?: string; index?: boolean; file: string; id?: string; children?: RouteEntry[] };

export type ConfigRoute = {
  /** The URL pattern, e.g. `/rondes/:slug/fase` (`/` for the index, `/*` for the catch-all). */
  pattern: string;
  file: string;
  /** Whether the route module exports an `action` (so it answers POST). */
  hasAction: boolean;
};

function join(parent: string, child: string | undefined): string {
  const parts = [parent, child ?? ""].map((part) => part.replace(/^\/+|\/+$/g, "")).filter(Boolean);
  return `/${parts.join("/")}`;
}

/** Every route of the config, nested ones joined to their parents' paths. */
export function flattenRoutes(routes: readonly RouteEntry[], parent = "/"): ConfigRoute[] {
  const out: ConfigRoute[] = [];
  for (const route of routes) {
    const pattern = route.index ? join(parent, "") : join(parent, route.path);
    // A layout route (no path, with children) is no URL of its own.
    if (route.path !== undefined || route.index) {
      out.push({ pattern, file: route.file, hasAction: moduleHasAction(route.file) });
    }
    if (route.children) out.push(...flattenRoutes(route.children, pattern));
  }
  return out;
}

/**
 * Reads the route module's source: `export function action`, `export async
 * function action`, `export const action` or `export { action }`. A route
 * that gains an action therefore needs a POST row in the table.
 */
export function moduleHasAction(file: string): boolean {
  const source = readFileSync(path.resolve("app", file), "utf8");
  return (
    /^export\s+(?:async\s+)?function\s+action\b/m.test(source) ||
    /^export\s+(?:const|let)\s+action\b/m.test(source) ||
    /^export\s*\{[^}]*\baction\b[^}]*\}/m.test(source)
  );
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

export type Reply = { status: number; location: string | null; body: string; contentType: string };

/** A client with its own address (for the rate limits) and its own session cookie. */
export class Client {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly ip: string,
  ) {}

  get sessionToken(): string | null {
    return this.cookies.get("vl_session") ?? null;
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return { "X-Forwarded-For": this.ip, Origin: this.baseUrl, ...(cookie ? { Cookie: cookie } : {}), ...extra };
  }

  async get(url: string): Promise<Reply> {
    const response = await fetch(this.baseUrl + url, { redirect: "manual", headers: this.headers() });
    return this.reply(response);
  }

  /** A form POST; a field given an array is sent once per value. */
  async post(url: string, fields: Record<string, string | string[]> = {}): Promise<Reply> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    const response = await fetch(this.baseUrl + url, {
      method: "POST",
      redirect: "manual",
      headers: this.headers({ "Content-Type": "application/x-www-form-urlencoded" }),
      body,
    });
    return this.reply(response);
  }

  private async reply(response: Response): Promise<Reply> {
    this.remember(response);
    return {
      status: response.status,
      location: response.headers.get("location"),
      body: await response.text(),
      contentType: response.headers.get("content-type") ?? "",
    };
  }
}

/**
 * One word for an answer: `200`; `login` (sent to /inloggen); `redirect`
 * (anywhere else: a GET that forwards, a POST that was carried out); or the
 * status code (`400` input refused, `403`, `404`, `405`, …).
 */
export function outcome(reply: Reply): string {
  if (reply.status >= 300 && reply.status < 400) {
    const to = new URL(reply.location ?? "/", "http://x.invalid").pathname;
    return to === "/inloggen" ? "login" : "redirect";
  }
  if (reply.status >= 200 && reply.status < 300) return "200";
  return String(reply.status);
}

// ---------------------------------------------------------------------------
// The checked-in table
// ---------------------------------------------------------------------------

export type Matrix = { columns: string[]; rows: Map<string, string[]> };

/** `METHOD /pattern` or `METHOD /pattern [what]`: the route and method of a row. */
export function rowRoute(key: string): { method: string; pattern: string } {
  const match = /^(GET|POST)\s+(\S+)/.exec(key);
  if (!match) throw new Error(`not a row key: ${key}`);
  return { method: match[1]!, pattern: match[2]! };
}

export function parseMatrix(text: string): Matrix {
  let columns: string[] | null = null;
  const rows = new Map<string, string[]>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || /^[-|+ ]+$/.test(line)) continue;
    const cells = line.split("|").map((cell) => cell.trim());
    const [key, ...values] = cells;
    if (!columns) {
      columns = values;
      continue;
    }
    if (rows.has(key!)) throw new Error(`the table has the row "${key}" twice`);
    rows.set(key!, values);
  }
  return { columns: columns ?? [], rows };
}

export function formatMatrix(header: string, matrix: Matrix): string {
  const keyTitle = "route and method [whose content]";
  const keyWidth = Math.max(keyTitle.length, ...[...matrix.rows.keys()].map((key) => key.length));
  const widths = matrix.columns.map((column, i) =>
    Math.max(column.length, ...[...matrix.rows.values()].map((values) => (values[i] ?? "").length)),
  );
  const line = (key: string, values: string[]) =>
    [key.padEnd(keyWidth), ...values.map((value, i) => value.padEnd(widths[i]!))].join(" | ").trimEnd();
  const out = [header.trimEnd(), "", line(keyTitle, matrix.columns), [keyWidth, ...widths].map((w) => "-".repeat(w)).join("-|-")];
  for (const [key, values] of matrix.rows) out.push(line(key, values));
  return `${out.join("\n")}\n`;
}

/** Every difference between the expected and the observed table, one line each. */
export function diffMatrix(expected: Matrix, observed: Matrix): string[] {
  const out: string[] = [];
  if (expected.columns.join("|") !== observed.columns.join("|")) {
    out.push(`columns: table has [${expected.columns.join(", ")}], the test tries [${observed.columns.join(", ")}]`);
    return out;
  }
  for (const [key, values] of observed.rows) {
    const want = expected.rows.get(key);
    if (!want) {
      out.push(`missing row: "${key}" (observed ${observed.columns.map((c, i) => `${c}=${values[i]}`).join(", ")})`);
      continue;
    }
    observed.columns.forEach((column, i) => {
      if (want[i] !== values[i]) out.push(`${key} | ${column}: expected ${want[i] ?? "(empty)"}, got ${values[i]}`);
    });
  }
  for (const key of expected.rows.keys()) {
    if (!observed.rows.has(key)) out.push(`row in the table that the test does not try: "${key}"`);
  }
  return out;
}
