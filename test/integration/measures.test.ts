import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpuntStatusChanges, knelpunten, measureStatusChanges, measures } from "#db/schema";
import type { Phase } from "~/domain/cycles/policy";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import { MEASURES_PAGE_SIZE, getKnelpuntPage, measurePageQuery, reportKnelpunt, resolveKnelpunt } from "~/domain/knelpunten/knelpunten.server";
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
import { createUser, type TestUser } from "../support/factories";

function makeCycle(phase: Phase, settings: { supportThreshold?: number; minVolunteers?: number } = {}): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({
      slug: `ronde-${randomUUID()}`,
      title: "Testronde",
      theme: "Tunnels",
      phase,
      wijken: ["Oosterparkwijk"],
      supportLimit: 0,
      supportThreshold: settings.supportThreshold ?? 3,
      minVolunteers: settings.minVolunteers ?? 2,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

const setPhase = (cycleId: number, phase: Phase) => getDb().update(cycles).set({ phase }).where(eq(cycles.id, cycleId)).run();
const knelpuntOf = (id: number) => getDb().select().from(knelpunten).where(eq(knelpunten.id, id)).get()!;
const measureOf = (id: number) => getDb().select().from(measures).where(eq(measures.id, id)).get()!;
const timelineOf = (id: number) =>
  getDb().select().from(knelpuntStatusChanges).where(eq(knelpuntStatusChanges.knelpuntId, id)).orderBy(asc(knelpuntStatusChanges.id)).all();
const auditsFor = (targetType: string, id: number) =>
  getDb().select().from(auditLog).where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(id)))).orderBy(asc(auditLog.id)).all();

function report(reporter: TestUser, cycleId: number): number {
  const result = reportKnelpunt(
    reporter,
    cycleId,
    knelpuntSchema.parse({ title: "Donkere tunnel", description: "Het is er 's avonds donker.", wijk: "Oosterparkwijk", locationText: "Europaweg" }),
  );
  if (!result.ok) throw new Error(`report: ${result.reason}`);
  return result.id;
}

const selfHelp = (title = "Samen fietsen") => measureSchema.parse({ kind: "zelf", title, description: "We fietsen samen naar huis." });
const government = (title = "Betere verlichting") =>
  measureSchema.parse({ kind: "overheid", title, description: "De gemeente hangt meer lampen op in de tunnel." });

function propose(author: TestUser, knelpuntId: number, title?: string): number {
  const result = proposeMeasure(author, knelpuntId, selfHelp(title));
  if (!result.ok) throw new Error(`propose: ${result.reason}`);
  return result.id;
}

let residents: TestUser[];
let leader: TestUser;
let official: TestUser;

beforeAll(async () => {
  residents = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser({ role: "bewoner", displayName: `Bewoner ${i}` })));
  leader = await createUser({ role: "projectleider", displayName: "Projectleider" });
  official = await createUser({ role: "ambtenaar", organisation: "Gemeente Groningen" });
});

/** Gives a measure `supporters` supports and `helpers` volunteers from the residents. */
function backing(measureId: number, supporters: number, helpers: number) {
  for (const r of residents.slice(0, supporters)) expect(supportMeasure(r, measureId)).toMatchObject({ ok: true });
  for (const r of residents.slice(0, helpers)) expect(volunteerForMeasure(r, measureId)).toMatchObject({ ok: true });
}

describe("proposing", () => {
  it("lets a resident propose a self-help measure in zelf_doen, recorded as voorgesteld", () => {
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(residents[0]!, cycleId);
    const result = proposeMeasure(residents[1]!, knelpuntId, selfHelp("Lichtschouw"));
    expect(result).toMatchObject({ ok: true });
    const measure = measureOf((result as { id: number }).id);
    expect(measure).toMatchObject({ kind: "zelf", status: "voorgesteld", authorId: residents[1]!.id, cycleId, supportCount: 0, volunteerCount: 0 });
    expect(getDb().select().from(measureStatusChanges).where(eq(measureStatusChanges.measureId, measure.id)).all()).toMatchObject([
      { fromStatus: null, toStatus: "voorgesteld", actorId: residents[1]!.id },
    ]);
  });

  it("refuses self-help proposals from non-residents and outside zelf_doen", () => {
    const cycleId = makeCycle("meedenken");
    const knelpuntId = report(residents[0]!, cycleId);
    expect(proposeMeasure(residents[0]!, knelpuntId, selfHelp())).toMatchObject({ ok: false, reason: "phase", message: "measure.refusal.phase" });
    setPhase(cycleId, "zelf_doen");
    expect(proposeMeasure(leader, knelpuntId, selfHelp())).toMatchObject({ ok: false, reason: "not_resident" });
    expect(proposeMeasure(official, knelpuntId, selfHelp())).toMatchObject({ ok: false, reason: "not_resident" });
    expect(proposeMeasure(null, knelpuntId, selfHelp())).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(proposeMeasure(residents[0]!, 999_999, selfHelp())).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("refuses a government measure on a knelpunt that is not escalated, with the rule's reason; allows it once escalated", () => {
    const cycleId = makeCycle("opschalen");
    const knelpuntId = report(residents[0]!, cycleId);
    expect(proposeMeasure(residents[1]!, knelpuntId, government())).toEqual({
      ok: false,
      reason: "not_escalated",
      message: "measure.refusal.not_escalated",
    });
    expect(escalateKnelpunt(leader, knelpuntId, { explanation: "Bewoners kunnen dit niet zelf oplossen.", stillUnsafe: false, fastTrackReason: null })).toEqual({
      ok: true,
      fastTrack: false,
    });
    const proposed = proposeMeasure(residents[1]!, knelpuntId, government());
    expect(proposed).toMatchObject({ ok: true });
    const id = (proposed as { id: number }).id;
    expect(measureOf(id).kind).toBe("overheid");
    // Supported like self-help (in opschalen), but nobody volunteers for it.
    expect(supportMeasure(residents[2]!, id)).toMatchObject({ ok: true, changed: true, supportCount: 1 });
    expect(supportMeasure(leader, id)).toMatchObject({ ok: false, reason: "not_resident" });
    expect(volunteerForMeasure(residents[2]!, id)).toMatchObject({ ok: false, reason: "not_self_help" });
    expect(knelpuntOf(knelpuntId).supportCount).toBe(1);
    // Self-help is over for an escalated knelpunt.
    setPhase(cycleId, "zelf_doen");
    expect(proposeMeasure(residents[1]!, knelpuntId, selfHelp())).toMatchObject({ ok: false, reason: "knelpunt_status" });
  });

  it("refuses government measures before opschalen, even for a fast-tracked knelpunt", () => {
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(residents[0]!, cycleId);
    expect(
      escalateKnelpunt(leader, knelpuntId, { explanation: "Acuut gevaar in de tunnel.", stillUnsafe: false, fastTrackReason: "Er ligt glas en alle lampen zijn kapot." }),
    ).toMatchObject({ ok: true, fastTrack: true });
    expect(proposeMeasure(residents[1]!, knelpuntId, government())).toMatchObject({ ok: false, reason: "phase" });
  });
});

describe("adopting a self-help measure", () => {
  it("is refused below the thresholds, allowed at them, and moves the knelpunt to zelf_aan_de_slag", () => {
    const cycleId = makeCycle("zelf_doen", { supportThreshold: 3, minVolunteers: 2 });
    const knelpuntId = report(residents[0]!, cycleId);
    const id = propose(residents[0]!, knelpuntId, "Lichtschouw");

    backing(id, 2, 2);
    expect(adoptMeasure(leader, id)).toEqual({ ok: false, reason: "below_support_threshold", message: "measure.refusal.below_support_threshold" });
    expect(supportMeasure(residents[2]!, id)).toMatchObject({ supportCount: 3 });
    const helperLeft = getDb().select().from(measures).where(eq(measures.id, id)).get()!;
    expect(helperLeft.volunteerCount).toBe(2);

    // A resident, an official: not theirs to decide.
    expect(adoptMeasure(residents[0]!, id)).toMatchObject({ ok: false, reason: "not_project_leader" });
    expect(adoptMeasure(official, id)).toMatchObject({ ok: false, reason: "not_project_leader" });

    const now = new Date("2026-03-01T20:00:00Z");
    expect(adoptMeasure(leader, id, now)).toEqual({ ok: true, knelpuntStatus: "zelf_aan_de_slag" });
    expect(measureOf(id)).toMatchObject({ status: "aangenomen", adoptedAt: now });
    expect(knelpuntOf(knelpuntId).status).toBe("zelf_aan_de_slag");
    expect(timelineOf(knelpuntId).map((e) => [e.fromStatus, e.toStatus, e.actorId, e.measureId])).toEqual([
      [null, "open", residents[0]!.id, null],
      ["open", "zelf_aan_de_slag", leader.id, id],
    ]);
    expect(auditsFor("measure", id)).toMatchObject([
      { action: "measure.adopted", actorId: leader.id, details: { knelpuntId, supportCount: 3, volunteerCount: 2, supportThreshold: 3, minVolunteers: 2 } },
    ]);
    expect(adoptMeasure(leader, id)).toMatchObject({ ok: false, reason: "transition" });
  });

  it("refuses too few volunteers, and a second adoption adds no second knelpunt status change", () => {
    const cycleId = makeCycle("zelf_doen", { supportThreshold: 2, minVolunteers: 2 });
    const knelpuntId = report(residents[0]!, cycleId);
    const first = propose(residents[0]!, knelpuntId, "Lichtschouw");
    const second = propose(residents[1]!, knelpuntId, "Tunnel verven");
    backing(first, 2, 1);
    expect(adoptMeasure(leader, first)).toMatchObject({ ok: false, reason: "below_min_volunteers" });
    backing(first, 2, 2);
    backing(second, 3, 3);
    expect(adoptMeasure(leader, first)).toEqual({ ok: true, knelpuntStatus: "zelf_aan_de_slag" });
    expect(adoptMeasure(leader, second)).toEqual({ ok: true, knelpuntStatus: "zelf_aan_de_slag" });
    expect(timelineOf(knelpuntId)).toHaveLength(2);
  });

  it("lets a project leader stop a measure with a public reason (audited), after which nothing moves it", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = propose(residents[0]!, report(residents[0]!, cycleId));
    expect(abandonMeasure(residents[0]!, id, { reason: "Het lukt ons niet." })).toMatchObject({ ok: false, reason: "not_project_leader" });
    expect(abandonMeasure(leader, id, { reason: "De bedrijven willen niet meedoen." })).toEqual({ ok: true });
    expect(measureOf(id)).toMatchObject({ status: "niet_doorgegaan", statusReason: "De bedrijven willen niet meedoen." });
    expect(auditsFor("measure", id)).toMatchObject([{ action: "measure.abandoned", reason: "De bedrijven willen niet meedoen.", actorId: leader.id }]);
    expect(abandonMeasure(leader, id, { reason: "Nog een keer stoppen." })).toMatchObject({ ok: false, reason: "transition" });
    expect(adoptMeasure(leader, id)).toMatchObject({ ok: false, reason: "transition" });
    expect(supportMeasure(residents[1]!, id)).toMatchObject({ ok: false, reason: "measure_status" });
  });
});

describe("progress and solving", () => {
  it("records progress by the author, and opgelost only after a measure is uitgevoerd", () => {
    const cycleId = makeCycle("zelf_doen", { supportThreshold: 1, minVolunteers: 1 });
    const knelpuntId = report(residents[0]!, cycleId);
    const id = propose(residents[1]!, knelpuntId, "Tunnel verven");
    backing(id, 1, 1);
    const explanation = { explanation: "De tunnel is geschilderd en voelt veilig." };

    expect(resolveKnelpunt(leader, knelpuntId, explanation)).toMatchObject({ ok: false, reason: "status", message: "knelpunt.refusal.resolve.status" });
    expect(adoptMeasure(leader, id)).toMatchObject({ ok: true });
    expect(resolveKnelpunt(leader, knelpuntId, explanation)).toMatchObject({ ok: false, reason: "no_measure_done" });

    expect(reportMeasureProgress(residents[2]!, id, { to: "in_uitvoering", note: null })).toMatchObject({ ok: false, reason: "not_author_or_leader" });
    expect(reportMeasureProgress(residents[1]!, id, { to: "uitgevoerd", note: null })).toMatchObject({ ok: false, reason: "transition" });
    const started = new Date("2026-03-02T10:00:00Z");
    expect(reportMeasureProgress(residents[1]!, id, { to: "in_uitvoering", note: "Verf is besteld." }, started)).toEqual({ ok: true });
    expect(resolveKnelpunt(leader, knelpuntId, explanation)).toMatchObject({ ok: false, reason: "no_measure_done" });
    const done = new Date("2026-03-09T16:00:00Z");
    expect(reportMeasureProgress(residents[1]!, id, { to: "uitgevoerd", note: null }, done)).toEqual({ ok: true });
    expect(measureOf(id)).toMatchObject({ status: "uitgevoerd", startedAt: started, completedAt: done });

    expect(resolveKnelpunt(residents[0]!, knelpuntId, explanation)).toMatchObject({ ok: false, reason: "not_project_leader" });
    const solved = new Date("2026-03-12T09:00:00Z");
    expect(resolveKnelpunt(leader, knelpuntId, explanation, solved)).toEqual({ ok: true });
    expect(knelpuntOf(knelpuntId)).toMatchObject({ status: "opgelost", resolvedAt: solved });
    expect(timelineOf(knelpuntId).at(-1)).toMatchObject({ fromStatus: "zelf_aan_de_slag", toStatus: "opgelost", explanation: explanation.explanation });
    expect(auditsFor("knelpunt", knelpuntId)).toMatchObject([{ action: "knelpunt.resolved", actorId: leader.id, reason: explanation.explanation }]);
    expect(getDb().select().from(measureStatusChanges).where(eq(measureStatusChanges.measureId, id)).orderBy(asc(measureStatusChanges.id)).all().map((c) => [c.toStatus, c.reason])).toEqual([
      ["voorgesteld", null],
      ["aangenomen", null],
      ["in_uitvoering", "Verf is besteld."],
      ["uitgevoerd", null],
    ]);
    // Solved is final: not even a fast-track escalates it.
    expect(escalateKnelpunt(leader, knelpuntId, { explanation: "Toch weer onveilig.", stillUnsafe: true, fastTrackReason: "Acuut gevaar door glas." })).toMatchObject({
      ok: false,
      reason: "status",
    });
  });
});

describe("the knelpunt page", () => {
  it("shows measures with exact counts, what the viewer did, and the same permissions the commands use", () => {
    const cycleId = makeCycle("zelf_doen", { supportThreshold: 2, minVolunteers: 1 });
    const knelpuntId = report(residents[0]!, cycleId);
    const id = propose(residents[1]!, knelpuntId, "Buddysysteem");
    backing(id, 2, 1);

    const asSupporter = getKnelpuntPage(knelpuntId, residents[0]!)!;
    expect(asSupporter.reporterName).toBe("Bewoner 0");
    expect(asSupporter.viewerIsReporter).toBe(true);
    expect(asSupporter.selfHelpMeasures).toMatchObject([
      {
        id,
        title: "Buddysysteem",
        authorName: "Bewoner 1",
        supportCount: 2,
        volunteerCount: 1,
        thresholdsMet: true,
        viewerSupports: true,
        viewerVolunteers: true,
        viewerIsAuthor: false,
        can: { support: { allowed: true }, withdrawSupport: { allowed: true }, adopt: { allowed: false, reason: "not_project_leader" } },
      },
    ]);
    expect(asSupporter.selfHelpMeasures[0]!.descriptionHtml).toContain("<p>We fietsen samen naar huis.</p>");
    expect(asSupporter.supportUsage).toEqual({ used: 1, limit: 0 });
    expect(asSupporter.can.proposeSelfHelp).toEqual({ allowed: true });
    expect(asSupporter.can.proposeGovernment).toMatchObject({ allowed: false, reason: "phase" });
    expect(asSupporter.can.escalate).toMatchObject({ available: false, reason: "not_project_leader" });

    const asLeader = getKnelpuntPage(knelpuntId, leader)!;
    expect(asLeader.selfHelpMeasures[0]!.can.adopt).toEqual({ allowed: true });
    expect(asLeader.selfHelpMeasures[0]!.can.support).toMatchObject({ allowed: false, reason: "not_resident", message: "measure.refusal.not_resident" });
    expect(asLeader.supportUsage).toBeNull();
    expect(asLeader.can.escalate).toMatchObject({ available: true, mode: "fast_track", why: "too_early", message: "escalation.mode.fast_track" });

    const asVisitor = getKnelpuntPage(knelpuntId, null)!;
    expect(asVisitor.selfHelpMeasures[0]).toMatchObject({ viewerSupports: false, can: { support: { allowed: false, reason: "not_signed_in" } } });

    setPhase(cycleId, "concept");
    expect(getKnelpuntPage(knelpuntId, residents[0]!)).toBeNull();
    expect(getKnelpuntPage(knelpuntId, leader)).not.toBeNull();
    expect(getKnelpuntPage(999_999, leader)).toBeNull();
  });
});

describe("the knelpunt page shows measures a page at a time", () => {
  it("20 per kind, oldest first, with a next page; the self-help outcome counts them all", () => {
    const cycleId = makeCycle("zelf_doen", { supportThreshold: 1, minVolunteers: 1 });
    const knelpuntId = report(residents[0]!, cycleId);
    const ids = Array.from({ length: MEASURES_PAGE_SIZE + 5 }, (_, i) => propose(residents[1 + (i % 4)]!, knelpuntId, `Maatregel nummer ${i + 1}`));
    // The last one is adopted: it is on page 2, and still counts for the outcome.
    const last = ids.at(-1)!;
    backing(last, 1, 1);
    expect(adoptMeasure(leader, last)).toMatchObject({ ok: true });

    const first = getKnelpuntPage(knelpuntId, residents[0]!, { zelf: 1, overheid: 1 })!;
    expect(first.selfHelpMeasures.map((m) => m.id)).toEqual(ids.slice(0, MEASURES_PAGE_SIZE));
    expect(first.measurePaging.zelf).toEqual({ page: 1, hasNext: true });
    expect(first.selfHelp.adopted).toBe(1);

    const second = getKnelpuntPage(knelpuntId, residents[0]!, { zelf: 2, overheid: 1 })!;
    expect(second.selfHelpMeasures.map((m) => m.id)).toEqual(ids.slice(MEASURES_PAGE_SIZE));
    expect(second.measurePaging.zelf).toEqual({ page: 2, hasNext: false });

    // Without pages (the escalation and review pages): all of them.
    expect(getKnelpuntPage(knelpuntId, leader)!.selfHelpMeasures).toHaveLength(MEASURES_PAGE_SIZE + 5);
  });
});

describe("which page a measure is on", () => {
  it("counts the measures of its kind before it", () => {
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(residents[0]!, cycleId);
    const ids = Array.from({ length: MEASURES_PAGE_SIZE + 1 }, (_, i) => propose(residents[1]!, knelpuntId, `Voorstel nummer ${i + 1}`));
    expect(measurePageQuery(knelpuntId, ids[0]!)).toBe("");
    expect(measurePageQuery(knelpuntId, ids[MEASURES_PAGE_SIZE - 1]!)).toBe("");
    expect(measurePageQuery(knelpuntId, ids[MEASURES_PAGE_SIZE]!)).toBe("?zelf=2");
    expect(measurePageQuery(knelpuntId + 1_000_000, ids[0]!)).toBe("");
  });
});
