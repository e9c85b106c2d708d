import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, cycles, flags, moderationCases, participantApprovals, posts, questionOptions, users } from "#db/schema";
import { validateSessionToken } from "~/auth/session.server";
import { changeRole, logIn, requestPasswordReset, signUp } from "~/domain/accounts/accounts.server";
import {
  DELETED_DISPLAY_NAME,
  EXPORTED_PERSON_COLUMNS,
  deleteAccount,
  exportPersonalData,
} from "~/domain/accounts/privacy.server";
import { moveCyclePhase } from "~/domain/cycles/cycles.server";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import { reportKnelpunt } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { proposeMeasure, supportMeasure, volunteerForMeasure } from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import { recordCodeOfConductAcceptance } from "~/domain/moderation/code-of-conduct.server";
import { setFollowing, setNotifyMode } from "~/domain/notifications/notifications.server";
import { answerQuestion, askQuestion } from "~/domain/questions/questions.server";
import { questionSchema } from "~/domain/questions/schemas";
import { rateKnelpunt } from "~/domain/ratings/ratings.server";
import { createReaction } from "~/domain/reactions/reactions.server";
import { answerKnelpunt } from "~/domain/review/review.server";
import { createUser, uniqueIp, type TestUser } from "../support/factories";

type Row = Record<string, unknown>;
type Export = Record<string, unknown> & { generatedAt: string; explanation: string };

const client = () => getDb().$client;

function allTables(): string[] {
  return (client().prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
}

/** Every foreign key to users, as `table.column`, asked of SQLite itself. */
function foreignKeysToUsers(): string[] {
  const found: string[] = [];
  for (const table of allTables()) {
    const keys = client().prepare(`SELECT "table" AS target, "from" AS column FROM pragma_foreign_key_list(?)`).all(table) as Array<{ target: string; column: string }>;
    for (const key of keys) if (key.target === "users") found.push(`${table}.${key.column}`);
  }
  return found;
}

/** The whole database as text: every row of every table, blobs as hex. */
function fullDump(except: string[] = []): string {
  const lines: string[] = [];
  const tables = (client().prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((row) => row.name);
  for (const table of tables) {
    if (except.includes(table)) continue;
    const rows = client().prepare(`SELECT * FROM "${table}"`).all() as Row[];
    for (const row of rows) {
      const values = Object.entries(row).map(([key, value]) => `${key}=${Buffer.isBuffer(value) ? value.toString("hex") : String(value)}`);
      lines.push(`${table}: ${values.join(" | ")}`);
    }
  }
  return lines.join("\n");
}

const count = (table: string) => (client().prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
const section = (data: Export, table: string) => data[table] as Row[];

function makeCycle(createdBy: string | null): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({
      slug: `ronde-${randomUUID()}`,
      title: "Privacyronde",
      theme: "Tunnels",
      phase: "zelf_doen",
      wijken: ["Oosterparkwijk"],
      supportLimit: 0,
      supportThreshold: 5,
      minVolunteers: 2,
      createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

function report(user: TestUser, cycleId: number, title: string): number {
  const result = reportKnelpunt(user, cycleId, knelpuntSchema.parse({ title, description: "Het is er 's avonds donker.", wijk: "Oosterparkwijk", locationText: "Europaweg" }));
  if (!result.ok) throw new Error(`report: ${result.reason}`);
  return result.id;
}

function propose(user: TestUser, knelpuntId: number, title: string): number {
  const result = proposeMeasure(user, knelpuntId, measureSchema.parse({ kind: "zelf", title, description: "We lopen samen naar huis." }));
  if (!result.ok) throw new Error(`propose: ${result.reason}`);
  return result.id;
}

function ask(leader: TestUser, cycleId: number, kind: "open" | "multiple", prompt: string, options: string[] = []) {
  const result = askQuestion(
    { id: leader.id, role: leader.role },
    questionSchema.parse({ cycleId: String(cycleId), prompt, description: "", kind, options: options.join("\n"), postId: "" }),
  );
  if (!result.ok) throw new Error(`ask: ${result.reason}`);
  const optionIds = getDb().select({ id: questionOptions.id }).from(questionOptions).where(eq(questionOptions.questionId, result.id)).orderBy(questionOptions.position).all();
  return { id: result.id, options: optionIds.map((o) => o.id) };
}

const suffix = randomUUID().slice(0, 8);
const RESIDENT_NAME = `Zwaluwstaart-${suffix}`;
const OTHER_NAME = `Kievitsbloem-${suffix}`;

let resident: TestUser;
let other: TestUser;
let leader: TestUser;
let official: TestUser;
let admin: TestUser;
let token: string;
let ids: { cycle: number; own: number; others: number; ownMeasure: number; othersMeasure: number; reaction: number; othersReaction: number; openQ: number; choiceQ: number };

beforeAll(async () => {
  resident = await createUser({ displayName: RESIDENT_NAME });
  other = await createUser({ displayName: OTHER_NAME });
  leader = await createUser({ role: "projectleider", displayName: "Projectleider Privacy" });
  official = await createUser({ role: "ambtenaar", displayName: "Ambtenaar Privacy", organisation: "Gemeente, team Verlichting" });
  admin = await createUser({ role: "beheerder", displayName: "Beheerder Privacy" });
  const now = new Date();
  recordCodeOfConductAcceptance(getDb(), resident.id, now);
  recordCodeOfConductAcceptance(getDb(), other.id, now);

  const cycle = makeCycle(leader.id);
  const own = report(resident, cycle, "Donkere tunnel bij het station");
  const others = report(other, cycle, "Plein zonder licht");
  const ownMeasure = propose(resident, own, "Samen fietsen");
  const othersMeasure = propose(other, others, "Lichtschouw met buren");
  for (const [who, measure] of [[resident, othersMeasure], [other, ownMeasure], [resident, ownMeasure]] as const) {
    expect(supportMeasure(who, measure)).toMatchObject({ ok: true });
  }
  expect(volunteerForMeasure(resident, othersMeasure)).toMatchObject({ ok: true });
  expect(volunteerForMeasure(other, ownMeasure)).toMatchObject({ ok: true });
  const reaction = createReaction(resident, { type: "knelpunt", id: others }, "Hier fiets ik elke avond langs.");
  const othersReaction = createReaction(other, { type: "knelpunt", id: own }, "Ik ook, het is er echt te donker.");
  if (!reaction.ok || !othersReaction.ok) throw new Error("reaction");

  const openQ = ask(leader, cycle, "open", "Wanneer voelt de tunnel onveilig?");
  const choiceQ = ask(leader, cycle, "multiple", "Wat zou helpen?", ["Meer licht", "Camera's", "Samen fietsen"]);
  for (const who of [resident, other]) {
    expect(answerQuestion(who, openQ.id, { text: `In het donker, zegt ${who === resident ? "de bewoner" : "de buur"}.`, optionIds: [] })).toMatchObject({ ok: true });
  }
  expect(answerQuestion(resident, choiceQ.id, { text: "", optionIds: [choiceQ.options[0]!, choiceQ.options[2]!] })).toMatchObject({ ok: true });
  expect(answerQuestion(other, choiceQ.id, { text: "", optionIds: [choiceQ.options[1]!] })).toMatchObject({ ok: true });

  expect(rateKnelpunt(resident, own, 2)).toMatchObject({ ok: true });
  expect(rateKnelpunt(other, own, 4)).toMatchObject({ ok: true });
  setFollowing(resident.id, others, true);
  setFollowing(other.id, own, true);

  // A change waits in the resident's daily digest; the other gets mail at once.
  setNotifyMode(resident.id, "dagelijks");
  expect(
    escalateKnelpunt(leader, own, { explanation: "Bewoners kunnen dit niet zelf oplossen.", stillUnsafe: false, fastTrackReason: "Er ligt glas en alle lampen zijn kapot." }),
  ).toMatchObject({ ok: true });
  expect(answerKnelpunt(official, own, { decision: "in_behandeling", explanation: "We kijken deze week naar de lampen.", saveTemplate: true, templateTitle: "Lampen" })).toMatchObject({
    ok: true,
  });
  expect(moveCyclePhase(leader, cycle, "opschalen", "zelf_doen")).toEqual({ ok: true });
  getDb().insert(posts).values({ slug: `bericht-${suffix}`, title: "Over de tunnels", body: "Tekst", status: "published", cycleId: cycle, authorId: leader.id, createdAt: now, updatedAt: now, publishedAt: now }).run();

  // Trust and safety rows (the moderation commands are built elsewhere; the rows are what matter here).
  getDb().insert(flags).values({ targetType: "reaction", targetId: othersReaction.id, userId: resident.id, reason: "other", note: "Klopt dit wel?", createdAt: now }).run();
  getDb().insert(flags).values({ targetType: "reaction", targetId: reaction.id, userId: other.id, reason: "spam", createdAt: now }).run();
  getDb().insert(moderationCases).values({ targetType: "reaction", targetId: reaction.id, authorId: resident.id, cycleId: cycle, state: "visible", openFlags: 1, open: true, createdAt: now, updatedAt: now }).run();
  getDb()
    .insert(moderationCases)
    .values({ targetType: "reaction", targetId: othersReaction.id, authorId: other.id, cycleId: cycle, state: "visible", openFlags: 1, open: false, createdAt: now, updatedAt: now, decidedAt: now, decidedBy: leader.id })
    .run();
  getDb().insert(participantApprovals).values({ userId: resident.id, approvedBy: leader.id, approvedAt: now }).run();
  getDb().insert(participantApprovals).values({ userId: other.id, approvedBy: leader.id, approvedAt: now }).run();

  // An audit row about the resident's account, a session, a mailed code, rate-limit counters with the address.
  expect(changeRole(admin, { userId: resident.id, role: "bewoner", organisation: null })).toMatchObject({ ok: true });
  const ip = uniqueIp();
  const signedIn = await logIn({ email: resident.email, password: resident.password, ip });
  if (!signedIn.ok) throw new Error("logIn");
  token = signedIn.token;
  expect(await logIn({ email: resident.email, password: "niet-het-goede-wachtwoord", ip })).toMatchObject({ ok: false, reason: "wrong" });
  expect(requestPasswordReset({ email: resident.email, ip })).toEqual({ ok: true });
  expect(requestPasswordReset({ email: other.email, ip })).toEqual({ ok: true });

  ids = { cycle, own, others, ownMeasure, othersMeasure, reaction: reaction.id, othersReaction: othersReaction.id, openQ: openQ.id, choiceQ: choiceQ.id };
});

describe("Mijn gegevens: the export", () => {
  it("has a section for every table with a foreign key to users (asked of SQLite), and for outbox", () => {
    const data = exportPersonalData(resident.id) as Export;
    const keys = foreignKeysToUsers();
    expect(keys.length).toBeGreaterThan(20);
    const tables = new Set(["users", "outbox", ...keys.map((key) => key.split(".")[0]!)]);
    for (const table of tables) {
      expect(Array.isArray(data[table]), `section ${table}`).toBe(true);
    }
    // Every column that points at a person is looked up, not only every table.
    for (const key of keys) expect(EXPORTED_PERSON_COLUMNS, key).toContain(key);
    expect(data.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(data.explanation).toContain("Veranderlab");
  });

  it("contains the person's rows, none of another person's, and no hashes or secrets", () => {
    const data = exportPersonalData(resident.id) as Export;
    expect(section(data, "users")).toEqual([expect.objectContaining({ id: resident.id, email: resident.email, display_name: RESIDENT_NAME, role: "bewoner" })]);
    expect(section(data, "sessions")).toEqual([{ created_at: expect.any(String), last_active_at: expect.any(String) }]);
    expect(section(data, "code_of_conduct_acceptances")).toHaveLength(1);
    expect(section(data, "one_time_codes")).toEqual([expect.objectContaining({ purpose: "reset_password" })]);
    expect(section(data, "knelpunten").map((row) => row.id)).toEqual([ids.own]);
    expect(section(data, "measures").map((row) => row.id)).toEqual([ids.ownMeasure]);
    expect(section(data, "reactions").map((row) => row.id)).toEqual([ids.reaction]);
    expect(section(data, "answers")).toEqual([
      expect.objectContaining({ question_id: ids.openQ, question_prompt: "Wanneer voelt de tunnel onveilig?", text: "In het donker, zegt de bewoner." }),
      expect.objectContaining({ question_id: ids.choiceQ, question_prompt: "Wat zou helpen?", text: null }),
    ]);
    expect(section(data, "answer_choices").map((row) => row.option_label).sort()).toEqual(["Meer licht", "Samen fietsen"]);
    expect(section(data, "supports").map((row) => row.measure_id).sort()).toEqual([ids.ownMeasure, ids.othersMeasure].sort());
    expect(section(data, "volunteers").map((row) => row.measure_id)).toEqual([ids.othersMeasure]);
    expect(section(data, "safety_ratings")).toEqual([expect.objectContaining({ knelpunt_id: ids.own, score: 2 })]);
    expect(section(data, "follows")).toEqual([expect.objectContaining({ knelpunt_id: ids.others, following: true })]);
    expect(section(data, "pending_notifications").length).toBeGreaterThanOrEqual(1);
    expect(section(data, "flags")).toEqual([expect.objectContaining({ target_id: ids.othersReaction, note: "Klopt dit wel?" })]);
    expect(section(data, "moderation_cases")).toEqual([expect.objectContaining({ target_id: ids.reaction, open: true })]);
    expect(section(data, "participant_approvals")).toEqual([expect.objectContaining({ linked_by: ["user_id"] })]);
    expect(section(data, "audit_log")).toEqual([expect.objectContaining({ action: "account.role_changed", target_id: resident.id, linked_by: ["target"] })]);
    expect(section(data, "knelpunt_status_changes").map((row) => row.to_status)).toEqual(["open"]);
    expect(section(data, "measure_status_changes").map((row) => row.to_status)).toEqual(["voorgesteld"]);
    expect(section(data, "outbox").length).toBeGreaterThanOrEqual(1);
    for (const mail of section(data, "outbox")) expect(mail.to_address).toBe(resident.email);
    expect(section(data, "rate_limits").map((row) => row.key)).toEqual(expect.arrayContaining([`signin:fail:${resident.email}`, `mail:email:${resident.email}`]));
    for (const table of ["answer_templates", "cycles", "cycle_phase_changes", "posts", "questions"]) expect(section(data, table), table).toEqual([]);

    const text = JSON.stringify(data);
    for (const foreign of [other.id, other.email, OTHER_NAME, leader.id, official.id, admin.id]) expect(text).not.toContain(foreign);
    expect(text).not.toMatch(/password_hash|secret_hash|code_hash|\$argon2/);
    const [sessionId, secret] = token.split(".");
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain(secret);
  });

  it("gives staff their own work: cycles, questions, posts, escalations, answers, templates and audit rows", () => {
    const lead = exportPersonalData(leader.id) as Export;
    expect(section(lead, "cycles").map((row) => row.id)).toEqual([ids.cycle]);
    expect(section(lead, "cycle_phase_changes")).toEqual([expect.objectContaining({ from_phase: "zelf_doen", to_phase: "opschalen" })]);
    expect(section(lead, "questions").map((row) => row.id)).toEqual([ids.openQ, ids.choiceQ]);
    expect(section(lead, "posts")).toHaveLength(1);
    expect(section(lead, "knelpunten")).toEqual([expect.objectContaining({ id: ids.own, linked_by: ["escalated_by"] })]);
    expect(section(lead, "moderation_cases")).toEqual([expect.objectContaining({ target_id: ids.othersReaction, linked_by: ["decided_by"] })]);
    expect(section(lead, "participant_approvals")).toHaveLength(2);
    expect(section(lead, "audit_log").map((row) => row.action)).toEqual(["knelpunt.escalated", "cycle.phase_moved"]);
    const leadText = JSON.stringify(lead);
    for (const foreign of [resident.id, resident.email, RESIDENT_NAME, other.id]) expect(leadText).not.toContain(foreign);

    const off = exportPersonalData(official.id) as Export;
    expect(section(off, "answer_templates")).toEqual([expect.objectContaining({ title: "Lampen" })]);
    expect(section(off, "knelpunt_status_changes")).toEqual([expect.objectContaining({ to_status: "in_behandeling", organisation: "Gemeente, team Verlichting" })]);
    expect(section(off, "audit_log").map((row) => row.action)).toEqual(["knelpunt.answered"]);
  });
});

describe("deleting an account", () => {
  const COUNTED = [
    "knelpunten", "measures", "reactions", "answers", "answer_choices", "supports", "volunteers", "safety_ratings",
    "flags", "moderation_cases", "code_of_conduct_acceptances", "knelpunt_status_changes", "measure_status_changes",
  ];
  const counts = () => Object.fromEntries(COUNTED.map((table) => [table, count(table)]));
  const tallies = () => ({
    measures: client().prepare(`SELECT id, support_count, volunteer_count FROM measures ORDER BY id`).all(),
    knelpunten: client().prepare(`SELECT id, support_count FROM knelpunten ORDER BY id`).all(),
  });

  it("refuses a wrong password and changes nothing", async () => {
    const before = fullDump(["rate_limits"]);
    expect(await deleteAccount(resident.id, "niet-het-goede-wachtwoord", new Date())).toMatchObject({
      ok: false,
      reason: "wrong",
      field: "password",
      message: "privacy.delete.error.passwordWrong",
    });
    expect(fullDump(["rate_limits"])).toBe(before);
    expect(validateSessionToken(token)).not.toBeNull();
  });

  it("erases the email and the name everywhere, keeps every count, ends the sessions and the sign-in", async () => {
    const before = { counts: counts(), tallies: tallies() };
    expect(fullDump()).toContain(resident.email);
    expect(fullDump()).toContain(RESIDENT_NAME);
    const now = new Date();

    expect(await deleteAccount(resident.id, resident.password, now)).toEqual({ ok: true });

    // The lines that still hold the address or the name (none), so a failure says where.
    const dump = fullDump().split("\n");
    expect(dump.filter((line) => line.toLowerCase().includes(resident.email.toLowerCase()))).toEqual([]);
    expect(dump.filter((line) => line.includes(RESIDENT_NAME))).toEqual([]);
    expect(counts()).toEqual(before.counts);
    expect(tallies()).toEqual(before.tallies);

    const row = getDb().select().from(users).where(eq(users.id, resident.id)).get()!;
    expect(row).toMatchObject({
      email: null,
      passwordHash: null,
      emailVerifiedAt: null,
      displayName: DELETED_DISPLAY_NAME,
      wijk: null,
      organisation: null,
      notifyMode: "nooit",
      deletedAt: now,
    });
    for (const table of ["sessions", "one_time_codes", "follows", "pending_notifications", "participant_approvals"]) {
      expect(client().prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`).get(resident.id), table).toEqual({ n: 0 });
    }
    expect(getDb().select().from(auditLog).where(eq(auditLog.action, "account.deleted")).all()).toEqual([
      expect.objectContaining({ actorId: resident.id, targetType: "user", targetId: resident.id, details: null, reason: null }),
    ]);
    // The other person's data is untouched.
    expect(client().prepare(`SELECT count(*) AS n FROM follows WHERE user_id = ?`).get(other.id)).toEqual({ n: 1 });
    expect(client().prepare(`SELECT count(*) AS n FROM outbox WHERE to_address = ?`).get(other.email)).not.toEqual({ n: 0 });

    expect(validateSessionToken(token)).toBeNull();
    expect(await logIn({ email: resident.email, password: resident.password, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "wrong" });
    expect(await deleteAccount(resident.id, resident.password, new Date())).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("frees the address: it can make a new, separate account", async () => {
    expect(
      await signUp({ email: resident.email, password: "een nieuw begin met wachtwoord", displayName: "Nieuw", wijk: null, locale: "nl", ip: uniqueIp() }),
    ).toEqual({ ok: true });
    const fresh = getDb().select({ id: users.id }).from(users).where(eq(users.email, resident.email)).get();
    expect(fresh?.id).toBeDefined();
    expect(fresh?.id).not.toBe(resident.id);
  });

  it("limits password attempts", async () => {
    const target = await createUser();
    for (let i = 0; i < 10; i += 1) {
      expect(await deleteAccount(target.id, `fout-${i}-wachtwoord`, new Date())).toMatchObject({ ok: false, reason: "wrong" });
    }
    expect(await deleteAccount(target.id, target.password, new Date())).toMatchObject({ ok: false, reason: "rate_limited", field: "password" });
    expect(getDb().select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, target.id)).get()).toEqual({ deletedAt: null });
  });
});
