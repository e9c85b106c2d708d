/**
 * The authorization matrix (issue 8, part 1).
 *
 * - Every route of app/routes.ts has rows in test/e2e/authorization-matrix.txt:
 *   a GET row, and a POST row when its module exports an action; the table
 *   has no row for a route that is gone.
 * - Each row is tried as a visitor, a resident, another resident, a project
 *   leader, an official and an administrator, on the resident's own content
 *   and on content that is not theirs (held, hidden, in a concept cycle,
 *   someone else's), and every answer is compared with the table.
 * - Extra form fields (status, author, role, cycle, moderation, dates) sent
 *   by a resident on the normal forms change nothing.
 * - A crawl as a visitor (every link from the home page, the open data, the
 *   CSV, the feed, the reports, and each page's loader data) never shows a
 *   held, hidden, concept, draft or personal text.
 *
 * It runs against its own server and database (seeded with the demo), so
 * the POSTs it makes change nothing other tests rely on.
 * `UPDATE_AUTHORIZATION_MATRIX=1` rewrites the table from what the server
 * answers: review every changed cell against docs/SPEC before committing it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import routeConfig from "../../app/routes";
import { freePort, startServer, type ServerProcess } from "../support/server-process";
import {
  Client,
  diffMatrix,
  flattenRoutes,
  formatMatrix,
  outcome,
  parseMatrix,
  rowRoute,
  type Matrix,
  type Reply,
} from "../support/authorization";
import { DEMO_PASSWORD, randomIp } from "./fixtures";

// In order, in one worker (one server for the whole file); a failing test does not stop the next.
test.describe.configure({ mode: "default" });

const TABLE_PATH = path.resolve("test/e2e/authorization-matrix.txt");
const UPDATE = process.env.UPDATE_AUTHORIZATION_MATRIX === "1";

const ACTORS = {
  visitor: null,
  resident: "bewoner@veranderlab.test",
  "other resident": "ingrid@veranderlab.test",
  "project leader": "projectleider@veranderlab.test",
  official: "ambtenaar@veranderlab.test",
  administrator: "beheerder@veranderlab.test",
} as const;
type ActorName = keyof typeof ACTORS;
const COLUMNS = Object.keys(ACTORS) as ActorName[];

/** Unique to this run, so a marker found anywhere came from this run's secret content. */
const RUN = `zq${Date.now().toString(36)}`;
const marker = (what: string) => `${RUN}${what}`;

// ---------------------------------------------------------------------------
// The content the rows are tried on (ids from the demo or made by setup)
// ---------------------------------------------------------------------------

type Fixtures = {
  running: string;
  concept: string;
  closed: string;
  conceptCycleId: number;
  /** The resident's own knelpunt (visible), their held one, and one in the concept cycle. */
  knelpunt: number;
  heldKnelpunt: number;
  conceptKnelpunt: number;
  escalatedKnelpunt: number;
  measure: number;
  heldMeasure: number;
  conceptMeasure: number;
  reaction: number;
  reactionText: string;
  heldReaction: number;
  heldReactionText: string;
  hiddenReaction: number;
  hiddenReactionText: string;
  /** A visible reaction of the resident that the matrix's flag row flags. */
  reactionToFlag: number;
  publishedPost: string;
  draftPost: string;
  conceptPost: string;
  openQuestion: number;
  closedQuestion: number;
  conceptQuestion: number;
  ownTemplate: number;
  otherTemplate: number;
  residentId: string;
  leaderId: string;
  adminId: string;
};

type Probe = {
  /** The row: `METHOD /pattern` plus `[whose content]` where it matters. */
  key: string;
  url: (f: Fixtures) => string;
  body?: (f: Fixtures) => Record<string, string | string[]>;
  /** Ends the session: tried with a fresh sign-in for each actor. */
  freshSession?: boolean;
};

const get = (key: string, url: (f: Fixtures) => string): Probe => ({ key: `GET ${key}`, url });
const post = (key: string, url: (f: Fixtures) => string, body: Probe["body"] = () => ({})): Probe => ({ key: `POST ${key}`, url, body });

const MEASURE_PROPOSAL = {
  title: "Proef: een voorstel van de overheid",
  description: "Alleen om te zien wie dit mag versturen; de fase laat het niet toe.",
};

/**
 * Every row of the table, in its order. Bodies of allowed POSTs are chosen
 * so they are refused after the authorization check (empty or invalid
 * input: 400) or change nothing the other rows depend on.
 */
const PROBES: Probe[] = [
  get("/", () => "/"),
  get("/over", () => "/over"),
  get("/gedragscode", () => "/gedragscode"),
  get("/privacy", () => "/privacy"),
  get("/toegankelijkheid", () => "/toegankelijkheid"),
  get("/kwetsbaarheid-melden", () => "/kwetsbaarheid-melden"),
  get("/.well-known/security.txt", () => "/.well-known/security.txt"),

  get("/rondes", () => "/rondes"),
  get("/rondes/nieuw", () => "/rondes/nieuw"),
  post("/rondes/nieuw [empty form]", () => "/rondes/nieuw"),
  get("/rondes/:slug [running cycle]", (f) => `/rondes/${f.running}`),
  get("/rondes/:slug [concept cycle]", (f) => `/rondes/${f.concept}`),
  get("/rondes/:slug [closed cycle]", (f) => `/rondes/${f.closed}`),
  get("/rondes/:slug/bewerken [running cycle]", (f) => `/rondes/${f.running}/bewerken`),
  get("/rondes/:slug/bewerken [concept cycle]", (f) => `/rondes/${f.concept}/bewerken`),
  post("/rondes/:slug/bewerken [running cycle, empty form]", (f) => `/rondes/${f.running}/bewerken`),
  get("/rondes/:slug/fase [running cycle]", (f) => `/rondes/${f.running}/fase`),
  post("/rondes/:slug/fase [running cycle, empty form]", (f) => `/rondes/${f.running}/fase`),
  get("/rondes/:slug/verslag [closed cycle]", (f) => `/rondes/${f.closed}/verslag`),
  get("/rondes/:slug/verslag [running cycle]", (f) => `/rondes/${f.running}/verslag`),
  get("/rondes/:slug/verslag [concept cycle]", (f) => `/rondes/${f.concept}/verslag`),
  get("/rondes/:slug/verslag.csv [closed cycle]", (f) => `/rondes/${f.closed}/verslag.csv`),
  get("/rondes/:slug/verslag.csv [running cycle]", (f) => `/rondes/${f.running}/verslag.csv`),
  get("/rondes/:slug/open-data.json [running cycle]", (f) => `/rondes/${f.running}/open-data.json`),
  get("/rondes/:slug/open-data.json [concept cycle]", (f) => `/rondes/${f.concept}/open-data.json`),

  get("/rondes/:slug/knelpunten [running cycle]", (f) => `/rondes/${f.running}/knelpunten`),
  get("/rondes/:slug/knelpunten [concept cycle]", (f) => `/rondes/${f.concept}/knelpunten`),
  get("/rondes/:slug/knelpunten/nieuw [running cycle]", (f) => `/rondes/${f.running}/knelpunten/nieuw`),
  get("/rondes/:slug/knelpunten/nieuw [concept cycle]", (f) => `/rondes/${f.concept}/knelpunten/nieuw`),
  get("/rondes/:slug/knelpunten/nieuw [closed cycle]", (f) => `/rondes/${f.closed}/knelpunten/nieuw`),
  post("/rondes/:slug/knelpunten/nieuw [running cycle, empty form]", (f) => `/rondes/${f.running}/knelpunten/nieuw`),
  post("/rondes/:slug/knelpunten/nieuw [concept cycle, empty form]", (f) => `/rondes/${f.concept}/knelpunten/nieuw`),
  post("/rondes/:slug/knelpunten/nieuw [closed cycle, empty form]", (f) => `/rondes/${f.closed}/knelpunten/nieuw`),

  get("/knelpunten/:id [resident's knelpunt]", (f) => `/knelpunten/${f.knelpunt}`),
  get("/knelpunten/:id [resident's held knelpunt]", (f) => `/knelpunten/${f.heldKnelpunt}`),
  get("/knelpunten/:id [knelpunt in concept cycle]", (f) => `/knelpunten/${f.conceptKnelpunt}`),
  post("/knelpunten/:id [resident's knelpunt, react, empty text]", (f) => `/knelpunten/${f.knelpunt}`, () => ({ intent: "react", body: "" })),
  post("/knelpunten/:id [resident's held knelpunt, react, empty text]", (f) => `/knelpunten/${f.heldKnelpunt}`, () => ({ intent: "react", body: "" })),
  post("/knelpunten/:id [knelpunt in concept cycle, react, empty text]", (f) => `/knelpunten/${f.conceptKnelpunt}`, () => ({ intent: "react", body: "" })),
  // Government measures are not open in the running cycle's phase: residents are told so (400), others are refused (403).
  post("/knelpunten/:id [resident's knelpunt, propose government measure]", (f) => `/knelpunten/${f.knelpunt}`, () => ({ intent: "propose", kind: "overheid", ...MEASURE_PROPOSAL })),
  post("/knelpunten/:id [resident's held knelpunt, propose government measure]", (f) => `/knelpunten/${f.heldKnelpunt}`, () => ({ intent: "propose", kind: "overheid", ...MEASURE_PROPOSAL })),
  post("/knelpunten/:id [knelpunt in concept cycle, propose government measure]", (f) => `/knelpunten/${f.conceptKnelpunt}`, () => ({ intent: "propose", kind: "overheid", ...MEASURE_PROPOSAL })),
  // Not solvable yet (no self-help measure carried out): the project leader is told so (400).
  post("/knelpunten/:id [resident's knelpunt, resolve]", (f) => `/knelpunten/${f.knelpunt}`, () => ({ intent: "resolve", explanation: "Proef: opgelost volgens de bewoners zelf." })),
  post("/knelpunten/:id [knelpunt in concept cycle, resolve]", (f) => `/knelpunten/${f.conceptKnelpunt}`, () => ({ intent: "resolve", explanation: "Proef: opgelost volgens de bewoners zelf." })),
  post("/knelpunten/:id [resident's knelpunt, unknown intent]", (f) => `/knelpunten/${f.knelpunt}`),

  get("/knelpunten/:id/escaleren [resident's knelpunt]", (f) => `/knelpunten/${f.knelpunt}/escaleren`),
  get("/knelpunten/:id/escaleren [knelpunt in concept cycle]", (f) => `/knelpunten/${f.conceptKnelpunt}/escaleren`),
  post("/knelpunten/:id/escaleren [resident's knelpunt, empty form]", (f) => `/knelpunten/${f.knelpunt}/escaleren`),

  get("/maatregelen/:id [resident's measure]", (f) => `/maatregelen/${f.measure}`),
  get("/maatregelen/:id [resident's held measure]", (f) => `/maatregelen/${f.heldMeasure}`),
  get("/maatregelen/:id [measure in concept cycle]", (f) => `/maatregelen/${f.conceptMeasure}`),
  // Supporting twice changes nothing: the resident's own support is a redirect back each time.
  post("/maatregelen/:id [resident's measure, support]", (f) => `/maatregelen/${f.measure}`, () => ({ intent: "support" })),
  post("/maatregelen/:id [resident's held measure, support]", (f) => `/maatregelen/${f.heldMeasure}`, () => ({ intent: "support" })),
  post("/maatregelen/:id [measure in concept cycle, support]", (f) => `/maatregelen/${f.conceptMeasure}`, () => ({ intent: "support" })),
  // Below the cycle's thresholds: the project leader is told so (400).
  post("/maatregelen/:id [resident's measure, adopt]", (f) => `/maatregelen/${f.measure}`, () => ({ intent: "adopt" })),
  // Not adopted, so "carried out" is not a step from here: the author and the project leader are told so (400).
  post("/maatregelen/:id [resident's measure, progress]", (f) => `/maatregelen/${f.measure}`, () => ({ intent: "progress", to: "uitgevoerd" })),
  post("/maatregelen/:id [resident's held measure, progress]", (f) => `/maatregelen/${f.heldMeasure}`, () => ({ intent: "progress", to: "uitgevoerd" })),
  post("/maatregelen/:id [resident's measure, unknown intent]", (f) => `/maatregelen/${f.measure}`),

  get("/knelpunten/:id/veiligheid [resident's knelpunt]", (f) => `/knelpunten/${f.knelpunt}/veiligheid`),
  get("/knelpunten/:id/veiligheid [resident's held knelpunt]", (f) => `/knelpunten/${f.heldKnelpunt}/veiligheid`),
  get("/knelpunten/:id/veiligheid [knelpunt in concept cycle]", (f) => `/knelpunten/${f.conceptKnelpunt}/veiligheid`),
  post("/knelpunten/:id/veiligheid [resident's knelpunt, no score]", (f) => `/knelpunten/${f.knelpunt}/veiligheid`),
  post("/knelpunten/:id/veiligheid [resident's held knelpunt, no score]", (f) => `/knelpunten/${f.heldKnelpunt}/veiligheid`),
  post("/knelpunten/:id/veiligheid [knelpunt in concept cycle, no score]", (f) => `/knelpunten/${f.conceptKnelpunt}/veiligheid`),

  get("/knelpunten/:id/volgen [resident's knelpunt]", (f) => `/knelpunten/${f.knelpunt}/volgen`),
  post("/knelpunten/:id/volgen [resident's knelpunt, empty form]", (f) => `/knelpunten/${f.knelpunt}/volgen`),
  post("/knelpunten/:id/volgen [resident's held knelpunt, empty form]", (f) => `/knelpunten/${f.heldKnelpunt}/volgen`),
  post("/knelpunten/:id/volgen [knelpunt in concept cycle, empty form]", (f) => `/knelpunten/${f.conceptKnelpunt}/volgen`),

  get("/afmelden [no token]", () => "/afmelden"),
  post("/afmelden [no token]", () => "/afmelden"),

  get("/beoordelen", () => "/beoordelen"),
  get("/beoordelen/sjablonen", () => "/beoordelen/sjablonen"),
  get("/beoordelen/sjablonen [official's own template]", (f) => `/beoordelen/sjablonen?bewerken=${f.ownTemplate}`),
  get("/beoordelen/sjablonen [another official's template]", (f) => `/beoordelen/sjablonen?bewerken=${f.otherTemplate}`),
  post("/beoordelen/sjablonen [empty form]", () => "/beoordelen/sjablonen"),
  post("/beoordelen/sjablonen [another official's template, update]", (f) => "/beoordelen/sjablonen", (f) => ({
    intent: "update",
    id: String(f.otherTemplate),
    title: "Overgenomen sjabloon",
    body: "Deze tekst hoort niet bij dit sjabloon te komen.",
  })),
  post("/beoordelen/sjablonen [another official's template, delete]", () => "/beoordelen/sjablonen", (f) => ({ intent: "delete", id: String(f.otherTemplate) })),
  get("/beoordelen/:id [escalated knelpunt]", (f) => `/beoordelen/${f.escalatedKnelpunt}`),
  get("/beoordelen/:id [resident's knelpunt, not escalated]", (f) => `/beoordelen/${f.knelpunt}`),
  get("/beoordelen/:id [resident's held knelpunt]", (f) => `/beoordelen/${f.heldKnelpunt}`),
  get("/beoordelen/:id [knelpunt in concept cycle]", (f) => `/beoordelen/${f.conceptKnelpunt}`),
  post("/beoordelen/:id [escalated knelpunt, empty form]", (f) => `/beoordelen/${f.escalatedKnelpunt}`),
  get("/antwoorden", () => "/antwoorden"),

  get("/berichten", () => "/berichten"),
  get("/berichten/nieuw", () => "/berichten/nieuw"),
  post("/berichten/nieuw [empty form]", () => "/berichten/nieuw"),
  get("/berichten/:slug [published post]", (f) => `/berichten/${f.publishedPost}`),
  get("/berichten/:slug [draft post]", (f) => `/berichten/${f.draftPost}`),
  get("/berichten/:slug [post in concept cycle]", (f) => `/berichten/${f.conceptPost}`),
  post("/berichten/:slug [published post, react, empty text]", (f) => `/berichten/${f.publishedPost}`, () => ({ intent: "react", body: "" })),
  post("/berichten/:slug [draft post, react]", (f) => `/berichten/${f.draftPost}`, () => ({ intent: "react", body: "Een reactie op een concept." })),
  post("/berichten/:slug [post in concept cycle, react]", (f) => `/berichten/${f.conceptPost}`, () => ({ intent: "react", body: "Een reactie in een conceptronde." })),
  get("/berichten/:slug/bewerken [published post]", (f) => `/berichten/${f.publishedPost}/bewerken`),
  get("/berichten/:slug/bewerken [draft post]", (f) => `/berichten/${f.draftPost}/bewerken`),
  post("/berichten/:slug/bewerken [draft post, empty form]", (f) => `/berichten/${f.draftPost}/bewerken`),

  get("/reacties/:id [resident's reaction]", (f) => `/reacties/${f.reaction}`),
  get("/reacties/:id [resident's held reaction]", (f) => `/reacties/${f.heldReaction}`),
  get("/reacties/:id [resident's hidden reaction]", (f) => `/reacties/${f.hiddenReaction}`),
  // The same text again: for the author a save that changes nothing.
  post("/reacties/:id [resident's reaction, edit]", (f) => `/reacties/${f.reaction}`, (f) => ({ intent: "edit", body: f.reactionText })),
  post("/reacties/:id [resident's held reaction, edit]", (f) => `/reacties/${f.heldReaction}`, (f) => ({ intent: "edit", body: f.heldReactionText, postAnyway: "1" })),
  post("/reacties/:id [resident's hidden reaction, edit]", (f) => `/reacties/${f.hiddenReaction}`, (f) => ({ intent: "edit", body: f.hiddenReactionText })),
  get("/feed.xml", () => "/feed.xml"),

  get("/vragen/nieuw", () => "/vragen/nieuw"),
  post("/vragen/nieuw [empty form]", () => "/vragen/nieuw"),
  get("/vragen/:id [open question]", (f) => `/vragen/${f.openQuestion}`),
  get("/vragen/:id [closed question]", (f) => `/vragen/${f.closedQuestion}`),
  get("/vragen/:id [question in concept cycle]", (f) => `/vragen/${f.conceptQuestion}`),
  post("/vragen/:id [open question, answer, empty text]", (f) => `/vragen/${f.openQuestion}`, () => ({ intent: "answer", text: "" })),
  post("/vragen/:id [question in concept cycle, answer, empty text]", (f) => `/vragen/${f.conceptQuestion}`, () => ({ intent: "answer", text: "" })),
  // Closing a closed question changes nothing: a redirect for whoever may close it.
  post("/vragen/:id [closed question, close]", (f) => `/vragen/${f.closedQuestion}`, () => ({ intent: "close" })),
  get("/vragen/:id/antwoorden.csv [open question]", (f) => `/vragen/${f.openQuestion}/antwoorden.csv`),
  get("/vragen/:id/antwoorden.csv [question in concept cycle]", (f) => `/vragen/${f.conceptQuestion}/antwoorden.csv`),

  get("/registreren", () => "/registreren"),
  post("/registreren [empty form]", () => "/registreren"),
  get("/verifieren", () => "/verifieren"),
  post("/verifieren [empty form]", () => "/verifieren"),
  get("/inloggen", () => "/inloggen"),
  post("/inloggen [empty form]", () => "/inloggen"),
  get("/uitloggen", () => "/uitloggen"),
  { ...post("/uitloggen", () => "/uitloggen"), freshSession: true },
  get("/wachtwoord-vergeten", () => "/wachtwoord-vergeten"),
  post("/wachtwoord-vergeten [empty form]", () => "/wachtwoord-vergeten"),
  get("/wachtwoord-herstellen", () => "/wachtwoord-herstellen"),
  post("/wachtwoord-herstellen [empty form]", () => "/wachtwoord-herstellen"),
  get("/account", () => "/account"),
  post("/account [empty form]", () => "/account"),
  get("/taal", () => "/taal"),
  post("/taal [no language]", () => "/taal"),
  get("/account/gegevens.json", () => "/account/gegevens.json"),
  get("/account/verwijderen", () => "/account/verwijderen"),
  post("/account/verwijderen [empty form]", () => "/account/verwijderen"),

  get("/melden/:type/:id [resident's reaction]", (f) => `/melden/reaction/${f.reaction}`),
  get("/melden/:type/:id [resident's held reaction]", (f) => `/melden/reaction/${f.heldReaction}`),
  get("/melden/:type/:id [knelpunt in concept cycle]", (f) => `/melden/knelpunt/${f.conceptKnelpunt}`),
  post("/melden/:type/:id [resident's reaction, flag]", (f) => `/melden/reaction/${f.reactionToFlag}`, () => ({ reason: "spam" })),
  post("/melden/:type/:id [resident's held reaction, flag]", (f) => `/melden/reaction/${f.heldReaction}`, () => ({ reason: "spam" })),
  post("/melden/:type/:id [knelpunt in concept cycle, flag]", (f) => `/melden/knelpunt/${f.conceptKnelpunt}`, () => ({ reason: "spam" })),
  get("/moderatie", () => "/moderatie"),
  post("/moderatie [empty form]", () => "/moderatie"),
  get("/moderatie/deelnemers/:id [resident's account]", (f) => `/moderatie/deelnemers/${f.residentId}`),
  get("/moderatie/deelnemers/:id [project leader's account]", (f) => `/moderatie/deelnemers/${f.leaderId}`),
  post("/moderatie/deelnemers/:id [resident's account, block without reason]", (f) => `/moderatie/deelnemers/${f.residentId}`, () => ({ intent: "block", reason: "" })),
  post("/moderatie/deelnemers/:id [administrator's account, block]", (f) => `/moderatie/deelnemers/${f.adminId}`, () => ({ intent: "block", reason: "Proef: mag een beheerder geblokkeerd worden?" })),
  get("/beheer/logboek", () => "/beheer/logboek"),
  get("/beheer/accounts", () => "/beheer/accounts"),
  post("/beheer/accounts [empty form]", () => "/beheer/accounts"),
  post("/beheer/accounts [administrator's account, to resident]", () => "/beheer/accounts", (f) => ({ userId: f.adminId, role: "bewoner" })),
  get("/mail", () => "/mail"),

  get("/* [unknown address]", () => "/bestaat-niet/echt-niet"),
  post("/* [unknown address]", () => "/bestaat-niet/echt-niet"),
];

// ---------------------------------------------------------------------------
// Server, database and sessions
// ---------------------------------------------------------------------------

let server: ServerProcess;
let db: Database.Database;
let dbDir: string;
let fixtures: Fixtures;
const sessions = new Map<ActorName, Client>();
/** Texts that must never reach a visitor (name → text). */
const secrets = new Map<string, string>();

function client(): Client {
  return new Client(server.url, randomIp());
}

async function signIn(email: string): Promise<Client> {
  const c = client();
  const reply = await c.post("/inloggen", { email, password: DEMO_PASSWORD });
  if (reply.status !== 302 || !c.sessionToken) throw new Error(`sign-in as ${email} failed: ${reply.status} ${reply.body.slice(0, 200)}`);
  return c;
}

function one<T>(sql: string, ...params: unknown[]): T {
  const row = db.prepare(sql).get(...params) as T | undefined;
  if (row === undefined) throw new Error(`no row for: ${sql} ${JSON.stringify(params)}`);
  return row;
}

function idFromLocation(reply: Reply, pattern: RegExp): number {
  const match = pattern.exec(reply.location ?? "");
  if (!match) throw new Error(`expected a redirect matching ${pattern}, got ${reply.status} ${reply.location} ${reply.body.slice(0, 300)}`);
  return Number(match[1]);
}

function expectRedirect(reply: Reply, what: string) {
  if (reply.status < 300 || reply.status >= 400) throw new Error(`${what}: expected a redirect, got ${reply.status}: ${reply.body.slice(0, 300)}`);
}

/** The resident reports a knelpunt in the running cycle through the form. */
async function report(resident: Client, fields: Record<string, string>): Promise<number> {
  const reply = await resident.post(`/rondes/${fixtures.running}/knelpunten/nieuw`, {
    wijk: "Oosterparkwijk",
    locationText: "Bij de fietstunnel",
    ...fields,
  });
  return idFromLocation(reply, /^\/knelpunten\/(\d+)/);
}

async function react(as: Client, knelpunt: number, body: string, extra: Record<string, string> = {}): Promise<number> {
  const reply = await as.post(`/knelpunten/${knelpunt}`, { intent: "react", body, ...extra });
  expectRedirect(reply, `reaction "${body}"`);
  return one<{ id: number }>("SELECT id FROM reactions WHERE body = ? ORDER BY id DESC", body).id;
}

async function setUp() {
  const f = {} as Fixtures;
  fixtures = f;
  f.running = "enge-fietstunnels";
  f.concept = "pleinen-in-de-avond";
  f.closed = "donkere-steegjes-binnenstad";
  const cycle = (slug: string) => one<{ id: number; phase: string }>("SELECT id, phase FROM cycles WHERE slug = ?", slug);
  expect(cycle(f.running).phase).toBe("zelf_doen");
  expect(cycle(f.concept).phase).toBe("concept");
  expect(cycle(f.closed).phase).toBe("afgerond");
  f.conceptCycleId = cycle(f.concept).id;
  const userId = (email: string) => one<{ id: string }>("SELECT id FROM users WHERE email = ?", email).id;
  f.residentId = userId(ACTORS.resident);
  f.leaderId = userId(ACTORS["project leader"]);
  f.adminId = userId(ACTORS.administrator);

  for (const name of COLUMNS) {
    const email = ACTORS[name];
    sessions.set(name, email ? await signIn(email) : client());
  }
  const resident = sessions.get("resident")!;
  const other = sessions.get("other resident")!;
  const leader = sessions.get("project leader")!;
  const official = sessions.get("official")!;
  const admin = sessions.get("administrator")!;

  // The resident's own content: a knelpunt, a measure, reactions (one stays visible, one is held, one is hidden).
  f.knelpunt = await report(resident, {
    title: "Donkere hoek bij de fietstunnel",
    description: "Het licht in de tunnel is al weken kapot en 's avonds is het er pikdonker.",
  });
  const heldKnelpuntTitle = marker("heldknelpunt");
  f.heldKnelpunt = await report(resident, {
    title: heldKnelpuntTitle,
    description: "Er hangen steeds Turkse jongens rond bij de ingang van de tunnel.",
    postAnyway: "1",
  });
  secrets.set("held knelpunt", heldKnelpuntTitle);

  const proposed = await resident.post(`/knelpunten/${f.knelpunt}`, {
    intent: "propose",
    kind: "zelf",
    title: "Samen fietsen na donker",
    description: "Buren spreken af om 's avonds samen door de tunnel te fietsen.",
  });
  f.measure = idFromLocation(proposed, /#maatregel-(\d+)/);
  const heldMeasureTitle = marker("heldmeasure");
  const heldProposal = await resident.post(`/knelpunten/${f.knelpunt}`, {
    intent: "propose",
    kind: "zelf",
    title: heldMeasureTitle,
    description: "De Marokkaanse jongens aanspreken als ze er weer staan.",
    postAnyway: "1",
  });
  f.heldMeasure = idFromLocation(heldProposal, /#maatregel-(\d+)/);
  secrets.set("held measure", heldMeasureTitle);

  f.reactionText = "Helemaal mee eens, ik fiets er ook liever om.";
  f.reaction = await react(resident, f.knelpunt, f.reactionText);
  f.reactionToFlag = await react(resident, f.knelpunt, "Gisteren was het er weer erg donker.");
  f.heldReactionText = `${marker("heldreaction")} de Turkse jongens staan er elke avond`;
  f.heldReaction = await react(resident, f.knelpunt, f.heldReactionText, { postAnyway: "1" });
  secrets.set("held reaction", marker("heldreaction"));
  f.hiddenReactionText = `${marker("hiddenreaction")} iets wat de moderator verbergt`;
  f.hiddenReaction = await react(resident, f.knelpunt, f.hiddenReactionText);
  const flaggedText = `${marker("flaggedreaction")} een reactie die drie keer gemeld wordt`;
  const flagged = await react(resident, f.knelpunt, flaggedText);
  // A visitor reads the page while both are still visible (so any cache holds them), before they are hidden.
  const early = client();
  for (const url of [`/knelpunten/${f.knelpunt}`, dataUrl(`/knelpunten/${f.knelpunt}`)]) {
    const reply = await early.get(url);
    expect(reply.body, `${url} before hiding`).toContain(marker("hiddenreaction"));
  }
  await early.get(`/rondes/${f.running}/open-data.json`);
  expectRedirect(
    await leader.post("/moderatie", { decision: "hide", type: "reaction", id: String(f.hiddenReaction), reason: "Proef: verborgen door de test." }),
    "hiding a reaction",
  );
  secrets.set("hidden reaction", marker("hiddenreaction"));
  // Three flags from different people hide a reaction until a project leader decides.
  for (const flagger of [other, official, admin]) {
    expectRedirect(await flagger.post(`/melden/reaction/${flagged}`, { reason: "abuse" }), "flagging");
  }
  expect(one<{ moderation: string }>("SELECT moderation FROM reactions WHERE id = ?", flagged).moderation).toBe("flagged");
  secrets.set("flagged reaction", marker("flaggedreaction"));
  // A flag's note is for project leaders only.
  expectRedirect(await other.post(`/melden/knelpunt/${f.knelpunt}`, { reason: "other", note: marker("flagnote") }), "flag with a note");
  secrets.set("flag note", marker("flagnote"));

  // The resident's wijk is personal (only the display name is public).
  expectRedirect(await resident.post("/account", { intent: "profile", displayName: "Sanne Bakker", wijk: marker("wijk") }), "profile");
  secrets.set("resident's wijk", marker("wijk"));

  // An answer to an open question: results are public only once it is closed.
  f.openQuestion = one<{ id: number }>(
    "SELECT q.id FROM questions q JOIN cycles c ON c.id = q.cycle_id WHERE c.slug = ? AND q.kind = 'open' AND q.status = 'open'",
    f.running,
  ).id;
  f.closedQuestion = one<{ id: number }>("SELECT id FROM questions WHERE status = 'closed' ORDER BY id").id;
  expectRedirect(await resident.post(`/vragen/${f.openQuestion}`, { intent: "answer", text: `${marker("openanswer")} mijn antwoord` }), "answer");
  secrets.set("answer to an open question", marker("openanswer"));

  // The project leader's unpublished work: a draft, and a post and a question in the concept cycle.
  const draftTitle = marker("draftpost");
  f.draftPost = `${RUN}-concept`;
  expectRedirect(
    await leader.post("/berichten/nieuw", { title: draftTitle, slug: f.draftPost, cycleId: "", body: `${marker("draftbody")} nog niet af`, intent: "draft" }),
    "draft post",
  );
  secrets.set("draft post", draftTitle).set("draft post body", marker("draftbody"));
  f.conceptPost = `${RUN}-in-conceptronde`;
  expectRedirect(
    await leader.post("/berichten/nieuw", {
      title: marker("conceptpost"),
      slug: f.conceptPost,
      cycleId: String(f.conceptCycleId),
      body: `${marker("conceptpostbody")} over de pleinen`,
      intent: "publish",
    }),
    "post in the concept cycle",
  );
  secrets.set("post in concept cycle", marker("conceptpost")).set("post body in concept cycle", marker("conceptpostbody"));
  const asked = await leader.post("/vragen/nieuw", { cycleId: String(f.conceptCycleId), prompt: `${marker("conceptquestion")} wat vindt u van de pleinen?`, kind: "open" });
  f.conceptQuestion = idFromLocation(asked, /^\/vragen\/(\d+)/);
  secrets.set("question in concept cycle", marker("conceptquestion"));
  f.publishedPost = one<{ slug: string }>("SELECT slug FROM posts WHERE status = 'published' AND cycle_id = ? ORDER BY id", cycle(f.running).id).slug;

  // A knelpunt and a measure in the concept cycle (residents cannot report there, so straight into the database).
  const now = Date.now();
  f.conceptKnelpunt = Number(
    db
      .prepare(
        `INSERT INTO knelpunten (cycle_id, title, description, wijk, location_text, reporter_id, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      )
      .run(f.conceptCycleId, marker("conceptknelpunt"), `${marker("conceptknelpuntbody")} op het plein`, "Oosterpoort", marker("conceptplace"), userId(ACTORS["other resident"]), now, now)
      .lastInsertRowid,
  );
  f.conceptMeasure = Number(
    db
      .prepare(
        `INSERT INTO measures (knelpunt_id, cycle_id, kind, title, description, author_id, status, created_at, updated_at)
         VALUES (?, ?, 'zelf', ?, ?, ?, 'voorgesteld', ?, ?)`,
      )
      .run(f.conceptKnelpunt, f.conceptCycleId, marker("conceptmeasure"), "Samen opruimen op het plein.", userId(ACTORS["other resident"]), now, now)
      .lastInsertRowid,
  );
  secrets.set("knelpunt in concept cycle", marker("conceptknelpunt")).set("its place", marker("conceptplace")).set("measure in concept cycle", marker("conceptmeasure"));

  // The officials' own answer templates (never public).
  expectRedirect(await official.post("/beoordelen/sjablonen", { intent: "create", title: "Mijn sjabloon", body: `${marker("template")} wij kijken ernaar` }), "template");
  const police = await signIn("politie@veranderlab.test");
  expectRedirect(await police.post("/beoordelen/sjablonen", { intent: "create", title: "Sjabloon van de politie", body: `${marker("policetemplate")} wij komen langs` }), "police template");
  f.ownTemplate = one<{ id: number }>("SELECT id FROM answer_templates WHERE body LIKE ?", `${marker("template")}%`).id;
  f.otherTemplate = one<{ id: number }>("SELECT id FROM answer_templates WHERE body LIKE ?", `${marker("policetemplate")}%`).id;
  secrets.set("official's template", marker("template")).set("police template", marker("policetemplate"));

  f.escalatedKnelpunt = one<{ id: number }>("SELECT id FROM knelpunten WHERE status = 'geescaleerd' ORDER BY id").id;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dbDir = path.resolve(`.tmp/authorization-${process.pid}-${Date.now().toString(36)}`);
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const databasePath = path.join(dbDir, "veranderlab.db");
  server = await startServer({ port: await freePort(), databasePath, seedDemo: true });
  db = new Database(databasePath);
  db.pragma("busy_timeout = 5000");
  await setUp();
});

test.afterAll(async () => {
  db?.close();
  await server?.kill();
  rmSync(dbDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// 1. Every route has rows, every row a route
// ---------------------------------------------------------------------------

test("every route and every action of the route config has a row in the table, and every row a route", () => {
  const routes = flattenRoutes(routeConfig);
  expect(routes.length).toBeGreaterThan(40);
  const table = UPDATE ? null : parseMatrix(readFileSync(TABLE_PATH, "utf8"));
  const keys = table ? [...table.rows.keys()] : PROBES.map((probe) => probe.key);
  const problems: string[] = [];
  const covered = new Set(keys.map((key) => `${rowRoute(key).method} ${rowRoute(key).pattern}`));
  const probed = new Set(PROBES.map((probe) => `${rowRoute(probe.key).method} ${rowRoute(probe.key).pattern}`));
  for (const route of routes) {
    for (const method of route.hasAction ? ["GET", "POST"] : ["GET"]) {
      const id = `${method} ${route.pattern}`;
      if (!covered.has(id)) problems.push(`${id} (${route.file}) has no row in test/e2e/authorization-matrix.txt`);
      if (!probed.has(id)) problems.push(`${id} (${route.file}) is not tried: add it to PROBES in test/e2e/authorization.spec.ts`);
    }
  }
  const known = new Map(routes.map((route) => [route.pattern, route]));
  for (const key of new Set([...keys, ...PROBES.map((probe) => probe.key)])) {
    const { method, pattern } = rowRoute(key);
    const route = known.get(pattern);
    if (!route) problems.push(`"${key}": no route ${pattern} in app/routes.ts any more`);
    else if (method === "POST" && !route.hasAction) problems.push(`"${key}": ${route.file} has no action any more`);
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

// ---------------------------------------------------------------------------
// 2. The matrix
// ---------------------------------------------------------------------------

const HEADER = `# Authorization matrix: what each role gets on each route (test/e2e/authorization.spec.ts).
#
# One row per route and method, and per kind of content where the answer depends on it
# ("resident's …" is content of bewoner@, so the resident column is the owner and the
# other-resident column is someone else). Columns: visitor (not signed in), resident
# (bewoner@), other resident (ingrid@), project leader, official (ambtenaar@), administrator.
#
# Cells: 200 = shown; login = sent to /inloggen; redirect = sent elsewhere (for a POST: done);
# 400 = allowed, but the input (or the state of the thing) refused; 403 = forbidden;
# 404 = not there for this person; 405 = no such method.
#
# Every cell is reviewed against the roles in the SPEC. UPDATE_AUTHORIZATION_MATRIX=1 rewrites
# this file from what the server answers: review each changed cell before committing it.
#
# Notes: GET /mail is the mail preview, open because the test server has no SMTP and is not
# production (it is 404 in production). Where a role check comes before the lookup, someone
# without the role gets 403 even for content they may not see (e.g. resolve on a knelpunt in a
# concept cycle): that says an id exists, never what it holds.`;

test("every role gets what the checked-in table says on every route", async () => {
  // About 900 requests: some 10 s on an idle machine, more on a busy CI runner.
  test.setTimeout(180_000);
  const observed: Matrix = { columns: [...COLUMNS], rows: new Map() };
  for (const probe of PROBES) {
    // The six actors at once: no row's bodies make one actor's answer depend on another's.
    const replies = await Promise.all(
      COLUMNS.map(async (name) => {
        const email = ACTORS[name];
        const as = probe.freshSession && email ? await signIn(email) : sessions.get(name)!;
        const url = probe.url(fixtures);
        return probe.body ? as.post(url, probe.body(fixtures)) : as.get(url);
      }),
    );
    replies.forEach((reply, i) => {
      expect(reply.status, `${probe.key} as ${COLUMNS[i]}: a server error\n${reply.body.slice(0, 500)}`).toBeLessThan(500);
    });
    observed.rows.set(probe.key, replies.map(outcome));
  }
  if (UPDATE) {
    writeFileSync(TABLE_PATH, formatMatrix(HEADER, observed));
    return;
  }
  const expected = parseMatrix(readFileSync(TABLE_PATH, "utf8"));
  const differences = diffMatrix(expected, observed);
  expect(differences, `The server's answers differ from test/e2e/authorization-matrix.txt:\n${differences.join("\n")}`).toEqual([]);
});

test("routes without an action answer a POST with 405, for a visitor and a resident alike", async () => {
  const routes = flattenRoutes(routeConfig).filter((route) => !route.hasAction);
  const problems: string[] = [];
  for (const route of routes) {
    // The first probe of the route gives a URL with its parameters filled in.
    const probe = PROBES.find((p) => rowRoute(p.key).pattern === route.pattern);
    if (!probe) continue; // reported by the coverage test
    for (const name of ["visitor", "resident"] as const) {
      const reply = await sessions.get(name)!.post(probe.url(fixtures), {});
      if (reply.status !== 405) problems.push(`POST ${probe.url(fixtures)} as ${name}: ${reply.status}`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

// ---------------------------------------------------------------------------
// 3. Extra form fields change nothing
// ---------------------------------------------------------------------------

test("extra form fields sent by a resident on the normal forms change nothing", async () => {
  const f = fixtures;
  const resident = sessions.get("resident")!;
  const otherId = one<{ id: string }>("SELECT id FROM users WHERE email = ?", ACTORS["other resident"]).id;
  const closedCycleId = one<{ id: number }>("SELECT id FROM cycles WHERE slug = ?", f.closed).id;
  const past = "946684800000"; // 2000-01-01
  const forged = {
    status: "opgelost",
    reporterId: otherId,
    authorId: otherId,
    userId: otherId,
    author_id: otherId,
    reporter_id: otherId,
    moderation: "visible",
    moderationReason: "vrijgegeven",
    cycleId: String(closedCycleId),
    cycle_id: String(closedCycleId),
    supportCount: "999",
    volunteerCount: "99",
    createdAt: past,
    created_at: past,
    escalatedAt: past,
    resolvedAt: past,
    role: "beheerder",
    id: "1",
  };

  // A new knelpunt.
  const knelpunt = await report(resident, {
    ...forged,
    title: "Fietsenstalling zonder licht",
    description: "Bij de stalling naast de tunnel is het 's avonds helemaal donker.",
  });
  const k = one<Record<string, unknown>>("SELECT * FROM knelpunten WHERE id = ?", knelpunt);
  expect(k).toMatchObject({ status: "open", reporter_id: f.residentId, moderation: "visible", cycle_id: one<{ id: number }>("SELECT id FROM cycles WHERE slug = ?", f.running).id, support_count: 0, escalated_at: null, resolved_at: null });
  expect(Number(k.created_at)).toBeGreaterThan(Date.now() - 600_000);

  // A held knelpunt stays held whatever the form says about moderation.
  const held = await report(resident, {
    ...forged,
    moderation: "visible",
    title: "Weer die groep bij de tunnel",
    description: "Er hangen steeds Turkse jongens rond bij de ingang van de tunnel.",
    postAnyway: "1",
  });
  expect(one<{ moderation: string }>("SELECT moderation FROM knelpunten WHERE id = ?", held).moderation).toBe("held");

  // A new measure.
  const proposed = await resident.post(`/knelpunten/${knelpunt}`, {
    ...forged,
    status: "aangenomen",
    knelpuntId: String(f.knelpunt),
    intent: "propose",
    kind: "zelf",
    title: "Lampjes ophangen bij de stalling",
    description: "We hangen met de buurt lampjes op die op zonne-energie werken.",
  });
  const measureId = idFromLocation(proposed, /#maatregel-(\d+)/);
  const m = one<Record<string, unknown>>("SELECT * FROM measures WHERE id = ?", measureId);
  expect(m).toMatchObject({ knelpunt_id: knelpunt, status: "voorgesteld", author_id: f.residentId, support_count: 0, volunteer_count: 0, moderation: "visible", adopted_at: null, completed_at: null });
  expect(Number(m.created_at)).toBeGreaterThan(Date.now() - 600_000);

  // A reaction, and an edit of it.
  const body = "Goed idee, ik doe mee met de lampjes.";
  const reply = await resident.post(`/knelpunten/${knelpunt}`, { ...forged, targetType: "post", targetId: "1", intent: "react", body });
  expectRedirect(reply, "reaction with extra fields");
  const reaction = one<Record<string, unknown>>("SELECT * FROM reactions WHERE body = ?", body);
  expect(reaction).toMatchObject({ target_type: "knelpunt", target_id: knelpunt, author_id: f.residentId, moderation: "visible" });
  expect(Number(reaction.created_at)).toBeGreaterThan(Date.now() - 600_000);

  // Editing someone else's reaction id in the form does not move the edit there.
  expectRedirect(
    await resident.post(`/reacties/${reaction.id}`, { ...forged, id: String(f.heldReaction), targetId: String(f.knelpunt), intent: "edit", body: "Goed idee, ik doe graag mee met de lampjes." }),
    "edit with extra fields",
  );
  expect(one<Record<string, unknown>>("SELECT * FROM reactions WHERE id = ?", reaction.id)).toMatchObject({
    body: "Goed idee, ik doe graag mee met de lampjes.",
    target_type: "knelpunt",
    target_id: knelpunt,
    author_id: f.residentId,
    moderation: "visible",
    created_at: reaction.created_at,
  });
  expect(one<{ body: string }>("SELECT body FROM reactions WHERE id = ?", f.heldReaction).body).toBe(f.heldReactionText);
  // A held reaction edited with "visible" in the form stays held.
  expectRedirect(await resident.post(`/reacties/${f.heldReaction}`, { ...forged, intent: "edit", body: f.heldReactionText, postAnyway: "1" }), "edit of a held reaction");
  expect(one<{ moderation: string }>("SELECT moderation FROM reactions WHERE id = ?", f.heldReaction).moderation).toBe("held");

  // An answer to a question is the resident's own.
  const answerText = "Ik zou graag met de buren de tunnel schilderen.";
  const othersAnswer = () => db.prepare("SELECT * FROM answers WHERE question_id = ? AND user_id = ?").get(f.openQuestion, otherId);
  const othersBefore = othersAnswer();
  expectRedirect(await resident.post(`/vragen/${f.openQuestion}`, { ...forged, intent: "answer", text: answerText }), "answer with extra fields");
  const answer = one<Record<string, unknown>>("SELECT * FROM answers WHERE text = ?", answerText);
  expect(answer).toMatchObject({ question_id: f.openQuestion, user_id: f.residentId, moderation: "visible" });
  expect(othersAnswer()).toEqual(othersBefore);

  // The profile: only the name and the wijk change.
  const before = one<Record<string, unknown>>("SELECT * FROM users WHERE id = ?", f.residentId);
  expectRedirect(
    await resident.post("/account", {
      ...forged,
      intent: "profile",
      displayName: "Sanne Bakker",
      wijk: String(before.wijk),
      email: "overgenomen@voorbeeld.test",
      organisation: "Gemeente",
      emailVerifiedAt: past,
      blockedAt: past,
      deletedAt: past,
      locale: "en",
      codeOfConductVersion: "0",
      passwordHash: "x",
    }),
    "profile with extra fields",
  );
  const after = one<Record<string, unknown>>("SELECT * FROM users WHERE id = ?", f.residentId);
  expect(after).toEqual({ ...before, updated_at: after.updated_at });
  expect(after.role).toBe("bewoner");
  expect((await resident.get("/beheer/accounts")).status).toBe(403);
  expect((await resident.get("/account")).status).toBe(200);

  // Sign-up: a new account is an unverified resident, whatever else the form says.
  const email = `extra-${RUN}@voorbeeld.test`;
  const signup = await client().post("/registreren", {
    ...forged,
    email,
    password: "een-lange-wandeling-langs-het-water",
    displayName: "Nieuwe bewoner",
    wijk: "",
    acceptConduct: "on",
    emailVerifiedAt: past,
    email_verified_at: past,
    organisation: "Politie",
  });
  expect(signup.location).toBe("/verifieren");
  const created = one<Record<string, unknown>>("SELECT * FROM users WHERE email = ?", email);
  expect(created).toMatchObject({ role: "bewoner", email_verified_at: null, organisation: null, blocked_at: null, deleted_at: null });
  expect(Number(created.created_at)).toBeGreaterThan(Date.now() - 600_000);
});

// ---------------------------------------------------------------------------
// 4. A visitor never sees held, hidden, concept, draft or personal texts
// ---------------------------------------------------------------------------

/** A stretch of plain words from a text (no Markdown or characters HTML escapes), to search for. */
function fragment(text: string): string | null {
  const runs = text.match(/[\p{L}\p{N} ]{16,}/gu) ?? [];
  const best = runs.map((run) => run.trim()).sort((a, b) => b.length - a.length)[0];
  return best && best.length >= 16 ? best.slice(0, 60) : null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The loader data of a page, as React Router's client asks for it. */
function dataUrl(url: string): string {
  const parsed = new URL(url, "http://x.invalid");
  const pathname = parsed.pathname === "/" ? "/_.data" : `${parsed.pathname.replace(/\/$/, "")}.data`;
  return pathname + parsed.search;
}

test("a visitor's crawl never shows a held, hidden, concept, draft or personal text", async () => {
  test.setTimeout(120_000);
  const visitor = client();

  // Everything in the database that a visitor must not read, besides this run's markers.
  const forbidden = new Map(secrets);
  const add = (what: string, text: string | null) => {
    const words = text ? fragment(text) : null;
    if (words) forbidden.set(`${what}: "${words}"`, words);
  };
  for (const row of db.prepare("SELECT id, body FROM reactions WHERE moderation <> 'visible'").all() as Array<{ id: number; body: string }>) add(`reaction ${row.id}`, row.body);
  for (const row of db.prepare("SELECT id, title, description FROM knelpunten WHERE moderation <> 'visible'").all() as Array<{ id: number; title: string; description: string }>) {
    add(`knelpunt ${row.id}`, row.title);
    add(`knelpunt ${row.id} description`, row.description);
  }
  for (const row of db.prepare("SELECT id, title, description FROM measures WHERE moderation <> 'visible'").all() as Array<{ id: number; title: string; description: string }>) {
    add(`measure ${row.id}`, row.title);
    add(`measure ${row.id} description`, row.description);
  }
  for (const row of db.prepare("SELECT id, text FROM answers WHERE text IS NOT NULL AND moderation <> 'visible'").all() as Array<{ id: number; text: string }>) add(`answer ${row.id}`, row.text);
  for (const row of db.prepare("SELECT slug, title, body FROM posts WHERE status = 'draft'").all() as Array<{ slug: string; title: string; body: string }>) {
    add(`draft post ${row.slug}`, row.title);
    add(`draft post ${row.slug} body`, row.body);
  }
  for (const row of db.prepare("SELECT title, theme, intro FROM cycles WHERE phase = 'concept'").all() as Array<{ title: string; theme: string; intro: string }>) {
    forbidden.set(`concept cycle "${row.title}"`, row.title);
    add(`concept cycle theme`, row.theme);
    add(`concept cycle intro`, row.intro);
  }
  // Account addresses are personal, unless the person wrote theirs in a published post themselves.
  const published = (db.prepare("SELECT body FROM posts WHERE status = 'published'").all() as Array<{ body: string }>).map((row) => row.body).join("\n");
  const users = db.prepare("SELECT email FROM users WHERE email IS NOT NULL").all() as Array<{ email: string }>;
  for (const { email } of users) if (!published.includes(email)) forbidden.set(`email address ${email}`, email);
  expect(users.length).toBeGreaterThan(10);

  // Start: the home page, plus the downloads and every cycle's pages (a concept cycle's must be refused).
  const queue: string[] = ["/", "/feed.xml"];
  for (const { slug } of db.prepare("SELECT slug FROM cycles").all() as Array<{ slug: string }>) {
    queue.push(`/rondes/${slug}`, `/rondes/${slug}/verslag`, `/rondes/${slug}/verslag.csv`, `/rondes/${slug}/open-data.json`, `/rondes/${slug}/knelpunten`, `/rondes/${slug}/knelpunten?weergave=kaart`);
  }
  // The secret content's own addresses (each must be refused without its words).
  const f = fixtures;
  queue.push(
    `/knelpunten/${f.heldKnelpunt}`,
    `/knelpunten/${f.conceptKnelpunt}`,
    `/maatregelen/${f.heldMeasure}`,
    `/maatregelen/${f.conceptMeasure}`,
    `/berichten/${f.draftPost}`,
    `/berichten/${f.conceptPost}`,
    `/vragen/${f.conceptQuestion}`,
    `/vragen/${f.openQuestion}`,
  );

  const seen = new Set<string>();
  const leaks: string[] = [];
  const statuses = new Map<string, number>();
  const check = (url: string, body: string) => {
    const text = `${body}\n${decodeEntities(body)}`;
    for (const [what, words] of forbidden) {
      if (text.includes(words)) leaks.push(`${url} shows ${what}`);
    }
  };

  const MAX_PAGES = 600;
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const reply = await visitor.get(url);
    statuses.set(url, reply.status);
    expect(reply.status, `${url}: a server error`).toBeLessThan(500);
    check(url, reply.body);
    if (reply.status >= 300 && reply.status < 400 && reply.location) {
      const next = new URL(reply.location, server.url);
      if (next.origin === server.url) queue.push(normalize(next));
      continue;
    }
    if (!reply.contentType.includes("text/html")) continue;
    // The loader data behind the page (what a client-side navigation reads).
    const data = await visitor.get(dataUrl(url));
    if (reply.status === 200) expect(data.status, `${dataUrl(url)}: the loader data of a page shown`).toBe(200);
    else expect(data.status, `${dataUrl(url)}: a server error`).toBeLessThan(500);
    check(dataUrl(url), data.body);
    for (const match of reply.body.matchAll(/<(?:a|link)\b[^>]*?\bhref="([^"]+)"/g)) {
      const href = decodeEntities(match[1]!);
      let next: URL;
      try {
        next = new URL(href, server.url + url);
      } catch {
        continue;
      }
      if (next.origin !== server.url) continue;
      if (next.pathname.startsWith("/assets/") || /\.(css|js|svg|png|ico|webmanifest|txt)$/.test(next.pathname)) continue;
      // The mail preview is a development page that shows every mail by design (off in production and with SMTP).
      if (next.pathname === "/mail") continue;
      queue.push(normalize(next));
    }
  }

  // The crawl reached the public pages (not just the home page).
  const reached = [...statuses].filter(([, status]) => status === 200).map(([url]) => url);
  expect(reached.length).toBeGreaterThan(30);
  for (const needed of ["/feed.xml", `/rondes/${f.closed}/verslag`, `/rondes/${f.closed}/verslag.csv`, `/rondes/${f.running}/open-data.json`, `/knelpunten/${f.knelpunt}`, `/berichten/${f.publishedPost}`]) {
    expect(reached, `the crawl did not reach ${needed}`).toContain(needed);
  }
  // The secret content's own pages are not there for a visitor.
  for (const secret of [`/knelpunten/${f.heldKnelpunt}`, `/knelpunten/${f.conceptKnelpunt}`, `/berichten/${f.draftPost}`, `/berichten/${f.conceptPost}`, `/vragen/${f.conceptQuestion}`, `/rondes/${f.concept}`]) {
    expect(statuses.get(secret), secret).toBe(404);
  }
  expect(seen.size, "the crawl hit its page limit: raise MAX_PAGES or narrow the links followed").toBeLessThan(MAX_PAGES);
  test.info().annotations.push({ type: "crawl", description: `${seen.size} addresses (${reached.length} shown) and their loader data, ${forbidden.size} forbidden texts` });
  expect(leaks, `A visitor saw what they must not:\n${leaks.join("\n")}`).toEqual([]);

  // Signed in as someone else than the author, the pages around the secret content show none of it either.
  const own: Partial<Record<ActorName, string[]>> = { "other resident": ["flag note"], official: ["official's template"] };
  for (const name of ["other resident", "official"] as const) {
    const as = sessions.get(name)!;
    for (const url of ["/", "/rondes", `/rondes/${f.running}`, `/rondes/${f.running}/knelpunten`, `/knelpunten/${f.knelpunt}`, `/berichten`, `/vragen/${f.openQuestion}`, "/antwoorden", `/rondes/${f.running}/open-data.json`]) {
      for (const address of url.endsWith(".json") ? [url] : [url, dataUrl(url)]) {
        const reply = await as.get(address);
        expect(reply.status, `${address} as ${name}`).toBe(200);
        for (const [what, words] of forbidden) {
          if (own[name]?.includes(what) || what.startsWith("email address")) continue;
          if (`${reply.body}\n${decodeEntities(reply.body)}`.includes(words)) leaks.push(`${address} shows ${name} ${what}`);
        }
      }
    }
  }
  expect(leaks, `Someone signed in saw what they must not:\n${leaks.join("\n")}`).toEqual([]);
});

/** One address per page: without the sign-in return address and the hash. */
function normalize(url: URL): string {
  url.hash = "";
  url.searchParams.delete("redirectTo");
  return url.pathname + (url.searchParams.size ? `?${url.searchParams}` : "");
}
