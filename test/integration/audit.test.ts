import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, cycles, reactions, sessions, users } from "#db/schema";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { changeRole, logIn } from "~/domain/accounts/accounts.server";
import {
  AUDIT_ACTIONS,
  AUDIT_PAGE_SIZE,
  AUDIT_TARGET_TYPES,
  amsterdamDayStart,
  appendAudit,
  auditLogQuery,
  auditRowsAboutUser,
  listAuditLog,
  listStaffForFilter,
  type AuditFilters,
} from "~/domain/audit/audit.server";
import { createCycle, moveCyclePhase, updateCycle } from "~/domain/cycles/cycles.server";
import type { Phase } from "~/domain/cycles/policy";
import { cycleSchema } from "~/domain/cycles/schemas";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import { reportKnelpunt, resolveKnelpunt } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import {
  abandonMeasure,
  adoptMeasure,
  proposeMeasure,
  reportMeasureProgress,
  supportMeasure,
  volunteerForMeasure,
} from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import {
  blockAccount,
  blockPermissionRefusal,
  blockedAmong,
  getParticipantOverview,
  unblockAccount,
} from "~/domain/moderation/blocks.server";
import { createPost, updatePost } from "~/domain/posts/posts.server";
import { askQuestion, setQuestionStatus } from "~/domain/questions/questions.server";
import { questionSchema } from "~/domain/questions/schemas";
import { answerKnelpunt } from "~/domain/review/review.server";
import { translate } from "~/i18n";
import { en } from "~/i18n/en";
import { nl } from "~/i18n/nl";
import { clearRateLimits, createUser, uniqueIp, type TestUser } from "../support/factories";
import { latestMailTo, mailsTo } from "../support/mail";

const as = (user: TestUser) => ({ id: user.id, role: user.role });

let admin: TestUser;
let admin2: TestUser;
let leader: TestUser;
let leader2: TestUser;
let official: TestUser;
let residents: TestUser[];

beforeAll(async () => {
  admin = await createUser({ role: "beheerder", displayName: "Joost" });
  admin2 = await createUser({ role: "beheerder", displayName: "Tweede beheerder" });
  leader = await createUser({ role: "projectleider", displayName: "Mark" });
  leader2 = await createUser({ role: "projectleider", displayName: "Tweede projectleider" });
  official = await createUser({ role: "ambtenaar", displayName: "Fatima", organisation: "Gemeente Groningen" });
  residents = [];
  for (const name of ["Sanne", "Ingrid", "Youssef", "Annemarie"]) residents.push(await createUser({ role: "bewoner", displayName: name }));
});

beforeEach(() => {
  clearRateLimits();
});

const auditsFor = (targetType: string, targetId: string | number) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))))
    .orderBy(asc(auditLog.id))
    .all();

function makeCycle(phase: Phase, settings: { supportThreshold?: number; minVolunteers?: number } = {}): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({
      slug: `audit-${randomUUID()}`,
      title: "Auditronde",
      theme: "Tunnels",
      phase,
      wijken: ["Oosterparkwijk"],
      supportThreshold: settings.supportThreshold ?? 1,
      minVolunteers: settings.minVolunteers ?? 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

function report(reporter: TestUser, cycleId: number, title = "Donkere tunnel"): number {
  const result = reportKnelpunt(
    as(reporter),
    cycleId,
    knelpuntSchema.parse({ title, description: "Het is er 's avonds erg donker.", wijk: "Oosterparkwijk", locationText: "Europaweg" }),
  );
  if (!result.ok) throw new Error(`report: ${result.reason}`);
  return result.id;
}

function propose(author: TestUser, knelpuntId: number, title: string): number {
  const result = proposeMeasure(as(author), knelpuntId, measureSchema.parse({ kind: "zelf", title, description: "We doen het samen met de buren." }));
  if (!result.ok) throw new Error(`propose: ${result.reason}`);
  return result.id;
}

// ---------------------------------------------------------------------------

describe("the audit log is append-only", () => {
  it("refuses every UPDATE and the DELETE of a row younger than 5 years; older rows may be removed", () => {
    const db = getDb();
    appendAudit(db, { actorId: admin.id, action: "account.role_changed", targetType: "user", targetId: residents[0]!.id, reason: "test", createdAt: new Date() });
    const row = db.select().from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)!;
    const client = db.$client;
    expect(() => client.prepare("UPDATE audit_log SET reason = 'changed' WHERE id = ?").run(row.id)).toThrow(/append-only/);
    expect(() => db.update(auditLog).set({ actorId: null }).where(eq(auditLog.id, row.id)).run()).toThrow(/append-only/);
    expect(() => client.prepare("DELETE FROM audit_log WHERE id = ?").run(row.id)).toThrow(/5 years/);
    expect(db.select().from(auditLog).where(eq(auditLog.id, row.id)).get()).toEqual(row);

    // Past the retention period, a row may go (and still never be changed first).
    const old = new Date(Date.now() - 6 * 365 * 86_400_000);
    appendAudit(db, { actorId: null, action: "cycle.created", targetType: "cycle", targetId: 999_999, createdAt: old });
    const oldRow = db.select().from(auditLog).orderBy(asc(auditLog.id)).all().at(-1)!;
    expect(() => client.prepare("UPDATE audit_log SET reason = 'x' WHERE id = ?").run(oldRow.id)).toThrow(/append-only/);
    client.prepare("DELETE FROM audit_log WHERE id = ?").run(oldRow.id);
    expect(db.select().from(auditLog).where(eq(auditLog.id, oldRow.id)).get()).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------

describe("blocking and unblocking", () => {
  it("a block ends every session, refuses sign-in, is audited with the reason and mails the person; unblocking restores sign-in", async () => {
    const person = await createUser({ role: "bewoner", displayName: "Kees" });
    const { token: first } = createSession(person.id);
    const { token: second } = createSession(person.id);
    expect(validateSessionToken(first)).not.toBeNull();

    const when = new Date();
    const result = blockAccount(as(leader), person.id, "  Scheldt steeds andere bewoners uit.  ", when);
    expect(result).toEqual({ ok: true, displayName: "Kees" });

    expect(validateSessionToken(first)).toBeNull();
    expect(validateSessionToken(second)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, person.id)).all()).toHaveLength(0);
    const stored = getDb().select().from(users).where(eq(users.id, person.id)).get()!;
    expect(stored.blockedAt).toEqual(when);
    expect(stored.blockedReason).toBe("Scheldt steeds andere bewoners uit.");

    const refused = await logIn({ email: person.email, password: person.password, ip: uniqueIp() });
    expect(refused).toMatchObject({ ok: false, reason: "blocked", message: "error.accountBlocked" });

    // A session made some other way is refused too while the block lasts.
    const { token: sneaky } = createSession(person.id);
    expect(validateSessionToken(sneaky)).toBeNull();

    const blockedRows = auditsFor("user", person.id);
    expect(blockedRows).toHaveLength(1);
    expect(blockedRows[0]).toMatchObject({
      actorId: leader.id,
      action: "account.blocked",
      reason: "Scheldt steeds andere bewoners uit.",
      details: { role: "bewoner", actorRole: "projectleider" },
      createdAt: when,
    });
    const detailsText = JSON.stringify(blockedRows[0]!.details);
    expect(detailsText).not.toContain(person.email);
    expect(detailsText).not.toContain("Kees");

    const mail = latestMailTo(person.email)!;
    expect(mail.subject).toBe(translate("nl", "audit.block.mail.blockedSubject"));
    expect(mail.textBody).toContain("Scheldt steeds andere bewoners uit.");
    expect(mail.textBody).toContain("Hallo Kees");
    expect(mail.textBody).toMatch(/opnieuw te bekijken/);

    expect(unblockAccount(as(leader), person.id, "Excuses aangeboden, afspraken gemaakt.")).toEqual({ ok: true, displayName: "Kees" });
    const after = getDb().select().from(users).where(eq(users.id, person.id)).get()!;
    expect(after.blockedAt).toBeNull();
    expect(after.blockedReason).toBeNull();
    expect(auditsFor("user", person.id).map((r) => [r.action, r.actorId, r.reason])).toEqual([
      ["account.blocked", leader.id, "Scheldt steeds andere bewoners uit."],
      ["account.unblocked", leader.id, "Excuses aangeboden, afspraken gemaakt."],
    ]);
    expect(latestMailTo(person.email)!.subject).toBe(translate("nl", "audit.block.mail.unblockedSubject"));
    expect(mailsTo(person.email)).toHaveLength(2);

    const back = await logIn({ email: person.email, password: person.password, ip: uniqueIp() });
    expect(back).toMatchObject({ ok: true });
    if (back.ok) expect(validateSessionToken(back.token)?.user.id).toBe(person.id);
  });

  it("writes the mail in the person's language", async () => {
    const person = await createUser({ role: "bewoner", displayName: "Emma" });
    getDb().update(users).set({ locale: "en" }).where(eq(users.id, person.id)).run();
    expect(blockAccount(as(admin), person.id, "Spam in every reaction.")).toMatchObject({ ok: true });
    const mail = latestMailTo(person.email)!;
    expect(mail.subject).toBe(translate("en", "audit.block.mail.blockedSubject"));
    expect(mail.textBody).toContain("The administrator of the Veranderlab");
    unblockAccount(as(admin), person.id, "Was a mistake.");
  });

  it("follows the rules: nobody blocks themselves, a project leader only residents, an administrator anyone but administrators", async () => {
    const target = await createUser({ role: "bewoner" });
    const reason = "Een goede reden.";
    expect(blockAccount(as(leader), leader.id, reason)).toMatchObject({ ok: false, reason: "self", message: "audit.block.notAllowed.self" });
    expect(blockAccount(as(admin), admin.id, reason)).toMatchObject({ ok: false, reason: "self" });
    expect(blockAccount(as(leader), leader2.id, reason)).toMatchObject({ ok: false, reason: "staff", message: "audit.block.notAllowed.staff" });
    expect(blockAccount(as(leader), official.id, reason)).toMatchObject({ ok: false, reason: "staff" });
    expect(blockAccount(as(leader), admin.id, reason)).toMatchObject({ ok: false, reason: "staff" });
    expect(blockAccount(as(admin), admin2.id, reason)).toMatchObject({ ok: false, reason: "staff", message: "audit.block.notAllowed.admin" });
    expect(blockAccount(as(residents[0]!), target.id, reason)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(blockAccount(as(official), target.id, reason)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(blockAccount(null, target.id, reason)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(unblockAccount(as(official), target.id, reason)).toMatchObject({ ok: false, reason: "forbidden" });

    // The pure rule says the same.
    expect(blockPermissionRefusal(as(leader), { id: target.id, role: "bewoner" })).toBeNull();
    expect(blockPermissionRefusal(as(admin), { id: official.id, role: "ambtenaar" })).toBeNull();
    expect(blockPermissionRefusal(as(admin), { id: leader.id, role: "projectleider" })).toBeNull();

    // An administrator may block staff other than administrators.
    const staff = await createUser({ role: "ambtenaar" });
    const { token } = createSession(staff.id);
    expect(blockAccount(as(admin), staff.id, reason)).toMatchObject({ ok: true });
    expect(validateSessionToken(token)).toBeNull();
    expect(unblockAccount(as(admin), staff.id, reason)).toMatchObject({ ok: true });

    // Nothing was written for the refusals.
    for (const id of [leader.id, admin.id, leader2.id, official.id, admin2.id, target.id]) {
      expect(auditsFor("user", id).filter((r) => r.action.startsWith("account.") && r.action.endsWith("blocked"))).toHaveLength(0);
      expect(getDb().select().from(users).where(eq(users.id, id)).get()!.blockedAt).toBeNull();
    }
  });

  it("requires a reason of 3 to 500 characters, and refuses a double block, an unblock of an active account, unknown and deleted accounts", async () => {
    const target = await createUser({ role: "bewoner" });
    const { token } = createSession(target.id);
    expect(blockAccount(as(leader), target.id, "")).toEqual({ ok: false, reason: "reason", field: "reason", message: "audit.block.error.reasonRequired" });
    expect(blockAccount(as(leader), target.id, "  ab  ")).toMatchObject({ ok: false, reason: "reason", message: "audit.block.error.reasonRequired" });
    expect(blockAccount(as(leader), target.id, "x".repeat(501))).toMatchObject({ ok: false, reason: "reason", message: "audit.block.error.reasonTooLong" });
    expect(unblockAccount(as(leader), target.id, " ")).toMatchObject({ ok: false, reason: "reason" });
    // Refused: nothing changed, the session lives on, no mail.
    expect(validateSessionToken(token)).not.toBeNull();
    expect(auditsFor("user", target.id)).toHaveLength(0);
    expect(mailsTo(target.email)).toHaveLength(0);

    expect(unblockAccount(as(leader), target.id, "Niet geblokkeerd")).toMatchObject({ ok: false, reason: "not_blocked", message: "audit.block.error.notBlocked" });
    expect(blockAccount(as(leader), target.id, "x".repeat(500))).toMatchObject({ ok: true });
    expect(blockAccount(as(leader2), target.id, "Nog een keer")).toMatchObject({ ok: false, reason: "already_blocked", message: "audit.block.error.alreadyBlocked" });
    expect(auditsFor("user", target.id)).toHaveLength(1);

    expect(blockAccount(as(leader), "bestaat-niet", "Een reden")).toEqual({ ok: false, reason: "not_found" });
    const gone = await createUser({ role: "bewoner" });
    getDb().update(users).set({ deletedAt: new Date(), email: null }).where(eq(users.id, gone.id)).run();
    expect(blockAccount(as(leader), gone.id, "Een reden")).toEqual({ ok: false, reason: "not_found" });
    expect(getParticipantOverview(gone.id)).toBeNull();
    expect(getParticipantOverview("bestaat-niet")).toBeNull();
  });

  it("lists which accounts are blocked, and shows a participant's contributions and what of it is not visible", async () => {
    const person = await createUser({ role: "bewoner", displayName: "Lotte" });
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(person, cycleId, "Enge steeg");
    propose(person, knelpuntId, "Samen lopen");
    const now = new Date();
    const reaction = getDb()
      .insert(reactions)
      .values({ targetType: "knelpunt", targetId: knelpuntId, authorId: person.id, body: "Eens!", createdAt: now, updatedAt: now })
      .returning({ id: reactions.id })
      .get();
    getDb()
      .insert(reactions)
      .values({ targetType: "knelpunt", targetId: knelpuntId, authorId: person.id, body: "Verborgen", moderation: "hidden", createdAt: now, updatedAt: now })
      .run();
    const overview = getParticipantOverview(person.id)!;
    expect(overview).toMatchObject({ displayName: "Lotte", role: "bewoner", blockedAt: null });
    expect(overview.counts).toEqual({
      knelpunten: { total: 1, notVisible: 0 },
      measures: { total: 1, notVisible: 0 },
      reactions: { total: 2, notVisible: 1 },
      answers: { total: 0, notVisible: 0 },
    });
    expect(reaction.id).toBeGreaterThan(0);

    blockAccount(as(leader), person.id, "Tijdelijk geblokkeerd.");
    expect(blockedAmong([person.id, residents[0]!.id])).toEqual(new Set([person.id]));
    expect(blockedAmong([])).toEqual(new Set());
    const rows = auditRowsAboutUser(person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "account.blocked",
      known: true,
      reason: "Tijdelijk geblokkeerd.",
      actor: { kind: "person", id: leader.id, displayName: "Mark", role: "projectleider" },
      target: { type: "user", id: person.id, label: "Lotte", href: `/moderatie/deelnemers/${person.id}` },
    });
  });
});

// ---------------------------------------------------------------------------

describe("audit rows for each privileged action", () => {
  /** Exactly one row of this action on this target, by this actor. */
  function expectOneRow(action: string, targetType: string, targetId: string | number, actorId: string) {
    const rows = auditsFor(targetType, targetId).filter((r) => r.action === action);
    expect(rows, `${action} on ${targetType} ${targetId}`).toHaveLength(1);
    expect(rows[0]!.actorId).toBe(actorId);
    return rows[0]!;
  }

  const cycleInput = (title: string, extra: Record<string, string> = {}) =>
    cycleSchema.parse({ title, theme: "Donkere plekken", intro: "", wijken: "Oosterparkwijk", supportLimit: "0", supportThreshold: "1", minVolunteers: "1", ...extra });

  it("role change, block and unblock", async () => {
    const person = await createUser({ role: "bewoner" });
    expect(changeRole(as(admin), { userId: person.id, role: "projectleider", organisation: null })).toMatchObject({ ok: true });
    expect(expectOneRow("account.role_changed", "user", person.id, admin.id).details).toEqual({ from: "bewoner", to: "projectleider", organisation: null });
    expect(blockAccount(as(admin), person.id, "Misbruik van de rol.")).toMatchObject({ ok: true });
    expect(expectOneRow("account.blocked", "user", person.id, admin.id).reason).toBe("Misbruik van de rol.");
    expect(unblockAccount(as(admin), person.id, "Opgelost na gesprek.")).toMatchObject({ ok: true });
    expect(expectOneRow("account.unblocked", "user", person.id, admin.id).reason).toBe("Opgelost na gesprek.");
  });

  it("cycle created, updated (changed fields; settings before and after) and phase moved", () => {
    const created = createCycle(as(leader), cycleInput(`Auditronde ${randomUUID().slice(0, 6)}`));
    if (!created.ok) throw new Error(created.reason);
    expect(expectOneRow("cycle.created", "cycle", created.id, leader.id).details).toEqual({
      settings: { screening: false, supportLimit: 0, supportThreshold: 1, minVolunteers: 1 },
    });

    // Saving without changes writes nothing.
    expect(updateCycle(as(leader), created.id, cycleInput("Zelfde", { slug: created.slug }))).toMatchObject({ ok: true });
    const afterTitle = auditsFor("cycle", created.id).filter((r) => r.action === "cycle.updated");
    expect(afterTitle).toHaveLength(1);
    expect(afterTitle[0]!.details).toEqual({ changed: ["title"] });
    expect(updateCycle(as(leader), created.id, cycleInput("Zelfde", { slug: created.slug }))).toMatchObject({ ok: true });
    expect(auditsFor("cycle", created.id).filter((r) => r.action === "cycle.updated")).toHaveLength(1);

    expect(updateCycle(as(leader), created.id, cycleInput("Zelfde", { slug: created.slug, screening: "on", supportThreshold: "7", wijken: "De Hoogte" }))).toMatchObject({ ok: true });
    const updates = auditsFor("cycle", created.id).filter((r) => r.action === "cycle.updated");
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      actorId: leader.id,
      details: {
        changed: ["wijken", "screening", "supportThreshold"],
        before: { screening: false, supportThreshold: 1 },
        after: { screening: true, supportThreshold: 7 },
      },
    });

    expect(moveCyclePhase(as(leader), created.id, "meedenken", "concept")).toEqual({ ok: true });
    expect(expectOneRow("cycle.phase_moved", "cycle", created.id, leader.id).details).toEqual({ from: "concept", to: "meedenken" });
  });

  it("post published and unpublished, question closed and reopened", () => {
    const post = createPost(as(leader), { title: `Auditbericht ${randomUUID().slice(0, 6)}`, slug: null, cycleId: null, body: "Tekst van het bericht." }, { publish: true });
    if (!post.ok) throw new Error(post.reason);
    expectOneRow("post.published", "post", post.id, leader.id);
    const offline = updatePost(as(leader2), post.slug, { title: "Offline", slug: post.slug, cycleId: null, body: "Tekst." }, "unpublish");
    expect(offline).toMatchObject({ ok: true, changed: "unpublished" });
    expectOneRow("post.unpublished", "post", post.id, leader2.id);
    // Changing someone else's post without publishing: on the record; one's own: not.
    expect(updatePost(as(leader2), post.slug, { title: "Anders", slug: post.slug, cycleId: null, body: "Tekst." }, "save")).toMatchObject({ ok: true, changed: null });
    expectOneRow("post.edited", "post", post.id, leader2.id);
    expect(updatePost(as(leader), post.slug, { title: "Weer anders", slug: post.slug, cycleId: null, body: "Tekst." }, "save")).toMatchObject({ ok: true });
    expectOneRow("post.edited", "post", post.id, leader2.id);

    const cycleId = makeCycle("meedenken");
    const asked = askQuestion(as(leader), questionSchema.parse({ cycleId: String(cycleId), prompt: "Wanneer is het eng?", description: "", kind: "open", options: "", postId: "" }));
    if (!asked.ok) throw new Error(asked.reason);
    expect(setQuestionStatus(as(leader2), asked.id, "closed")).toEqual({ ok: true });
    expectOneRow("question.closed", "question", asked.id, leader2.id);
    expect(setQuestionStatus(as(leader), asked.id, "open")).toEqual({ ok: true });
    expectOneRow("question.reopened", "question", asked.id, leader.id);
  });

  it("escalation and an official's answer", () => {
    const cycleId = makeCycle("opschalen");
    const knelpuntId = report(residents[0]!, cycleId);
    expect(escalateKnelpunt(as(leader), knelpuntId, { explanation: "Bewoners kunnen de lampen niet zelf maken.", stillUnsafe: false, fastTrackReason: null })).toMatchObject({ ok: true });
    expect(expectOneRow("knelpunt.escalated", "knelpunt", knelpuntId, leader.id).reason).toBe("Bewoners kunnen de lampen niet zelf maken.");
    expect(answerKnelpunt(as(official), knelpuntId, { decision: "in_behandeling", explanation: "We kijken deze week naar de lampen." })).toEqual({ ok: true, to: "in_behandeling" });
    expect(expectOneRow("knelpunt.answered", "knelpunt", knelpuntId, official.id)).toMatchObject({
      reason: "We kijken deze week naar de lampen.",
      details: { from: "geescaleerd", to: "in_behandeling" },
    });
  });

  it("adoption, abandoning and solving", () => {
    const cycleId = makeCycle("zelf_doen", { supportThreshold: 1, minVolunteers: 1 });
    const knelpuntId = report(residents[0]!, cycleId);
    const adopted = propose(residents[1]!, knelpuntId, "Tunnel verven");
    expect(supportMeasure(as(residents[2]!), adopted)).toMatchObject({ ok: true });
    expect(volunteerForMeasure(as(residents[2]!), adopted)).toMatchObject({ ok: true });
    expect(adoptMeasure(as(leader), adopted)).toMatchObject({ ok: true });
    expectOneRow("measure.adopted", "measure", adopted, leader.id);

    const stopped = propose(residents[1]!, knelpuntId, "Bloembakken");
    expect(abandonMeasure(as(leader), stopped, { reason: "Geen vergunning gekregen." })).toEqual({ ok: true });
    expect(expectOneRow("measure.abandoned", "measure", stopped, leader.id).reason).toBe("Geen vergunning gekregen.");

    // The author's own progress is not a privileged action; a project leader's on someone else's measure is.
    expect(reportMeasureProgress(as(residents[1]!), adopted, { to: "in_uitvoering", note: null })).toEqual({ ok: true });
    expect(reportMeasureProgress(as(leader), adopted, { to: "uitgevoerd", note: "Klaar, met foto's." })).toEqual({ ok: true });
    expect(expectOneRow("measure.progress", "measure", adopted, leader.id)).toMatchObject({ reason: "Klaar, met foto's.", details: { from: "in_uitvoering", to: "uitgevoerd" } });
    expect(resolveKnelpunt(as(leader), knelpuntId, { explanation: "De tunnel is geverfd en voelt veilig." })).toEqual({ ok: true });
    expect(expectOneRow("knelpunt.resolved", "knelpunt", knelpuntId, leader.id).reason).toBe("De tunnel is geverfd en voelt veilig.");
  });
});

// ---------------------------------------------------------------------------

describe("the catalog of actions", () => {
  /** Every action string the domain code writes: `action: "..."` (and the strings inside a ternary there). */
  function actionsWrittenInCode(): { literals: Set<string>; templates: string[] } {
    const root = path.resolve("app/domain");
    const literals = new Set<string>();
    const templates: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(file, "utf8");
          if (!/auditLog|appendAudit/.test(text)) continue;
          for (const match of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
            const expression = match[1]!;
            for (const literal of expression.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) literals.add(literal[1]!);
            for (const template of expression.matchAll(/`([^`]*\$\{[^`]*)`/g)) templates.push(`${path.relative(root, file)}: ${template[1]}`);
          }
        }
      }
    };
    walk(root);
    return { literals, templates };
  }

  it("knows every action the code writes, and has a Dutch and English label for each action and target type", () => {
    const { literals, templates } = actionsWrittenInCode();
    expect(literals.size).toBeGreaterThan(10);
    for (const action of literals) expect(AUDIT_ACTIONS, `unknown audit action ${action}`).toContain(action);
    // A template cannot be checked here; the one we know: post.${changed}, with changed "published" | "unpublished".
    expect(templates).toContain("posts/posts.server.ts: post.${changed}");
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(["post.published", "post.unpublished"]));
    for (const action of AUDIT_ACTIONS) {
      expect(nl).toHaveProperty([`audit.action.${action}`]);
      expect((en as Record<string, string>)[`audit.action.${action}`]).toBeTruthy();
    }
    for (const type of AUDIT_TARGET_TYPES) expect(nl).toHaveProperty([`audit.target.${type}`]);
  });
});

// ---------------------------------------------------------------------------

describe("reading the log", () => {
  it("filters by action, actor, target and dates (Europe/Amsterdam), newest first, 50 a page with a keyset", async () => {
    const actor = await createUser({ role: "projectleider", displayName: "Pagina Leider" });
    const target = await createUser({ role: "bewoner", displayName: "Pagina Bewoner" });
    const db = getDb();
    const base = new Date("2031-05-10T12:00:00Z").getTime();
    for (let i = 0; i < 60; i++) {
      appendAudit(db, { actorId: actor.id, action: "account.blocked", targetType: "user", targetId: target.id, reason: `r${i}`, createdAt: new Date(base + i * 60_000) });
    }
    const first = listAuditLog({ actorId: actor.id });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]!.reason).toBe("r59");
    expect(first.olderThan).toBe(first.entries.at(-1)!.id);
    const second = listAuditLog({ actorId: actor.id, before: first.olderThan });
    expect(second.entries.map((e) => e.reason)).toEqual(Array.from({ length: 10 }, (_, i) => `r${9 - i}`));
    expect(second.olderThan).toBeNull();

    expect(listAuditLog({ actorId: actor.id, action: "account.unblocked" }).entries).toHaveLength(0);
    expect(listAuditLog({ targetType: "user", targetId: target.id, action: "account.blocked" }).entries).toHaveLength(AUDIT_PAGE_SIZE);

    // Dates are days in Amsterdam: 2031-05-10 00:00 CEST is 2031-05-09 22:00 UTC.
    expect(amsterdamDayStart("2031-05-10")).toBe(Date.UTC(2031, 4, 9, 22));
    expect(amsterdamDayStart("2031-01-10")).toBe(Date.UTC(2031, 0, 9, 23));
    appendAudit(db, { actorId: actor.id, action: "account.unblocked", targetType: "user", targetId: target.id, reason: "late", createdAt: new Date(Date.UTC(2031, 4, 10, 22, 30)) });
    expect(listAuditLog({ actorId: actor.id, from: "2031-05-11" }).entries.map((e) => e.reason)).toEqual(["late"]);
    expect(listAuditLog({ actorId: actor.id, to: "2031-05-10" }).entries[0]!.reason).toBe("r59");
    expect(listAuditLog({ actorId: actor.id, from: "2031-05-10", to: "2031-05-10" }).entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(listAuditLog({ actorId: actor.id, from: "2031-05-12" }).entries).toHaveLength(0);
  });

  it("names the actor (system, deleted participant) and links targets that still exist", async () => {
    const db = getDb();
    const gone = await createUser({ role: "projectleider", displayName: "Weg" });
    const created = createCycle(as(leader), cycleInput(`Linkronde ${randomUUID().slice(0, 6)}`));
    if (!created.ok) throw new Error(created.reason);
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(residents[0]!, cycleId, "Linktunnel");
    const measureId = propose(residents[1]!, knelpuntId, "Linkmaatregel");
    const marker = `link-${randomUUID()}`;
    const now = new Date();
    appendAudit(db, { actorId: null, action: "measure.adopted", targetType: "measure", targetId: measureId, reason: marker, createdAt: now });
    appendAudit(db, { actorId: gone.id, action: "knelpunt.resolved", targetType: "knelpunt", targetId: knelpuntId, reason: marker, createdAt: now });
    appendAudit(db, { actorId: leader.id, action: "cycle.updated", targetType: "cycle", targetId: created.id, reason: marker, details: { changed: ["title"], secret: "x" }, createdAt: now });
    appendAudit(db, { actorId: leader.id, action: "knelpunt.resolved", targetType: "knelpunt", targetId: 987_654, reason: marker, createdAt: now });
    db.update(users).set({ deletedAt: now, email: null, displayName: "verwijderd" }).where(eq(users.id, gone.id)).run();
    db.$client.prepare("INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, created_at) VALUES (?, 'iets.nieuws', 'ding', '1', ?, ?)").run(leader.id, marker, now.getTime());

    const entries = listAuditLog({}).entries.filter((e) => e.reason === marker);
    expect(entries.map((e) => [e.action, e.actor.kind, e.target.href])).toEqual([
      ["iets.nieuws", "person", null],
      ["knelpunt.resolved", "person", null],
      ["cycle.updated", "person", `/rondes/${created.slug}`],
      ["knelpunt.resolved", "deleted", `/knelpunten/${knelpuntId}`],
      ["measure.adopted", "system", `/knelpunten/${knelpuntId}#maatregel-${measureId}`],
    ]);
    expect(entries[0]!.known).toBe(false);
    expect(entries[2]!.details).toEqual({ changed: ["title"] });
    expect(entries[4]!.target.label).toBe("Linkmaatregel");
  });

  function cycleInput(title: string) {
    return cycleSchema.parse({ title, theme: "Donkere plekken", intro: "", wijken: "", supportLimit: "0", supportThreshold: "1", minVolunteers: "1" });
  }

  it("offers the staff (not residents, not deleted accounts) in the actor filter", () => {
    const staff = listStaffForFilter();
    const ids = staff.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([admin.id, leader.id, official.id]));
    expect(ids).not.toContain(residents[0]!.id);
    expect(staff.every((s) => s.role !== "bewoner")).toBe(true);
  });

  it("reads every filter combination from an index, never by scanning the table", () => {
    const client = getDb().$client;
    const plan = (filters: AuditFilters) => {
      const { sql, params } = auditLogQuery(filters).toSQL();
      return (client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as Array<{ detail: string }>).map((r) => r.detail).join("\n");
    };
    const parts: Array<[string, AuditFilters]> = [
      ["action", { action: "account.blocked" }],
      ["actor", { actorId: leader.id }],
      ["target", { targetType: "user" }],
      ["dates", { from: "2026-01-01", to: "2026-12-31" }],
      ["before", { before: 1000 }],
    ];
    let checked = 0;
    for (let mask = 1; mask < 1 << parts.length; mask++) {
      const filters: AuditFilters = {};
      const names: string[] = [];
      parts.forEach(([name, part], i) => {
        if (mask & (1 << i)) {
          Object.assign(filters, part);
          names.push(name);
        }
      });
      for (const withTargetId of filters.targetType ? [false, true] : [false]) {
        const combination = withTargetId ? { ...filters, targetId: residents[0]!.id } : filters;
        const text = plan(combination);
        const label = `${names.join("+")}${withTargetId ? "+targetId" : ""}:\n${text}`;
        expect(text, label).not.toMatch(/SCAN audit_log\b(?! USING)/);
        expect(text, label).toMatch(/SEARCH audit_log USING (COVERING )?INDEX audit_log_\w+_idx|SEARCH audit_log USING INTEGER PRIMARY KEY/);
        if (filters.action) expect(text, label).toMatch(/audit_log_(action|actor|target|type|created)_idx/);
        checked++;
      }
    }
    expect(checked).toBe(47);
    // No filter at all: the newest rows in primary-key order, stopping after one page (no sort).
    const all = plan({});
    expect(all).toMatch(/SCAN audit_log/);
    expect(all).not.toMatch(/TEMP B-TREE/);
  });
});
