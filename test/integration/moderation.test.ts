/**
 * The moderation core through reactions: the wording check and "post
 * anyway", held texts, flags and the threshold, a project leader's decisions
 * (approve, hide with a reason, restore), the mail to the author, the audit
 * rows, and the code of conduct version.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, codeOfConductAcceptances, flags, moderationCases, reactions, users } from "#db/schema";
import { createCycle, moveCyclePhase } from "~/domain/cycles/cycles.server";
import { CODE_OF_CONDUCT_VERSION } from "~/domain/moderation/code-of-conduct";
import { approveParticipant, decide, flagText, getFlaggable, listQueue } from "~/domain/moderation/moderation.server";
import { createPost } from "~/domain/posts/posts.server";
import { createReaction, editReaction, listReactions } from "~/domain/reactions/reactions.server";
import { createUser, type TestUser } from "../support/factories";
import { mailsTo } from "../support/mail";

let leader: TestUser;
let admin: TestUser;
let official: TestUser;
let sanne: TestUser;
const residents: TestUser[] = [];
const actor = (user: TestUser) => ({ id: user.id, role: user.role });
const POST_ANYWAY = { postAnyway: true, acceptCode: false };
const PROFILING = "Er hangen altijd Marokkaanse jongens bij de tunnel.";
let counter = 0;

function cycle(screening = false) {
  counter += 1;
  const result = createCycle(actor(leader), {
    title: `Moderatieronde ${counter}`,
    slug: `moderatieronde-${counter}-${Date.now()}`,
    theme: "Thema",
    intro: "",
    wijken: [],
    supportLimit: 0,
    supportThreshold: 5,
    minVolunteers: 2,
    screening,
  });
  if (!result.ok) throw new Error(result.reason);
  moveCyclePhase(actor(leader), result.id, "meedenken", "concept");
  return result.id;
}

function post(cycleId: number | null = null) {
  counter += 1;
  const result = createPost(
    actor(leader),
    { title: `Bericht over moderatie ${counter}`, slug: null, cycleId, body: "Tekst." },
    { publish: true },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.id;
}

function react(user: TestUser, postId: number, body: string, contribution = { postAnyway: false, acceptCode: false }) {
  return createReaction(actor(user), { type: "post", id: postId }, body, new Date(), contribution);
}

function seen(viewer: TestUser | null, postId: number, reactionId: number) {
  return listReactions(viewer ? actor(viewer) : null, "post", postId).rows.find((row) => row.id === reactionId);
}

function auditRows(action: string, targetId: number) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))))
    .all();
}

beforeAll(async () => {
  leader = await createUser({ role: "projectleider", displayName: "Mark" });
  admin = await createUser({ role: "beheerder", displayName: "Beheer" });
  official = await createUser({ role: "ambtenaar", displayName: "Fatima", organisation: "Gemeente" });
  sanne = await createUser({ role: "bewoner", displayName: "Sanne" });
  for (let i = 0; i < 4; i += 1) residents.push(await createUser({ role: "bewoner", displayName: `Bewoner ${i}` }));
});

afterEach(() => {
  delete process.env.FLAG_THRESHOLD;
});

describe("the wording check and held texts", () => {
  it("sends a text with an origin word back with the words found; nothing is saved", () => {
    const postId = post();
    const result = react(sanne, postId, PROFILING);
    expect(result).toEqual({ ok: false, reason: "wording", words: ["Marokkaanse"] });
    expect(getDb().select().from(reactions).where(eq(reactions.targetId, postId)).all()).toEqual([]);
  });

  it("an ordinary text about behaviour, time and place is public at once", () => {
    const postId = post();
    const result = react(sanne, postId, "Tussen 22.00 en 00.00 uur roept een groep bij de tunnel naar fietsers.");
    expect(result).toMatchObject({ ok: true, held: false });
    if (!result.ok) return;
    expect(seen(null, postId, result.id)?.moderation.state).toBe("visible");
  });

  it("'post anyway' saves it held: invisible to others until a project leader approves it", () => {
    const postId = post();
    const result = react(sanne, postId, PROFILING, POST_ANYWAY);
    expect(result).toMatchObject({ ok: true, held: true });
    if (!result.ok) return;

    expect(seen(null, postId, result.id)).toBeUndefined();
    expect(seen(residents[0]!, postId, result.id)).toBeUndefined();
    expect(seen(official, postId, result.id)).toBeUndefined();
    const own = seen(sanne, postId, result.id);
    expect(own).toMatchObject({ body: PROFILING, moderation: { state: "held", heldFor: "wording", shown: true } });
    expect(getFlaggable(actor(residents[0]!), { type: "reaction", id: result.id })).toBeNull();

    const queue = listQueue(actor(leader), "open", null);
    const item = queue?.items.find((entry) => entry.type === "reaction" && entry.id === result.id);
    expect(item).toMatchObject({ state: "held", heldFor: "wording", matchedWords: ["Marokkaanse"], text: PROFILING });
    expect(listQueue(actor(sanne), "open", null)).toBeNull();
    expect(listQueue(actor(official), "open", null)).toBeNull();

    expect(decide(actor(residents[0]!), { type: "reaction", id: result.id }, "approve", null)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(decide(actor(leader), { type: "reaction", id: result.id }, "approve", null)).toEqual({ ok: true });
    expect(seen(null, postId, result.id)).toMatchObject({ body: PROFILING, moderation: { state: "visible" } });
    expect(auditRows("moderation.approved", result.id)).toHaveLength(1);
    expect(mailsTo(sanneEmail())[0]?.subject).toMatch(/staat online/);
    const caseRow = getDb().select().from(moderationCases).where(eq(moderationCases.targetId, result.id)).all().find((row) => row.targetType === "reaction");
    expect(caseRow).toMatchObject({ open: false, state: "visible", decidedBy: leader.id });
  });

  it("a project leader can reject a held text: hidden with the reason in its place", () => {
    const postId = post();
    const result = react(sanne, postId, PROFILING, POST_ANYWAY);
    if (!result.ok) throw new Error("not saved");
    expect(decide(actor(leader), { type: "reaction", id: result.id }, "hide", null)).toMatchObject({ ok: false, reason: "reason_required" });
    expect(decide(actor(leader), { type: "reaction", id: result.id }, "hide", "Beschrijft mensen naar afkomst.")).toEqual({ ok: true });
    const view = seen(residents[1]!, postId, result.id);
    expect(view).toMatchObject({ body: "", moderation: { state: "hidden", reason: "Beschrijft mensen naar afkomst.", shown: false } });
    expect(auditRows("moderation.hidden", result.id)[0]).toMatchObject({ actorId: leader.id, reason: "Beschrijft mensen naar afkomst." });
    const mail = mailsTo(sanneEmail())[0]!;
    expect(mail.subject).toMatch(/verborgen/);
    expect(mail.textBody).toContain("Beschrijft mensen naar afkomst.");
    expect(mail.textBody).toMatch(/niet eens/);
  });

  it("staff texts are not checked or held", () => {
    const postId = post();
    const result = createReaction(actor(official), { type: "post", id: postId }, PROFILING);
    expect(result).toMatchObject({ ok: true, held: false });
  });

  it("editing into an origin word asks again; a hidden reaction stays hidden after an edit", () => {
    const postId = post();
    const created = react(sanne, postId, "De lamp is kapot.");
    if (!created.ok) throw new Error("not saved");
    expect(editReaction(actor(sanne), created.id, PROFILING)).toMatchObject({ ok: false, reason: "wording" });
    expect(editReaction(actor(sanne), created.id, PROFILING, new Date(), POST_ANYWAY)).toMatchObject({ ok: true, held: true });
    expect(seen(residents[0]!, postId, created.id)).toBeUndefined();
    // Rephrased: public again, and the case has nothing left to decide.
    expect(editReaction(actor(sanne), created.id, "Er staat vaak een groep bij de tunnel.")).toMatchObject({ ok: true, held: false });
    expect(seen(residents[0]!, postId, created.id)?.moderation.state).toBe("visible");
    expect(listQueue(actor(leader), "open", null)?.items.some((item) => item.type === "reaction" && item.id === created.id)).toBe(false);

    decide(actor(leader), { type: "reaction", id: created.id }, "hide", "Ging over een persoon.");
    expect(editReaction(actor(sanne), created.id, "Nieuwe tekst zonder namen.")).toMatchObject({ ok: true });
    expect(seen(residents[0]!, postId, created.id)?.moderation.state).toBe("hidden");
  });
});

describe("flags", () => {
  it("three different people hide a text until a project leader restores it", () => {
    const postId = post();
    const created = react(sanne, postId, "Die buurman van nummer 12 deugt niet.");
    if (!created.ok) throw new Error("not saved");
    const target = { type: "reaction" as const, id: created.id };

    expect(flagText(actor(sanne), target, { reason: "abuse", note: null })).toMatchObject({ ok: false, reason: "own" });
    expect(flagText(actor(residents[0]!), target, { reason: "accusation", note: "Noemt een huisnummer" })).toMatchObject({ ok: true, hidden: false });
    expect(flagText(actor(residents[0]!), target, { reason: "abuse", note: null })).toMatchObject({ ok: false, reason: "already" });
    expect(flagText(actor(residents[1]!), target, { reason: "accusation", note: null })).toMatchObject({ ok: true, hidden: false });
    expect(seen(null, postId, created.id)?.moderation.state).toBe("visible");
    expect(flagText(actor(residents[2]!), target, { reason: "accusation", note: null })).toMatchObject({ ok: true, hidden: true });

    const hidden = seen(null, postId, created.id);
    expect(hidden).toMatchObject({ body: "", moderation: { state: "flagged", shown: false } });
    const item = listQueue(actor(leader), "open", null)?.items.find((entry) => entry.type === "reaction" && entry.id === created.id);
    expect(item?.flags.map((flag) => flag.reason)).toEqual(["accusation", "accusation", "accusation"]);
    expect(item?.flags[0]?.note).toBe("Noemt een huisnummer");

    expect(decide(actor(leader), target, "restore", "Geen huisnummer van een persoon.")).toEqual({ ok: true });
    expect(seen(null, postId, created.id)).toMatchObject({ body: "Die buurman van nummer 12 deugt niet.", moderation: { state: "visible" } });
    expect(getDb().select().from(flags).where(eq(flags.targetId, created.id)).all().every((flag) => flag.resolvedAt !== null)).toBe(true);
    expect(auditRows("moderation.restored", created.id)).toHaveLength(1);
    expect(mailsTo(sanneEmail())[0]?.subject).toMatch(/weer zichtbaar/);
    // Flags made before the decision do not count again: one new flag does not hide it.
    expect(flagText(actor(residents[3]!), target, { reason: "spam", note: null })).toMatchObject({ ok: true, hidden: false });
  });

  it("the threshold is a setting", () => {
    process.env.FLAG_THRESHOLD = "1";
    const postId = post();
    const created = react(sanne, postId, "Tekst om te melden.");
    if (!created.ok) throw new Error("not saved");
    expect(flagText(actor(residents[0]!), { type: "reaction", id: created.id }, { reason: "spam", note: null })).toMatchObject({ ok: true, hidden: true });
  });

  it("a hidden text cannot be restored when visible, and only moderators decide", () => {
    const postId = post();
    const created = react(sanne, postId, "Zichtbare tekst.");
    if (!created.ok) throw new Error("not saved");
    const target = { type: "reaction" as const, id: created.id };
    expect(decide(actor(leader), target, "restore", null)).toMatchObject({ ok: false, reason: "nothing_to_restore" });
    expect(decide(actor(official), target, "hide", "reden")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(decide(actor(admin), target, "hide", "Spam.")).toEqual({ ok: true });
    expect(listQueue(actor(leader), "hidden", null)?.items.some((item) => item.id === created.id && item.type === "reaction")).toBe(true);
  });
});

describe("screening and the code of conduct", () => {
  it("a new participant's texts in a screening cycle wait until the participant is approved, once", async () => {
    const newcomer = await createUser({ role: "bewoner", displayName: "Nieuw" });
    const postId = post(cycle(true));
    const first = react(newcomer, postId, "Eerste reactie.");
    expect(first).toMatchObject({ ok: true, held: true });
    if (!first.ok) return;
    expect(seen(sanne, postId, first.id)).toBeUndefined();
    expect(seen(newcomer, postId, first.id)?.moderation).toMatchObject({ state: "held", heldFor: "screening" });
    // A general post (no cycle) does not screen.
    expect(react(newcomer, post(null), "Algemeen.")).toMatchObject({ ok: true, held: false });

    expect(approveParticipant(actor(leader), newcomer.id)).toEqual({ ok: true, released: 1 });
    expect(seen(sanne, postId, first.id)?.moderation.state).toBe("visible");
    expect(react(newcomer, postId, "Tweede reactie.")).toMatchObject({ ok: true, held: false });
    expect(auditRows("participant.approved", 0)).toEqual([]);
    expect(getDb().select().from(auditLog).where(and(eq(auditLog.action, "participant.approved"), eq(auditLog.targetId, newcomer.id))).all()).toHaveLength(1);
  });

  it("someone who accepted an older version accepts the current one at their next contribution", async () => {
    const older = await createUser({ role: "bewoner", displayName: "Oud" });
    getDb().update(users).set({ codeOfConductVersion: CODE_OF_CONDUCT_VERSION - 1 }).where(eq(users.id, older.id)).run();
    const postId = post();
    expect(react(older, postId, "Een reactie.")).toEqual({ ok: false, reason: "code_of_conduct" });
    expect(react(older, postId, "Een reactie.", { postAnyway: false, acceptCode: true })).toMatchObject({ ok: true });
    expect(getDb().select().from(users).where(eq(users.id, older.id)).get()?.codeOfConductVersion).toBe(CODE_OF_CONDUCT_VERSION);
    const history = getDb().select().from(codeOfConductAcceptances).where(eq(codeOfConductAcceptances.userId, older.id)).all();
    expect(history.map((row) => row.version)).toContain(CODE_OF_CONDUCT_VERSION);
    expect(react(older, postId, "Nog een reactie.")).toMatchObject({ ok: true });
  });
});

function sanneEmail(): string {
  return sanne.email;
}
