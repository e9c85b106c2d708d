/**
 * Every query the page loaders (and the background jobs) run, planned by
 * SQLite against a database at city scale, must not read a whole table that
 * grows, and a page must not sort all of a growing table's matching rows to
 * show a few (issue 7, "Performance at city scale"; the rules are in
 * test/support/query-plans.ts).
 *
 * How: the demo seed plus thousands of accounts, knelpunten, measures,
 * supports, reactions, ratings, answers, audit rows and mails
 * (test/support/city-scale.ts). Then every route in app/routes.ts (and the
 * root loader) is called directly, as a visitor and as each kind of account,
 * with typical addresses (filters, sorting, deep pages, the map), while every
 * statement run on the connection is recorded with its parameters. Each
 * statement is then planned with EXPLAIN QUERY PLAN and those same
 * parameters twice: without statistics (as a database is until it is
 * analysed) and after ANALYZE (sqlite_stat1/sqlite_stat4, as after
 * `PRAGMA optimize`). A route in app/routes.ts with a loader must either be
 * exercised here or be listed in SKIPPED with the reason, so a new page
 * cannot be forgotten; so must every background job app/server.ts starts.
 *
 * `QUERY_PLANS_REPORT=1 npx vitest run test/integration/query-plans.test.ts`
 * also prints every accepted early-exit scan, every sort, deep OFFSETs and
 * the largest results.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { matchPath, RouterContextProvider } from "react-router";
import { getDb } from "#db/client.server";
import { seedDemo } from "#db/seed";
import routeConfig from "~/routes";
import { createSession, pruneExpiredSessions } from "~/auth/session.server";
import { requestInfoContext } from "~/context";
import { sendDailyDigestIfDue } from "~/domain/notifications/notifications.server";
import { unsubscribeToken } from "~/domain/notifications/tokens.server";
import { pruneRateLimits } from "~/lib/rate-limit.server";
import { pruneAuditLog, pruneOldCodes, pruneOldMail, pruneUnconfirmedAccounts } from "~/lib/retention.server";
import { fillCityScale, type CityScale } from "../support/city-scale";
import {
  GROWING_TABLES,
  SMALL_TABLES,
  explain,
  formatPlan,
  hasPlan,
  judgePlan,
  recordStatements,
  type Captured,
  type Finding,
  type PlanNode,
} from "../support/query-plans";

type RouteEntry = { id?: string; file: string; path?: string; index?: boolean; children?: RouteEntry[] };
/** What React Router passes a loader (LoaderFunctionArgs in 7.18). */
type LoaderArgs = { request: Request; url: URL; params: Record<string, string | undefined>; pattern: string; context: RouterContextProvider };
// Each route types its own arguments (Route.LoaderArgs); here they are all called alike.
type RouteModule = { loader?: (args: any) => unknown };

// The route modules, and the root (app/root.tsx, outside app/routes/), whose loader runs on every page.
const modules: Record<string, () => Promise<RouteModule>> = {
  ...import.meta.glob<RouteModule>("/app/routes/**/*.{ts,tsx}"),
  "/app/root.tsx": () => import("~/root"),
};

const VIEWERS = ["bezoeker", "bewoner", "drukke-bewoner", "projectleider", "ambtenaar", "beheerder"] as const;
type Viewer = (typeof VIEWERS)[number];

/** An address to load, by default as every viewer. */
type Case = string | { url: string; viewers?: Viewer[]; headers?: Record<string, string> };

/**
 * The addresses each route is loaded with. Loaders that guard a role simply
 * refuse the others (a thrown redirect or 404 is fine).
 */
function casesFor(d: CityScale, ids: Ids): Record<string, Case[]> {
  const main = d.mainCycleSlug;
  const k = d.busyKnelpuntId;
  return {
    "routes/home": ["/"],
    "content/over": ["/over"],
    "content/gedragscode": ["/gedragscode"],
    "content/privacy": ["/privacy"],
    "content/toegankelijkheid": ["/toegankelijkheid"],
    "content/kwetsbaarheid-melden": ["/kwetsbaarheid-melden"],
    "routes/security-txt": [{ url: "/.well-known/security.txt", viewers: ["bezoeker"] }],
    "routes/cycles/list": ["/rondes", "/rondes?pagina=2"],
    "routes/cycles/new": ["/rondes/nieuw"],
    "routes/cycles/show": [`/rondes/${main}`, `/rondes/${d.closedCycleSlug}`, `/rondes/${d.conceptCycleSlug}`],
    "routes/cycles/edit": [`/rondes/${main}/bewerken`],
    "routes/cycles/phase": [`/rondes/${main}/fase`],
    "routes/reports/report": [`/rondes/${d.closedCycleSlug}/verslag`, `/rondes/${main}/verslag`],
    "routes/reports/csv": [`/rondes/${d.closedCycleSlug}/verslag.csv`],
    "routes/reports/open-data": [`/rondes/${d.closedCycleSlug}/open-data.json`, `/rondes/${main}/open-data.json`],
    "routes/knelpunten/list": [
      `/rondes/${main}/knelpunten`,
      `/rondes/${main}/knelpunten?sorteer=steun`,
      `/rondes/${main}/knelpunten?status=open`,
      `/rondes/${main}/knelpunten?status=geescaleerd&sorteer=steun`,
      `/rondes/${main}/knelpunten?wijk=De%20Hoogte`,
      `/rondes/${main}/knelpunten?wijk=De%20Hoogte&status=open&sorteer=steun`,
      `/rondes/${main}/knelpunten?pagina=2`,
      `/rondes/${main}/knelpunten?pagina=100`,
      `/rondes/${main}/knelpunten?sorteer=steun&pagina=100`,
      `/rondes/${main}/knelpunten?weergave=kaart`,
      `/rondes/${main}/knelpunten?weergave=kaart&status=open`,
      `/rondes/${main}/knelpunten?weergave=kaart&wijk=Binnenstad&sorteer=steun`,
      `/rondes/${d.closedCycleSlug}/knelpunten`,
    ],
    "routes/knelpunten/new": [`/rondes/${main}/knelpunten/nieuw`],
    "routes/knelpunten/show": [`/knelpunten/${k}`, `/knelpunten/${k}?reacties=3&zelf=2`, `/knelpunten/${d.escalatedKnelpuntId}`, `/knelpunten/${ids.demoKnelpunt}`],
    "routes/knelpunten/escalate": [`/knelpunten/${k}/escaleren`, `/knelpunten/${ids.demoKnelpunt}/escaleren`],
    "routes/measures/actions": [`/maatregelen/${d.busyMeasureId}`, { url: `/maatregelen/${d.busyMeasureId}`, headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
    "routes/ratings/rate": [`/knelpunten/${k}/veiligheid`, { url: `/knelpunten/${k}/veiligheid`, headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
    "routes/notifications/follow": [`/knelpunten/${k}/volgen`],
    "routes/notifications/unsubscribe": [`/afmelden?token=${encodeURIComponent(unsubscribeToken(d.busyResidentId))}`, "/afmelden?token=onzin"],
    "routes/review/queue": [
      "/beoordelen",
      "/beoordelen?besluit=toegezegd",
      "/beoordelen?wijk=De%20Hoogte",
      `/beoordelen?ronde=${d.mainCycleId}`,
      `/beoordelen?besluit=afgewezen&wijk=Binnenstad&ronde=${d.mainCycleId}`,
      "/beoordelen?pagina=2",
      "/beoordelen?pagina=100",
    ],
    "routes/review/templates": ["/beoordelen/sjablonen", `/beoordelen/sjablonen?bewerken=${d.templateId}`],
    "routes/review/knelpunt": [`/beoordelen/${k}`, `/beoordelen/${d.escalatedKnelpuntId}?sjabloon=${d.templateId}&explanation=x`],
    "routes/review/answers": ["/antwoorden", "/antwoorden?pagina=2", "/antwoorden?pagina=100"],
    "routes/posts/list": ["/berichten", "/berichten?pagina=2", "/berichten?pagina=50"],
    "routes/posts/new": ["/berichten/nieuw"],
    "routes/posts/show": [`/berichten/${d.busyPostSlug}`, `/berichten/${d.busyPostSlug}?reacties=3`, `/berichten/${ids.demoPost}`],
    "routes/posts/edit": [`/berichten/${d.busyPostSlug}/bewerken`],
    "routes/reactions/edit": [`/reacties/${d.busyResidentReactionId}`],
    "routes/posts/feed": [{ url: "/feed.xml", viewers: ["bezoeker"] }],
    "routes/questions/new": ["/vragen/nieuw", `/vragen/nieuw?ronde=${main}`, `/vragen/nieuw?bericht=${d.busyPostSlug}`],
    "routes/questions/show": [
      `/vragen/${d.busyQuestionId}`,
      `/vragen/${d.busyQuestionId}?pagina=2`,
      `/vragen/${d.busyQuestionId}?pagina=100`,
      `/vragen/${d.choiceQuestionId}`,
    ],
    "routes/questions/csv": [`/vragen/${d.busyQuestionId}/antwoorden.csv`, `/vragen/${d.choiceQuestionId}/antwoorden.csv`],
    "routes/auth/signup": ["/registreren"],
    "routes/auth/verify": ["/verifieren"],
    "routes/auth/login": ["/inloggen", "/inloggen?redirectTo=/account"],
    "routes/auth/logout": [{ url: "/uitloggen", viewers: ["bezoeker"] }],
    "routes/auth/reset": ["/wachtwoord-herstellen"],
    "routes/account": ["/account"],
    "routes/language": [{ url: "/taal", viewers: ["bezoeker"] }],
    "routes/account/export": ["/account/gegevens.json"],
    "routes/account/delete": ["/account/verwijderen"],
    "routes/moderation/flag": [`/melden/measure/${d.flaggedMeasureId}`, `/melden/knelpunt/${k}`, `/melden/reaction/${d.busyResidentReactionId}`],
    "routes/moderation/queue": ["/moderatie", "/moderatie?tab=verborgen", `/moderatie?na=${ids.queueCursor}`],
    "routes/moderation/participant": [`/moderatie/deelnemers/${d.busyResidentId}`],
    "routes/admin/audit": [
      "/beheer/logboek",
      "/beheer/logboek?actie=account.blocked",
      `/beheer/logboek?door=${ids.leaderId}`,
      `/beheer/logboek?soort=user&doel=${d.busyResidentId}`,
      "/beheer/logboek?soort=knelpunt",
      "/beheer/logboek?van=2026-01-01&tot=2026-06-30",
      "/beheer/logboek?voor=100",
      `/beheer/logboek?actie=knelpunt.answered&door=${ids.officialId}&van=2025-01-01`,
    ],
    "routes/admin/accounts": ["/beheer/accounts", "/beheer/accounts?q=burger1", "/beheer/accounts?q=bewoner%201", "/beheer/accounts?pagina=2", "/beheer/accounts?pagina=100"],
    "routes/mail": ["/mail", "/mail?aan=burger1@stad.test"],
    "routes/not-found": [{ url: "/bestaat-niet", viewers: ["bezoeker"] }],
  };
}

/**
 * Routes in app/routes.ts with a loader that are not loaded here, and why.
 * (None at the moment. A route without a loader runs no query on GET and
 * needs no entry.)
 */
const SKIPPED: Record<string, string> = {};

/** Routes whose loader only ever throws (a redirect or 404): they count as exercised when they ran. */
const THROWING: Record<string, string> = {
  "routes/auth/logout": "GET only redirects; logging out is a POST",
  "routes/language": "GET only redirects; the language switch is a POST",
  "routes/notifications/follow": "GET only redirects to the knelpunt; following is a POST",
  "routes/not-found": "always a 404",
};

/**
 * The background jobs of app/server.ts (startBackgroundJobs): they run every
 * few minutes or hourly, so their statements are planned too. Keep this list
 * equal to app/server.ts.
 */
const JOBS: Record<string, () => unknown> = {
  pruneRateLimits: () => pruneRateLimits(),
  pruneExpiredSessions: () => pruneExpiredSessions(),
  pruneOldMail: () => pruneOldMail(),
  pruneAuditLog: () => pruneAuditLog(),
  pruneOldCodes: () => pruneOldCodes(),
  pruneUnconfirmedAccounts: () => pruneUnconfirmedAccounts(),
  // 09:30 in Amsterdam, so the digest is due.
  sendDailyDigestIfDue: () => sendDailyDigestIfDue(new Date(`${new Date().toISOString().slice(0, 10)}T08:30:00Z`)),
};
/** Jobs not run here, and why. */
const JOBS_SKIPPED: Record<string, string> = {
  optimizeDatabase: "PRAGMA optimize: SQLite's own statistics upkeep, no query of the app.",
  deliverPendingMail: "sends over SMTP only; without SMTP_URL (tests) it returns before any query. It reads the outbox on outbox_unsent_idx (sent_at, id).",
};

type Ids = { demoKnelpunt: number; demoPost: string; leaderId: string; officialId: string; queueCursor: string };

type Call = { routeId: string; viewer: Viewer; url: string; outcome: string; ms: number };

let data: CityScale;
let captured: Captured[] = [];
const calls: Call[] = [];
let routes: Array<{ id: string; file: string; path: string; hasLoader: boolean }> = [];
let tables: Set<string>;

function flatten(entries: RouteEntry[], parent = ""): Array<{ id: string; file: string; path: string; hasLoader: boolean }> {
  return entries.flatMap((entry) => {
    const path = [parent, entry.path ?? ""].filter(Boolean).join("/");
    const own = { id: entry.id ?? entry.file.replace(/\.[jt]sx?$/, ""), file: entry.file, path, hasLoader: false };
    return [own, ...flatten(entry.children ?? [], path)];
  });
}

function isThrownResponse(error: unknown): string | null {
  if (error instanceof Response) return `thrown ${error.status}`;
  if (error && typeof error === "object" && (error as { type?: string }).type === "DataWithResponseInit") {
    return `thrown ${(error as { init?: { status?: number } }).init?.status ?? 200}`;
  }
  return null;
}

beforeAll(async () => {
  const db = getDb();
  const client = db.$client;
  const now = new Date();
  await seedDemo(db, now);
  data = fillCityScale(db, now);
  tables = new Set(client.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[]);
  routes = flatten(routeConfig as RouteEntry[]);
  for (const route of routes) {
    const load = modules[`/app/${route.file}`];
    if (!load) throw new Error(`${route.id}: no module /app/${route.file}`);
    route.hasLoader = typeof (await load()).loader === "function";
  }

  const userId = (email: string) => client.prepare(`SELECT id FROM users WHERE email = ?`).pluck().get(email) as string;
  const sessions: Record<Viewer, string | null> = {
    bezoeker: null,
    bewoner: createSession(userId("bewoner@veranderlab.test")).token,
    "drukke-bewoner": createSession(data.busyResidentId).token,
    projectleider: createSession(userId("projectleider@veranderlab.test")).token,
    ambtenaar: createSession(userId("ambtenaar@veranderlab.test")).token,
    beheerder: createSession(userId("beheerder@veranderlab.test")).token,
  };
  const firstCase = client
    .prepare(`SELECT created_at AS at, target_type AS type, target_id AS id FROM moderation_cases WHERE open = 1 ORDER BY created_at, target_type, target_id LIMIT 1 OFFSET 20`)
    .get() as { at: number; type: string; id: number };
  const ids: Ids = {
    demoKnelpunt: client.prepare(`SELECT id FROM knelpunten WHERE title = 'Tunnel bij de Korreweg en Oostersingel'`).pluck().get() as number,
    demoPost: "waarom-deze-ronde-over-fietstunnels",
    leaderId: userId("projectleider@veranderlab.test"),
    officialId: userId("ambtenaar@veranderlab.test"),
    queueCursor: `${firstCase.at}-${firstCase.type}-${firstCase.id}`,
  };
  const cases = casesFor(data, ids);

  let label: string | null = null;
  const recorder = recordStatements(client, () => label);
  try {
    const run = async (routeId: string, file: string, path: string, url: string, viewer: Viewer, headers: Record<string, string> = {}) => {
      const load = modules[`/app/${file}`];
      if (!load) throw new Error(`${routeId}: no module /app/${file}`);
      const module = await load();
      if (!module.loader) return;
      const pathname = url.split("?")[0]!;
      const match = matchPath({ path: `/${path}`, end: true }, pathname);
      if (!match) throw new Error(`${routeId}: ${url} does not match its path /${path}`);
      const token = sessions[viewer];
      const request = new Request(`http://localhost:3000${url}`, { headers: { ...headers, ...(token ? { Cookie: `vl_session=${token}` } : {}) } });
      const context = new RouterContextProvider();
      context.set(requestInfoContext, { nonce: "", ip: "127.0.0.1" });
      label = `${routeId} as ${viewer}: GET ${url}`;
      let outcome = "ok";
      const started = performance.now();
      try {
        const args: LoaderArgs = { request, url: new URL(request.url), params: match.params, pattern: `/${path}`, context };
        const result = await module.loader(args);
        if (result instanceof Response) {
          outcome = `response ${result.status}`;
          await result.text();
        }
      } catch (error) {
        const thrown = isThrownResponse(error);
        if (!thrown) throw new Error(`${label} failed: ${String(error)}`, { cause: error });
        outcome = thrown;
      } finally {
        label = null;
      }
      calls.push({ routeId, viewer, url, outcome, ms: performance.now() - started });
    };

    // The root loader runs on every page.
    for (const viewer of VIEWERS) await run("root", "root.tsx", "*", "/", viewer);
    for (const route of routes) {
      for (const item of cases[route.id] ?? []) {
        const { url, viewers = [...VIEWERS], headers } = typeof item === "string" ? { url: item } : item;
        for (const viewer of viewers) await run(route.id, route.file, route.path, url, viewer, headers);
      }
    }
    // The background jobs, after the pages (they delete old rows).
    for (const [name, job] of Object.entries(JOBS)) {
      label = `job ${name}`;
      try {
        await job();
      } finally {
        label = null;
      }
      calls.push({ routeId: `job ${name}`, viewer: "bezoeker", url: "", outcome: "ok", ms: 0 });
    }
  } finally {
    recorder.stop();
  }
  captured = recorder.captured;
}, 240_000);

type Judged = { sql: string; params: unknown[]; labels: string[]; plan: PlanNode[]; findings: Finding[]; pass: string };

/** Plans every recorded statement (once per distinct text and parameters) and judges it. */
function judgeAll(pass: string): Judged[] {
  const client = getDb().$client;
  const seen = new Map<string, Judged>();
  for (const entry of captured) {
    if (!hasPlan(entry.sql)) continue;
    const key = `${entry.sql}\u0000${JSON.stringify(entry.params)}`;
    const known = seen.get(key);
    if (known) {
      if (known.labels.length < 5 && !known.labels.includes(entry.label)) known.labels.push(entry.label);
      continue;
    }
    const plan = explain(client, entry.sql, entry.params);
    // A page (not a download, not a background job) must not sort everything to show a few rows.
    const page = !entry.label.startsWith("job ") && !/GET \S+\.(csv|json|xml)\b/.test(entry.label);
    seen.set(key, { sql: entry.sql, params: entry.params, labels: [entry.label], plan, findings: judgePlan(entry.sql, plan, tables, page), pass });
  }
  return [...seen.values()];
}

function describeProblem(item: Judged): string {
  return [
    `[${item.pass}] ${item.findings.map((f) => `${f.kind}: ${f.line}`).join("; ")}`,
    ...item.labels.map((label) => `  by ${label}`),
    `  SQL: ${item.sql}`,
    `  params: ${JSON.stringify(item.params)}`,
    "  plan:",
    formatPlan(item.plan),
  ].join("\n");
}

/** Prints what a reviewer wants to see besides the failures (QUERY_PLANS_REPORT=1), once per statement text and plan. */
function report(judged: Judged[]) {
  if (!process.env.QUERY_PLANS_REPORT) return;
  const groups = new Map<string, { item: Judged; variants: number; maxOffset: number }>();
  for (const item of judged) {
    const text = formatPlan(item.plan);
    const offset = /offset \?\s*$/i.test(item.sql) ? Number(item.params.at(-1)) : 0;
    if (!/SCAN (?!CONSTANT)|TEMP B-TREE/.test(text) && offset < 500) continue;
    const key = `${item.pass}\u0000${item.sql}\u0000${text}`;
    const group = groups.get(key);
    if (group) {
      group.variants += 1;
      group.maxOffset = Math.max(group.maxOffset, offset);
    } else groups.set(key, { item, variants: 1, maxOffset: offset });
  }
  const lines = [...groups.values()].map(
    ({ item, variants, maxOffset }) =>
      `[${item.pass}] ${item.labels[0]} (${variants} parameter sets${maxOffset ? `, OFFSET up to ${maxOffset}` : ""})\n  ${item.sql}\n${formatPlan(item.plan)}`,
  );
  // Downloads (CSV, JSON, the feed) return everything they are about; pages should show a fixed amount.
  const largest = [...captured]
    .filter((c) => c.rows !== null && !/GET \S+\.(csv|json|xml)\b/.test(c.label))
    .sort((a, b) => b.rows! - a.rows!)
    .slice(0, 15);
  lines.push("Largest results on pages:", ...largest.map((c) => `  ${c.rows} rows: ${c.label}\n    ${c.sql.slice(0, 200)}`));
  const slowest = [...calls].sort((a, b) => b.ms - a.ms).slice(0, 20);
  lines.push("Slowest loaders:", ...slowest.map((c) => `  ${c.ms.toFixed(1)} ms: ${c.routeId} as ${c.viewer}: GET ${c.url}`));
  console.log(lines.join("\n\n"));
}

describe("query plans at city scale", () => {
  it("has the data: thousands of rows in the tables that grow", () => {
    for (const table of ["users", "knelpunten", "measures", "supports", "reactions", "safety_ratings", "answers", "audit_log", "outbox"]) {
      const n = getDb().$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect(n, table).toBeGreaterThan(3000);
    }
  });

  it("knows every table: growing, or small with a reason", () => {
    for (const table of tables) {
      expect(GROWING_TABLES.has(table) !== SMALL_TABLES.has(table), `${table} must be in exactly one of GROWING_TABLES and SMALL_TABLES`).toBe(true);
    }
    for (const table of GROWING_TABLES) expect(tables.has(table), `${table} is not a table`).toBe(true);
  });

  it("loads every route in app/routes.ts, or says why not", () => {
    const cases = casesFor(data, { demoKnelpunt: 0, demoPost: "", leaderId: "", officialId: "", queueCursor: "" });
    const ids = new Set(routes.map((route) => route.id));
    for (const id of Object.keys(cases)) expect(ids.has(id), `cases for unknown route ${id}`).toBe(true);
    for (const id of [...Object.keys(SKIPPED), ...Object.keys(THROWING)]) expect(ids.has(id), `listed route ${id} is not in app/routes.ts`).toBe(true);
    const missing = routes.filter((route) => route.hasLoader && !cases[route.id] && !SKIPPED[route.id]).map((route) => route.id);
    expect(missing, "routes with a loader neither exercised nor listed in SKIPPED").toEqual([]);
    for (const route of routes) if (cases[route.id]) expect(route.hasLoader, `${route.id} has cases but no loader`).toBe(true);
    // Every exercised route gave a page (or a download) at least once, so its queries ran.
    for (const route of routes) {
      if (!cases[route.id] || THROWING[route.id]) continue;
      const outcomes = calls.filter((call) => call.routeId === route.id).map((call) => call.outcome);
      expect(outcomes.some((outcome) => outcome === "ok" || outcome === "response 200"), `${route.id} never loaded: ${outcomes.join(", ")}`).toBe(true);
    }
    expect(calls.filter((call) => call.routeId === "root").every((call) => call.outcome === "ok")).toBe(true);
  });

  it("runs the background jobs of app/server.ts, or says why not", () => {
    const ran = calls.filter((call) => call.routeId.startsWith("job ")).map((call) => call.routeId.slice(4));
    expect(ran).toEqual(Object.keys(JOBS));
    // The jobs app/server.ts starts: every function it calls without arguments in startBackgroundJobs.
    const server = fs.readFileSync(new URL("../../app/server.ts", import.meta.url), "utf8");
    const start = server.indexOf("export function startBackgroundJobs() {");
    expect(start, "startBackgroundJobs in app/server.ts").toBeGreaterThan(-1);
    const body = server.slice(start + "export function startBackgroundJobs() {".length, server.indexOf("export function stopBackgroundJobs"));
    const started = [...body.matchAll(/\b([a-z]\w+)\(\)/g)].map((m) => m[1]!).filter((name) => name !== "unref");
    expect(started.length).toBeGreaterThan(0);
    expect(new Set(started)).toEqual(new Set([...Object.keys(JOBS), ...Object.keys(JOBS_SKIPPED)]));
    expect(captured.some((entry) => entry.label === "job pruneUnconfirmedAccounts" && /^delete from "users"/i.test(entry.sql))).toBe(true);
  });

  it("judges plans by the rules (test/support/query-plans.ts)", () => {
    const client = getDb().$client;
    const judge = (sql: string, params: unknown[] = [], page = true) =>
      judgePlan(sql, explain(client, sql, params), tables, page).map((finding) => `${finding.kind} ${finding.table}`);
    // A whole growing table: a plain scan, a count over a covering index, a scan in an index's order that is not allowed.
    expect(judge(`SELECT id FROM knelpunten WHERE title = ?`, ["x"])).toEqual(["full-scan knelpunten"]);
    expect(judge(`SELECT count(*) FROM reactions r`)).toEqual(["full-scan reactions"]);
    expect(judge(`SELECT id FROM audit_log ORDER BY created_at DESC LIMIT 5`)).toEqual(["full-scan audit_log"]);
    // An allowed early exit, but only with a LIMIT and in the scan's own order.
    expect(judge(`SELECT id FROM audit_log ORDER BY id DESC LIMIT 5`)).toEqual([]);
    expect(judge(`SELECT id FROM audit_log ORDER BY id DESC`)).toEqual(["full-scan audit_log"]);
    expect(judge(`SELECT id FROM audit_log ORDER BY reason LIMIT 5`)).toEqual(["full-scan audit_log", "sort-for-page audit_log"]);
    // Sorting all of a question's answers to show a page: bad on a page, fine in a download; a join by primary key adds nothing.
    expect(judge(`SELECT a.id FROM answers a JOIN users u ON u.id = a.user_id WHERE a.question_id = ? ORDER BY a.text LIMIT 20`, [1])).toEqual([
      "sort-for-page answers",
    ]);
    expect(judge(`SELECT id FROM answers WHERE question_id = ? ORDER BY text LIMIT 20`, [1], false)).toEqual([]);
    expect(judge(`SELECT id FROM answers WHERE question_id = ? AND text IS NOT NULL ORDER BY updated_at DESC LIMIT 20`, [1])).toEqual([]);
    // Small tables, subqueries and CTEs may be scanned.
    expect(judge(`SELECT * FROM cycles WHERE title = ?`, ["x"])).toEqual([]);
    expect(judge(`WITH c AS MATERIALIZED (SELECT id FROM knelpunten WHERE cycle_id = ? LIMIT 5) SELECT * FROM c`, [1])).toEqual([]);
  });

  it("reads no growing table whole and sorts none to show a page, without statistics and after ANALYZE", () => {
    expect(captured.length).toBeGreaterThan(500);
    const client = getDb().$client;
    // No sqlite_stat1 yet: plans as on a database that was never analysed.
    expect(client.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'`).pluck().get()).toBe(0);
    const before = judgeAll("without statistics");
    client.exec("ANALYZE");
    const after = judgeAll("after ANALYZE");
    report([...before, ...after]);
    const problems = [...before, ...after].filter((item) => item.findings.length > 0);
    // One entry per statement text (the first parameters and labels), so the message stays readable.
    const byText = new Map<string, Judged>();
    for (const item of problems) if (!byText.has(`${item.pass}${item.sql}`)) byText.set(`${item.pass}${item.sql}`, item);
    expect([...byText.values()].map((item) => `${item.pass}: ${item.sql.slice(0, 160)}`), [...byText.values()].map(describeProblem).join("\n\n")).toEqual([]);
  });
});
