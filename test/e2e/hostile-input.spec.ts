import { readFileSync, rmSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { freePort, startServer, type ServerProcess } from "../support/server-process";
import { FormClient, HOSTILE_SEED, HostileSupply, hostileTexts, markersIn, type Answer, type Field } from "../support/hostile-inputs";
import { DEMO, DEMO_PASSWORD, expect, expectAccessible, randomIp, test } from "./fixtures";

/**
 * Hostile input (issue 8, part 2). Over 1,000 hostile texts (the known
 * payloads of test/support/xss-payloads.ts plus fast-check's, fixed seed)
 * go over HTTP into every text field a participant or staff member fills in,
 * many per page; a few more are typed into the real forms (the Tiptap editor
 * too). Then every page that shows them is rendered in Chromium once: no
 * script of theirs runs, no element carries an on* attribute or a
 * javascript:/vbscript:/data:text/html address, the page reports no CSP
 * violation and the server's /csp-rapport endpoint received nothing.
 * Malformed and oversized bodies to every route with an action get a 4xx.
 *
 * The test runs its own server and database, so these texts stay out of the
 * other browser tests.
 */

test.describe.configure({ mode: "serial" });

const TEXT_COUNT = 1400;
const OK = new Set([302, 303]);

let server: ServerProcess;
let databaseDir: string;
let base: string;
const supply = new HostileSupply(hostileTexts(TEXT_COUNT));
/** What came back for each hostile text, by its marker. */
const outcomes = new Map<string, number>();
const pages: { who: Who; path: string }[] = [];
const seen = new Set<string>();

type Who = "visitor" | "leader" | "official" | "admin" | "resident";
const clients = {} as Record<Exclude<Who, "visitor">, FormClient>;

const L = {
  displayName: { min: 2, max: 50 },
  wijk: { min: 0, max: 80 },
  knelpuntTitle: { min: 5, max: 120 },
  knelpuntDescription: { min: 10, max: 5000 },
  knelpuntWijk: { min: 2, max: 80 },
  knelpuntPlace: { min: 3, max: 200 },
  measureTitle: { min: 5, max: 120 },
  measureDescription: { min: 10, max: 5000 },
  reaction: { min: 2, max: 2000 },
  answer: { min: 2, max: 2000 },
  flagNote: { min: 0, max: 500 },
  postTitle: { min: 3, max: 150 },
  postBody: { min: 1, max: 6000 },
  cycleTitle: { min: 3, max: 120 },
  cycleTheme: { min: 3, max: 200 },
  cycleIntro: { min: 0, max: 6000 },
  cycleWijken: { min: 0, max: 79 },
  questionPrompt: { min: 5, max: 300 },
  questionDescription: { min: 0, max: 5000 },
  questionOption: { min: 1, max: 200 },
  escalation: { min: 10, max: 2000 },
  fastTrack: { min: 20, max: 500 },
  officialExplanation: { min: 10, max: 5000 },
  department: { min: 2, max: 200 },
  templateTitle: { min: 3, max: 120 },
  templateBody: { min: 10, max: 5000 },
  hideReason: { min: 3, max: 300 },
  blockReason: { min: 3, max: 500 },
  resolveExplanation: { min: 10, max: 2000 },
  abandonReason: { min: 10, max: 1000 },
  organisation: { min: 2, max: 100 },
} satisfies Record<string, Field>;

function record(fields: Record<string, string>, answer: Answer) {
  for (const value of Object.values(fields)) for (const marker of markersIn(value)) outcomes.set(marker, answer.status);
}

/**
 * Posts a form (as "post anyway" after the wording nudge, with the code of
 * conduct accepted) and records the answer for each hostile text in it.
 */
async function send(client: FormClient, path: string, fields: Record<string, string>): Promise<Answer> {
  const answer = await client.post(path, { postAnyway: "1", acceptCode: "1", ...fields });
  record(fields, answer);
  expect(answer.status, `${path} ${JSON.stringify(fields).slice(0, 300)}\n${answer.body.slice(0, 500)}`).toBeLessThan(500);
  return answer;
}

function take(field: keyof typeof L): string {
  return supply.take(field, L[field]);
}

/** Runs `work` for every item, `limit` at a time (the server has two cores to share). */
async function inBatches<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += limit) {
    await Promise.all(items.slice(i, i + limit).map((item, j) => work(item, i + j)));
  }
}

function db() {
  return new Database(`${databaseDir}/veranderlab.db`, { readonly: true, fileMustExist: true });
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const handle = db();
  try {
    return handle.prepare(sql).all(...params) as T[];
  } finally {
    handle.close();
  }
}

const DEMO_RESIDENTS = ["bewoner", "ingrid", "youssef", "annemarie", "bart", "lotte", "henk", "mila"].map((name) => `${name}@veranderlab.test`);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  databaseDir = `.tmp/hostile-${port}`;
  rmSync(databaseDir, { recursive: true, force: true });
  server = await startServer({ port, databasePath: `${databaseDir}/veranderlab.db`, seedDemo: true });
  base = server.url;
  console.log(`hostile input: fast-check seed ${HOSTILE_SEED} (HOSTILE_SEED=${HOSTILE_SEED} to repeat), server ${base}`);
  const started = Date.now();
  await seed();
  console.log(`hostile input: ${supply.count} hostile texts sent in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test.afterAll(async () => {
  await server?.kill();
});

async function seed() {
  // Staff, signed in once each.
  for (const [who, email] of [["leader", DEMO.projectleider], ["official", DEMO.ambtenaar], ["admin", DEMO.beheerder], ["resident", DEMO.bewoner]] as const) {
    clients[who] = new FormClient(base, randomIp());
    await clients[who].logIn(email, DEMO_PASSWORD);
  }
  const leader = clients.leader;

  // Residents: the demo ones get hostile names and wijken on Mijn account; new
  // ones sign up with them.
  const residents: FormClient[] = [clients.resident];
  for (const email of DEMO_RESIDENTS.slice(1)) {
    const client = new FormClient(base, randomIp());
    await client.logIn(email, DEMO_PASSWORD);
    residents.push(client);
  }
  await inBatches(residents, 4, async (client) => {
    await send(client, "/account", { intent: "profile", displayName: take("displayName"), wijk: take("wijk") });
  });
  const newcomers: FormClient[] = [];
  for (let i = 0; i < 10; i++) {
    const client = new FormClient(base, randomIp());
    const email = `hostile-${i}-${Date.now().toString(36)}@voorbeeld.test`;
    const account = { email, password: "een-lang-wachtwoord-2026", displayName: take("displayName"), wijk: take("wijk") };
    const answer = await client.signUp(account);
    record(account, answer);
    expect(answer.status, answer.body.slice(0, 400)).toBeLessThan(500);
    if (answer.status === 302) newcomers.push(client);
  }
  residents.push(...newcomers);
  expect(newcomers.length).toBeGreaterThanOrEqual(8);

  // Cycle texts: a new cycle, and the running cycle's own texts.
  await send(
    leader,
    "/rondes/nieuw",
    { title: take("cycleTitle"), slug: "", theme: take("cycleTheme"), intro: take("cycleIntro"), wijken: `${take("cycleWijken")}\nCentrum`, supportLimit: "10", supportThreshold: "5", minVolunteers: "1" },
  );
  await send(
    leader,
    "/rondes/enge-fietstunnels/bewerken",
    { title: take("cycleTitle"), slug: "enge-fietstunnels", theme: take("cycleTheme"), intro: take("cycleIntro"), wijken: `Centrum\nDe Hoogte\n${take("cycleWijken")}`, supportLimit: "10", supportThreshold: "3", minVolunteers: "1" },
  );

  // Knelpunten in the running cycle, each by another resident.
  const knelpuntIds: number[] = [];
  await inBatches(residents.slice(0, 6), 3, async (client) => {
    const answer = await send(
      client,
      "/rondes/enge-fietstunnels/knelpunten/nieuw",
      { title: take("knelpuntTitle"), description: take("knelpuntDescription"), wijk: take("knelpuntWijk"), locationText: take("knelpuntPlace"), lat: "", lng: "" },
    );
    const id = /\/knelpunten\/(\d+)/.exec(answer.location ?? "")?.[1];
    if (id) knelpuntIds.push(Number(id));
  });
  expect(knelpuntIds).toHaveLength(6);
  knelpuntIds.sort((a, b) => a - b);

  // Self-help measures (20 a page) and reactions (50 a page) on each.
  await inBatches(knelpuntIds, 2, async (id, k) => {
    for (let i = 0; i < 20; i++) {
      const client = residents[(k + i) % residents.length]!;
      await send(client, `/knelpunten/${id}`, { intent: "propose", kind: "zelf", title: take("measureTitle"), description: take("measureDescription") });
    }
    for (let i = 0; i < 50; i++) {
      const client = residents[(k + i + 3) % residents.length]!;
      await send(client, `/knelpunten/${id}`, { intent: "react", body: take("reaction") });
    }
  });
  // 50 reactions on each of two posts.
  for (const [slug, count] of [["avondwandeling-door-de-tunnels", 50], ["welkom-bij-het-veranderlab", 50]] as const) {
    await inBatches([...Array(count).keys()], 4, async (i) => {
      await send(residents[i % residents.length]!, `/berichten/${slug}`, { intent: "react", body: take("reaction") });
    });
  }
  // Edited reactions: each resident rewrites some of theirs.
  const editable = query<{ id: number; email: string }>(
    `SELECT r.id, u.email FROM reactions r JOIN users u ON u.id = r.author_id WHERE r.body LIKE 'hx%' ORDER BY r.id`,
  );
  const reactionsToEdit = editable.filter((_, i) => i % 6 === 0);
  const clientFor = await residentsByEmail(residents);
  await inBatches(reactionsToEdit, 4, async ({ id, email }) => {
    const client = clientFor.get(email);
    if (!client) return;
    await send(client, `/reacties/${id}`, { intent: "edit", body: take("reaction") });
  });

  // Questions: open ones with hostile prompts and descriptions (Markdown), a
  // choice one with hostile options; every resident answers the open ones.
  const questionIds: number[] = [2];
  for (let i = 0; i < 4; i++) {
    const answer = await send(
      leader,
      "/vragen/nieuw",
      { cycleId: "1", prompt: take("questionPrompt"), description: take("questionDescription"), kind: "open", options: "", postId: "" },
    );
    const id = /\/vragen\/(\d+)/.exec(answer.location ?? "")?.[1];
    if (id) questionIds.push(Number(id));
  }
  const choice = await send(
    leader,
    "/vragen/nieuw",
    { cycleId: "1", prompt: take("questionPrompt"), description: "", kind: "single", options: [take("questionOption"), take("questionOption"), take("questionOption")].map((o) => o.replace(/[\r\n]+/g, " ")).join("\n"), postId: "" },
  );
  const choiceId = /\/vragen\/(\d+)/.exec(choice.location ?? "")?.[1];
  await inBatches(residents, 4, async (client) => {
    for (const id of questionIds) {
      await send(client, `/vragen/${id}`, { intent: "answer", text: take("answer") });
    }
  });

  // Flags with hostile notes on reactions, measures and knelpunten.
  const targets = [
    ...query<{ id: number }>(`SELECT id FROM reactions WHERE body LIKE 'hx%' ORDER BY id LIMIT 24`).map(({ id }) => ["reaction", id] as const),
    ...query<{ id: number }>(`SELECT id FROM measures WHERE title LIKE 'hx%' ORDER BY id LIMIT 12`).map(({ id }) => ["measure", id] as const),
    ...query<{ id: number }>(`SELECT id FROM answers WHERE text LIKE 'hx%' ORDER BY id LIMIT 6`).map(({ id }) => ["answer", id] as const),
    ...knelpuntIds.slice(0, 3).map((id) => ["knelpunt", id] as const),
  ];
  await inBatches(targets, 4, async ([type, id], i) => {
    await send(residents[(i * 7 + 1) % residents.length]!, `/melden/${type}/${id}`, { reason: "other", note: take("flagNote") });
  });

  // Posts by the project leader: Markdown bodies full of payloads.
  const postSlugs: string[] = [];
  for (let i = 0; i < 5; i++) {
    const body = [take("postBody"), take("postBody"), take("postBody"), take("postBody")].join("\n\n");
    const answer = await send(leader, "/berichten/nieuw", { title: take("postTitle"), slug: "", cycleId: i % 2 ? "1" : "", body, intent: "publish" });
    const slug = /\/berichten\/([^/?#]+)/.exec(answer.location ?? "")?.[1];
    if (slug && answer.status === 302) postSlugs.push(slug);
  }

  // The project leader moderates: hides reactions with a hostile public reason.
  const toHide = query<{ id: number }>(`SELECT id FROM reactions WHERE body LIKE 'hx%' AND target_type = 'knelpunt' ORDER BY id DESC LIMIT 16`);
  await inBatches(toHide, 4, async ({ id }) => {
    await send(leader, "/moderatie", { decision: "hide", type: "reaction", id: String(id), reason: take("hideReason") });
  });

  // Self-help given up, with a hostile public reason; a demo knelpunt resolved.
  const toAbandon = query<{ id: number }>(`SELECT id FROM measures WHERE title LIKE 'hx%' ORDER BY id LIMIT 8`);
  for (const { id } of toAbandon) {
    await send(leader, `/maatregelen/${id}`, { intent: "abandon", reason: take("abandonReason") });
  }
  await send(leader, "/knelpunten/1", { intent: "resolve", explanation: take("resolveExplanation") });

  // Escalated early (a fast track, with a public reason), then the phase
  // "opschalen": government measures, and the official's answers.
  const escalated: number[] = [];
  for (const id of knelpuntIds) {
    const answer = await send(leader, `/knelpunten/${id}/escaleren`, { explanation: take("escalation"), stillUnsafe: "on", fastTrackReason: take("fastTrack") });
    if (answer.status === 302) escalated.push(id);
  }
  expect(escalated).toHaveLength(knelpuntIds.length);
  await send(leader, "/rondes/enge-fietstunnels/fase", { from: "zelf_doen", to: "opschalen" });
  await inBatches(knelpuntIds, 2, async (id, k) => {
    for (let i = 0; i < 20; i++) {
      const client = residents[(k * 3 + i) % residents.length]!;
      await send(client, `/knelpunten/${id}`, { intent: "propose", kind: "overheid", title: take("measureTitle"), description: take("measureDescription") });
    }
  });
  const official = clients.official;
  const inAYear = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  for (const id of escalated) {
    await send(official, `/beoordelen/${id}`, { decision: "in_behandeling", explanation: take("officialExplanation"), department: "", expectedDate: "" });
    await send(official, `/beoordelen/${id}`, { decision: "toegezegd", explanation: take("officialExplanation"), department: take("department"), expectedDate: inAYear });
  }
  for (let i = 0; i < 8; i++) {
    await send(official, "/beoordelen/sjablonen", { intent: "create", title: take("templateTitle"), body: take("templateBody") });
  }

  // Blocks and unblocks with hostile reasons (a newcomer, whose texts stay).
  const target = newcomers[0]!;
  const targetId = (await whoIs(target)).id;
  for (let i = 0; i < 3; i++) {
    await send(leader, `/moderatie/deelnemers/${targetId}`, { intent: "block", reason: take("blockReason") });
    await send(leader, `/moderatie/deelnemers/${targetId}`, { intent: "unblock", reason: take("blockReason") });
  }
  // An administrator makes a newcomer an official of a hostile organisation.
  const promoted = (await whoIs(newcomers[1]!)).id;
  await send(clients.admin, "/beheer/accounts", { userId: promoted, role: "ambtenaar", organisation: take("organisation") });

  // What the browser renders: every page where these texts show.
  const heldAuthor = residents[1]!;
  clients.resident = heldAuthor; // "resident" pages are seen by someone whose texts were held
  pages.push(
    { who: "visitor", path: "/" },
    { who: "leader", path: "/rondes" },
    { who: "leader", path: "/rondes/enge-fietstunnels" },
    { who: "leader", path: `/rondes/${newestCycleSlug()}` },
    { who: "leader", path: "/rondes/enge-fietstunnels/knelpunten" },
    ...knelpuntIds.map((id) => ({ who: "leader" as const, path: `/knelpunten/${id}` })),
    { who: "leader", path: "/knelpunten/1" },
    { who: "leader", path: "/berichten" },
    ...postSlugs.map((slug) => ({ who: "leader" as const, path: `/berichten/${slug}` })),
    { who: "leader", path: "/berichten/avondwandeling-door-de-tunnels" },
    { who: "leader", path: "/berichten/welkom-bij-het-veranderlab" },
    ...questionIds.map((id) => ({ who: "leader" as const, path: `/vragen/${id}` })),
    ...(choiceId ? [{ who: "resident" as const, path: `/vragen/${choiceId}` }] : []),
    { who: "resident", path: "/account" },
    { who: "resident", path: `/reacties/${editableOf(heldAuthor, editable, clientFor)}` },
    { who: "leader", path: "/moderatie" },
    { who: "leader", path: `/moderatie/deelnemers/${targetId}` },
    { who: "leader", path: "/beheer/logboek" },
    { who: "official", path: "/beoordelen" },
    ...escalated.slice(0, 2).map((id) => ({ who: "official" as const, path: `/beoordelen/${id}` })),
    { who: "official", path: "/beoordelen/sjablonen" },
    { who: "visitor", path: "/antwoorden" },
    { who: "admin", path: "/beheer/accounts" },
  );
}

function newestCycleSlug(): string {
  return query<{ slug: string }>(`SELECT slug FROM cycles ORDER BY id DESC LIMIT 1`)[0]!.slug;
}

/** The account behind a client's session (the cookie is `id.secret`; the id is stored as is). */
async function whoIs(client: FormClient): Promise<{ id: string; email: string }> {
  const sessionId = client.cookieList.find((cookie) => cookie.name === "vl_session")!.value.split(".")[0];
  return query<{ id: string; email: string }>(`SELECT u.id, u.email FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, sessionId)[0]!;
}

async function residentsByEmail(residents: FormClient[]): Promise<Map<string, FormClient>> {
  const map = new Map<string, FormClient>();
  for (const client of residents) map.set((await whoIs(client)).email, client);
  return map;
}

function editableOf(client: FormClient, editable: { id: number; email: string }[], clientFor: Map<string, FormClient>): number {
  const email = [...clientFor].find(([, c]) => c === client)?.[0];
  return editable.find((row) => row.email === email)?.id ?? editable[0]!.id;
}

/** Set up before any page script: a trap for payloads that run, and a record of CSP violations. */
const TRAP = () => {
  const w = window as unknown as { __xssHits: string[]; __xss: (...a: unknown[]) => void; __csp: string[] };
  w.__xssHits = [];
  w.__csp = [];
  w.__xss = (...args: unknown[]) => w.__xssHits.push(`__xss(${args.join(",")}) on ${location.pathname}`);
  document.addEventListener(
    "securitypolicyviolation",
    (event) => w.__csp.push(`${event.effectiveDirective} blocked ${event.blockedURI} (${event.sample}) at ${event.sourceFile}:${event.lineNumber}`),
    true,
  );
};

/** The DOM after the page ran: event-handler attributes, script addresses, elements that have no business on this site. */
function scanDom(): string[] {
  const problems: string[] = [];
  const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc", "ping", "cite"];
  const dangerous = (value: string) => {
    // What a browser would make of it: entities are already decoded in the DOM; strip controls and spaces it ignores.
    const plain = value.replace(/[\u0000-\u0020\u007f-\u009f\u200b\ufeff]+/g, "").toLowerCase();
    return /^(javascript|vbscript|livescript):/.test(plain) || /^data:(text\/html|application\/xhtml|image\/svg)/.test(plain);
  };
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`<${element.localName} ${name}="${attribute.value.slice(0, 80)}">`);
      if (URL_ATTRIBUTES.includes(name) && dangerous(attribute.value)) problems.push(`<${element.localName} ${name}="${attribute.value.slice(0, 80)}">`);
    }
    if (["iframe", "object", "embed", "frame", "base", "applet"].includes(element.localName)) problems.push(`<${element.localName}>`);
    if (element.localName === "meta" && element.getAttribute("http-equiv")) problems.push(`<meta http-equiv=${element.getAttribute("http-equiv")}>`);
  }
  // Scripts: only the site's own, with the response's nonce (nonce attributes read back empty; the property keeps it).
  for (const script of document.querySelectorAll("script")) {
    // Data blocks (application/json) never run; anything else must be the site's own.
    const runs = ["", "module", "text/javascript", "application/javascript"].includes(script.type.trim().toLowerCase());
    if (runs && !script.nonce) problems.push(`<script> without nonce: ${script.outerHTML.slice(0, 80)}`);
    if (script.src && new URL(script.src).origin !== location.origin) problems.push(`<script src=${script.src}>`);
  }
  return problems;
}

type PageReport = { path: string; who: Who; problems: string[]; markers: string[]; ms: number; axeMs: number };

async function contextFor(browser: Browser, who: Who): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, locale: "nl-NL", extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  await context.addInitScript(TRAP);
  if (who !== "visitor") {
    const url = new URL(base);
    await context.addCookies(clients[who].cookieList.map(({ name, value }) => ({ name, value, domain: url.hostname, path: "/" })));
  }
  return context;
}

/** Opens the page, lets it hydrate, and collects everything that must not happen. */
async function inspect(page: Page, path: string, who: Who): Promise<PageReport> {
  const problems: string[] = [];
  const started = Date.now();
  const onDialog = (dialog: import("@playwright/test").Dialog) => {
    problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  };
  const onConsole = (message: import("@playwright/test").ConsoleMessage) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text().slice(0, 300)}`);
  };
  const onError = (error: Error) => problems.push(`page error: ${error.message.slice(0, 300)}`);
  page.on("dialog", onDialog);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  const response = await page.goto(path);
  expect(response?.status(), `${path} as ${who}`).toBe(200);
  await page.waitForLoadState("load");
  // Hydrated (React attaches its root), then a moment for late events (image errors, toggles).
  await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber")));
  await page.waitForTimeout(150);
  const state = await page.evaluate(() => {
    const w = window as unknown as { __xssHits: string[]; __csp: string[] };
    // What the page shows, and what its form fields hold (texts shown again for editing).
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input:not([type=hidden]):not([type=password]), textarea")];
    return { hits: w.__xssHits, csp: w.__csp, text: [document.body.innerText, ...fields.map((field) => field.value)].join("\n") };
  });
  problems.push(...state.hits.map((hit) => `script ran: ${hit}`), ...state.csp.map((v) => `CSP: ${v}`), ...(await page.evaluate(scanDom)));
  const axeStarted = Date.now();
  await expectAccessible(page);
  const axeMs = Date.now() - axeStarted;
  page.off("dialog", onDialog);
  page.off("console", onConsole);
  page.off("pageerror", onError);
  return { path, who, problems, markers: markersIn(state.text), ms: Date.now() - started, axeMs };
}

test("1,000+ hostile texts render on every page without running, without handlers or script URLs, and without CSP reports", async ({ browser }) => {
  test.setTimeout(400_000);
  const started = Date.now();
  expect([...outcomes.values()].filter((status) => status >= 500)).toEqual([]);

  const reports: PageReport[] = [];
  const byWho = new Map<Who, { path: string; who: Who }[]>();
  for (const entry of pages) byWho.set(entry.who, [...(byWho.get(entry.who) ?? []), entry]);
  // One context per person, two pages at a time.
  for (const [who, entries] of byWho) {
    const context = await contextFor(browser, who);
    const tabs = [await context.newPage(), await context.newPage()];
    await inBatches(entries, 2, async (entry, i) => {
      reports.push(await inspect(tabs[i % 2]!, entry.path, who));
    });
    await context.close();
  }
  for (const report of reports) for (const marker of report.markers) seen.add(marker);

  const problems = reports.flatMap((report) => report.problems.map((problem) => `${report.who} ${report.path}: ${problem}`));
  expect(problems).toEqual([]);

  // The texts were there to see (markers in the pages' text), not refused or lost.
  const accepted = supply.sent.filter((entry) => OK.has(outcomes.get(entry.marker) ?? 0));
  const summary = new Map<string, { sent: number; accepted: number; rendered: number }>();
  supply.sent.forEach((entry) => {
    const row = summary.get(entry.field) ?? { sent: 0, accepted: 0, rendered: 0 };
    row.sent += 1;
    if (OK.has(outcomes.get(entry.marker) ?? 0)) row.accepted += 1;
    if (seen.has(entry.marker)) row.rendered += 1;
    summary.set(entry.field, row);
  });
  for (const r of reports) console.log(`  ${r.who} ${r.path.slice(0, 50)}: ${r.ms} ms (axe ${r.axeMs} ms), ${new Set(r.markers).size} texts`);
  console.log(`hostile input: ${reports.length} pages rendered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.table(Object.fromEntries(summary));
  console.log(`hostile input: ${supply.count} sent, ${accepted.length} accepted, ${seen.size} rendered and checked`);
  expect(outcomes.size).toBe(supply.count);
  expect(seen.size).toBeGreaterThanOrEqual(1000);
});

test("hostile texts typed into the real forms (the editor too) are shown as text", async ({ browser }) => {
  test.setTimeout(240_000);
  const typed = ["<img src=x onerror=__xss(1)>", "</script><script>__xss(2)</script>", "[klik](javascript:__xss(3))", '" autofocus onfocus="__xss(4)', "\u202e<svg onload=__xss(5)>"];
  const problems: string[] = [];

  // A resident: a new display name on Mijn account, and a reaction under a post.
  const resident = await contextFor(browser, "visitor");
  const page = await resident.newPage();
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill("lotte@veranderlab.test");
  await page.getByLabel("Wachtwoord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByText("U bent ingelogd.")).toBeVisible();
  await page.goto("/account");
  const name = `hx9001: ${typed[1]}`.slice(0, 50);
  await page.getByLabel("Naam die anderen zien").fill(name);
  await page.getByRole("button", { name: "Gegevens opslaan" }).click();
  await expect(page.getByLabel("Naam die anderen zien")).toHaveValue(name);
  await page.goto("/berichten/waarom-deze-ronde-over-fietstunnels");
  await page.getByLabel("Uw reactie").fill(`hx9002: ${typed.join(" ")}`);
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(page.getByText(`hx9002: ${typed[0]}`, { exact: false })).toBeVisible();
  const shown = await inspect(page, "/berichten/waarom-deze-ronde-over-fietstunnels", "resident");
  problems.push(...shown.problems);
  expect(shown.markers).toEqual(expect.arrayContaining(["hx9001:", "hx9002:"]));
  await resident.close();

  // The project leader writes a post in the Tiptap editor.
  const leaderContext = await contextFor(browser, "leader");
  const editorPage = await leaderContext.newPage();
  await editorPage.goto("/berichten/nieuw");
  await editorPage.getByLabel("Titel").fill(`hx9003: ${typed[0]}`);
  const editor = editorPage.locator('[contenteditable="true"][role="textbox"]');
  await expect(editor).toHaveAccessibleName("Tekst van het bericht");
  await editor.click();
  await editorPage.keyboard.type(`hx9004: ${typed.join(" ")} `);
  await editorPage.keyboard.press("Enter");
  await editorPage.keyboard.type("<script>__xss(6)</script> **vet** [link](vbscript:msgbox(1))");
  await editorPage.getByRole("button", { name: "Publiceren" }).click();
  await expect(editorPage.getByRole("heading", { level: 1 })).toContainText("hx9003:");
  const post = await inspect(editorPage, new URL(editorPage.url()).pathname, "leader");
  problems.push(...post.problems);
  expect(post.markers).toEqual(expect.arrayContaining(["hx9003:", "hx9004:"]));
  await leaderContext.close();

  expect(problems).toEqual([]);
});

/** Every route path in app/routes.ts whose module has an action, with its parameters filled in. */
function actionPaths(): string[] {
  const config = readFileSync("app/routes.ts", "utf8");
  const paths: string[] = [];
  for (const match of config.matchAll(/(?:route\("([^"]*)",\s*|index\()"([^"]+)"/g)) {
    const [, path, file] = match;
    const source = readFileSync(`app/${file}`, "utf8");
    if (!/export (async )?function action\b/.test(source)) continue;
    const filled = (path ?? "")
      .replace(":slug", "enge-fietstunnels")
      .replace(":type", "reaction")
      .replace(":id", "1")
      .replace("*", "bestaat-niet");
    paths.push(`/${filled}`);
  }
  return paths;
}

test("oversized and malformed bodies to every action get a 4xx, never a 5xx", async () => {
  test.setTimeout(240_000);
  const paths = actionPaths();
  expect(paths.length).toBeGreaterThanOrEqual(25);
  const MiB = 1024 * 1024;
  const big = "body=" + "a".repeat(MiB + 100);
  type Init = Omit<RequestInit, "headers"> & { headers?: Record<string, string> };
  const cases: { name: string; init: () => Init; expect4xx: boolean }[] = [
    { name: "JSON", init: () => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: '{"intent":"react","body":"hallo daar"}' }), expect4xx: true },
    { name: "text/plain", init: () => ({ method: "POST", headers: { "Content-Type": "text/plain" }, body: "intent=react&body=hallo" }), expect4xx: true },
    { name: "no content type", init: () => ({ method: "POST", body: new Blob(["intent=react"]) }), expect4xx: true },
    { name: "empty POST", init: () => ({ method: "POST" }), expect4xx: true },
    { name: "XML", init: () => ({ method: "POST", headers: { "Content-Type": "application/xml" }, body: "<a>&xxe;</a>" }), expect4xx: true },
    { name: "multipart without boundary", init: () => ({ method: "POST", headers: { "Content-Type": "multipart/form-data" }, body: "--x\r\n\r\n" }), expect4xx: true },
    {
      name: "broken multipart",
      init: () => ({ method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=grens" }, body: '--grens\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreact\r\n--gre' }),
      expect4xx: true,
    },
    { name: "over 1 MiB with Content-Length", init: () => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: big }), expect4xx: true },
    {
      name: "over 1 MiB chunked",
      init: () => ({
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("a".repeat(64 * 1024)));
            controller.close();
          },
        }),
        duplex: "half",
      }) as Init,
      expect4xx: true,
    },
    // Form data that is odd but readable: any answer but a 5xx.
    { name: "invalid percent-encoding and UTF-8", init: () => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: Buffer.from("%ZZ=%E0%A4&body=%&\xff\xfe=%C0%AF&intent=%", "latin1") }), expect4xx: false },
    { name: "20,000 fields", init: () => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: Array.from({ length: 20_000 }, (_, i) => `f${i}=${i}`).join("&") }), expect4xx: false },
    { name: "one field of 900 kB", init: () => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `body=${"<".repeat(300_000)}` }), expect4xx: false },
    { name: "the same field 5,000 times", init: () => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=react&" + "body=x&".repeat(5000) }), expect4xx: false },
  ];
  const logBefore = server.output().length;
  const failures: string[] = [];
  const seenStatuses = new Map<string, Set<number>>();
  await inBatches(paths, 2, async (path) => {
    const client = new FormClient(base, randomIp());
    for (const { cookie } of [{ cookie: clients.leader.cookieList }]) {
      const header = cookie.map(({ name, value }) => `${name}=${value}`).join("; ");
      for (const c of cases) {
        const init = c.init();
        const headers: Record<string, string> = { ...(init.headers ?? {}), Cookie: header, "X-Forwarded-For": randomIp() };
        const answer = await client.raw(path, { ...init, headers }).catch((error: Error) => ({ status: 0, body: String(error.cause ?? error), location: null }));
        seenStatuses.set(c.name, (seenStatuses.get(c.name) ?? new Set()).add(answer.status));
        const bad = answer.status >= 500 || answer.status === 0 || (c.expect4xx && (answer.status < 400 || answer.status > 499));
        if (bad) failures.push(`${c.name} → POST ${path}: ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }
  });
  console.log(`malformed bodies: ${paths.length} routes × ${cases.length} cases`);
  for (const [name, statuses] of seenStatuses) console.log(`  ${name}: ${[...statuses].sort().join(", ")}`);
  expect(failures).toEqual([]);
  // Nothing failed inside the server either (a refused body is not an error).
  expect(server.output().slice(logBefore)).not.toMatch(/Error|error/);
});

test("the server heard no CSP report from any page, and does hear one when a page breaks the policy", async ({ browser }) => {
  expect(server.output().split("\n").filter((line) => line.startsWith("CSP-rapport:"))).toEqual([]);
  // The reporting path itself works: an inline script without the nonce is refused and reported.
  const context = await contextFor(browser, "visitor");
  const page = await context.newPage();
  await page.goto("/over");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__xss('inline')";
    document.body.append(script);
  });
  await expect.poll(() => server.output().includes("CSP-rapport:"), { timeout: 10_000 }).toBe(true);
  expect(server.output()).toMatch(/CSP-rapport: directive="script-src-elem"/);
  expect(await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits)).toEqual([]);
  await expectAccessible(page);
  await context.close();
});
