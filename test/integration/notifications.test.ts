import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { appSecrets, cycles, outbox, pendingNotifications, users } from "#db/schema";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import { reportKnelpunt } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { proposeMeasure, supportMeasure, volunteerForMeasure } from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import {
  IS_FOLLOWING,
  followersOf,
  isFollowing,
  sendDailyDigestIfDue,
  sendDigests,
  setFollowing,
  setNotifyMode,
  unsubscribe,
} from "~/domain/notifications/notifications.server";
import { unsubscribeToken, verifyUnsubscribeToken } from "~/domain/notifications/tokens.server";
import { createUser, type TestUser } from "../support/factories";

let reporter: TestUser;
let supporter: TestUser;
let volunteer: TestUser;
let bystander: TestUser;
let leader: TestUser;

function makeCycle(): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({ slug: `ronde-${randomUUID()}`, title: "Testronde", theme: "Tunnels", phase: "zelf_doen", wijken: ["Oost"], supportLimit: 0, supportThreshold: 5, minVolunteers: 2, createdAt: now, updatedAt: now })
    .returning({ id: cycles.id })
    .get().id;
}

/** A knelpunt reported by `reporter`, with a self-help measure that `supporter` supports and `volunteer` helps with. */
function knelpuntWithFollowers(): number {
  const cycleId = makeCycle();
  const reported = reportKnelpunt(reporter, cycleId, knelpuntSchema.parse({ title: "Donkere tunnel", description: "Het is er 's avonds donker.", wijk: "Oost", locationText: "Europaweg" }));
  if (!reported.ok) throw new Error(reported.reason);
  const measure = proposeMeasure(reporter, reported.id, measureSchema.parse({ kind: "zelf", title: "Samen fietsen", description: "We fietsen samen naar huis." }));
  if (!measure.ok) throw new Error(measure.reason);
  expect(supportMeasure(supporter, measure.id).ok).toBe(true);
  expect(volunteerForMeasure(volunteer, measure.id).ok).toBe(true);
  return reported.id;
}

function fastTrack(knelpuntId: number) {
  const result = escalateKnelpunt(leader, knelpuntId, { explanation: "De lampen zijn al weken kapot.", stillUnsafe: false, fastTrackReason: "Er is al twee keer iemand gevallen in het donker." });
  if (!result.ok) throw new Error(result.reason);
}

const mailsTo = (email: string) => getDb().select().from(outbox).where(eq(outbox.toAddress, email)).all();

beforeAll(async () => {
  reporter = await createUser({ role: "bewoner", displayName: "Melder" });
  supporter = await createUser({ role: "bewoner", displayName: "Steuner" });
  volunteer = await createUser({ role: "bewoner", displayName: "Helper" });
  bystander = await createUser({ role: "bewoner", displayName: "Omstander" });
  leader = await createUser({ role: "projectleider", displayName: "Leider" });
});

beforeEach(() => {
  for (const user of [reporter, supporter, volunteer, bystander, leader]) setNotifyMode(user.id, "direct");
});

describe("who follows a knelpunt", () => {
  it("follows what one reported, supported or helps with, plus an explicit follow; an unfollow wins", () => {
    const id = knelpuntWithFollowers();
    expect(followersOf(getDb(), id).map((f) => f.displayName).sort()).toEqual(["Helper", "Melder", "Steuner"]);
    expect(isFollowing(bystander.id, id)).toBe(false);
    setFollowing(bystander.id, id, true);
    expect(isFollowing(bystander.id, id)).toBe(true);
    setFollowing(supporter.id, id, false);
    expect(isFollowing(supporter.id, id)).toBe(false);
    expect(followersOf(getDb(), id).map((f) => f.displayName).sort()).toEqual(["Helper", "Melder", "Omstander"]);
    // Following through what one did, without an explicit choice.
    expect(isFollowing(supporter.id, knelpuntWithFollowers())).toBe(true);
    expect(isFollowing(volunteer.id, knelpuntWithFollowers())).toBe(true);
  });

  it("checks supports and volunteering from the person's side, not with a seek per measure of the knelpunt", () => {
    const plan = (getDb().$client.prepare(`EXPLAIN QUERY PLAN ${IS_FOLLOWING}`).all({ knelpuntId: 1, userId: "x" }) as { detail: string }[]).map((row) => row.detail);
    expect(plan).toContain("SEARCH s USING INDEX supports_user_cycle_idx (user_id=?)");
    expect(plan).toContain("SEARCH v USING INDEX volunteers_user_idx (user_id=?)");
    expect(plan.filter((detail) => detail.includes("measures_knelpunt_idx"))).toEqual([]);
  });
});

describe("mail when a followed knelpunt changes", () => {
  it("mails followers at once, queues a digest line for daily readers, skips 'nooit', the actor and non-followers", () => {
    const id = knelpuntWithFollowers();
    setNotifyMode(supporter.id, "dagelijks");
    setNotifyMode(volunteer.id, "nooit");
    setFollowing(leader.id, id, true);
    const before = (email: string) => mailsTo(email).length;
    const counts = { reporter: before(reporter.email), supporter: before(supporter.email), volunteer: before(volunteer.email), bystander: before(bystander.email), leader: before(leader.email) };

    fastTrack(id);

    const reporterMails = mailsTo(reporter.email);
    expect(reporterMails).toHaveLength(counts.reporter + 1);
    const mail = reporterMails.at(-1)!;
    expect(mail.subject).toContain("Donkere tunnel");
    expect(mail.textBody).toContain(`/knelpunten/${id}`);
    expect(mail.textBody).toMatch(/\/afmelden\?token=/);
    expect(mailsTo(supporter.email)).toHaveLength(counts.supporter);
    expect(mailsTo(volunteer.email)).toHaveLength(counts.volunteer);
    expect(mailsTo(bystander.email)).toHaveLength(counts.bystander);
    expect(mailsTo(leader.email)).toHaveLength(counts.leader); // the one who escalated
    const pending = getDb().select().from(pendingNotifications).where(eq(pendingNotifications.userId, supporter.id)).all();
    expect(pending.map((p) => p.knelpuntId)).toEqual([id]);
  });

  it("groups a day's changes into one digest per person and empties the queue", () => {
    setNotifyMode(supporter.id, "dagelijks");
    const first = knelpuntWithFollowers();
    const second = knelpuntWithFollowers();
    fastTrack(first);
    fastTrack(second);
    const before = mailsTo(supporter.email).length;
    expect(sendDigests()).toBeGreaterThanOrEqual(1);
    const digests = mailsTo(supporter.email).slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.textBody).toContain(`/knelpunten/${first}`);
    expect(digests[0]!.textBody).toContain(`/knelpunten/${second}`);
    expect(getDb().select().from(pendingNotifications).where(eq(pendingNotifications.userId, supporter.id)).all()).toEqual([]);
    expect(sendDigests()).toBe(0);
  });

  it("sends the daily digest once a day, from 08:00 Amsterdam time", () => {
    getDb().delete(appSecrets).where(eq(appSecrets.name, "digest_last_day")).run();
    setNotifyMode(supporter.id, "dagelijks");
    fastTrack(knelpuntWithFollowers());
    const early = new Date("2026-12-01T06:30:00Z"); // 07:30 in Amsterdam
    const later = new Date("2026-12-01T08:00:00Z"); // 09:00 in Amsterdam
    expect(sendDailyDigestIfDue(early)).toBe(0);
    expect(sendDailyDigestIfDue(later)).toBeGreaterThanOrEqual(1);
    fastTrack(knelpuntWithFollowers());
    expect(sendDailyDigestIfDue(new Date("2026-12-01T15:00:00Z"))).toBe(0);
    expect(sendDailyDigestIfDue(new Date("2026-12-02T07:05:00Z"))).toBeGreaterThanOrEqual(1);
  });
});

describe("the unsubscribe link", () => {
  it("works for its own person, refuses forged tokens, and may be used twice", () => {
    const token = unsubscribeToken(bystander.id);
    expect(verifyUnsubscribeToken(token)).toBe(bystander.id);
    const [, signature] = token.split(".");
    expect(verifyUnsubscribeToken(`${reporter.id}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${bystander.id}.${signature!.slice(0, -2)}xx`)).toBeNull();
    expect(verifyUnsubscribeToken(`${bystander.id}`)).toBeNull();
    expect(verifyUnsubscribeToken("")).toBeNull();

    expect(unsubscribe(bystander.id)).toBe(true);
    expect(unsubscribe(bystander.id)).toBe(true);
    expect(getDb().select({ mode: users.notifyMode }).from(users).where(eq(users.id, bystander.id)).get()?.mode).toBe("nooit");
  });
});
