import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpuntStatusChanges, knelpunten, measures, users } from "#db/schema";
import type { Phase } from "~/domain/cycles/policy";
import { escalateKnelpunt } from "~/domain/escalation/escalation.server";
import {
  KNELPUNTEN_PAGE_SIZE,
  MAP_POINTS_MAX,
  countKnelpuntenByStatus,
  getKnelpuntPage,
  knelpuntListQuery,
  knelpuntWijken,
  listKnelpuntPoints,
  listKnelpunten,
  reportKnelpunt,
} from "~/domain/knelpunten/knelpunten.server";
import type { KnelpuntStatus } from "~/domain/knelpunten/policy";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { adoptMeasure, proposeMeasure, reportMeasureProgress, supportMeasure, volunteerForMeasure } from "~/domain/measures/measures.server";
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
      wijken: ["Oosterparkwijk", "De Hoogte"],
      supportThreshold: settings.supportThreshold ?? 1,
      minVolunteers: settings.minVolunteers ?? 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

const setPhase = (cycleId: number, phase: Phase) => getDb().update(cycles).set({ phase }).where(eq(cycles.id, cycleId)).run();
const knelpuntOf = (id: number) => getDb().select().from(knelpunten).where(eq(knelpunten.id, id)).get()!;
const timelineOf = (id: number) =>
  getDb().select().from(knelpuntStatusChanges).where(eq(knelpuntStatusChanges.knelpuntId, id)).orderBy(asc(knelpuntStatusChanges.id)).all();

const form = (extra: Record<string, string> = {}) =>
  knelpuntSchema.parse({
    title: "Donkere fietstunnel",
    description: "Na 22.00 uur is het er **erg** donker.",
    wijk: "Oosterparkwijk",
    locationText: "Tunnel onder de Europaweg",
    ...extra,
  });

function report(reporter: TestUser, cycleId: number, extra: Record<string, string> = {}, now?: Date): number {
  const result = reportKnelpunt(reporter, cycleId, form(extra), now);
  if (!result.ok) throw new Error(`report: ${result.reason}`);
  return result.id;
}

let resident: TestUser;
let other: TestUser;
let leader: TestUser;
let official: TestUser;

beforeAll(async () => {
  resident = await createUser({ role: "bewoner", displayName: "Ingrid" });
  other = await createUser({ role: "bewoner", displayName: "Bart" });
  leader = await createUser({ role: "projectleider", displayName: "Mark" });
  official = await createUser({ role: "ambtenaar", displayName: "Fatima", organisation: "Gemeente Groningen" });
});

describe("reporting a knelpunt", () => {
  it("lets a resident report in meedenken, with an optional point, as the first row of the timeline", () => {
    const cycleId = makeCycle("meedenken");
    const now = new Date("2026-02-10T21:30:00Z");
    const id = report(resident, cycleId, { wijk: "de hoogte", lat: "53,2239", lng: "6.5901" }, now);
    expect(knelpuntOf(id)).toMatchObject({
      cycleId,
      status: "open",
      wijk: "De Hoogte",
      lat: 53.2239,
      lng: 6.5901,
      reporterId: resident.id,
      supportCount: 0,
      createdAt: now,
    });
    expect(timelineOf(id)).toMatchObject([{ fromStatus: null, toStatus: "open", actorId: resident.id, createdAt: now }]);
    const free = report(resident, cycleId, { wijk: "Indische Buurt" });
    expect(knelpuntOf(free)).toMatchObject({ wijk: "Indische Buurt", lat: null, lng: null });
  });

  it("refuses project leaders, officials, visitors, concept and afgerond cycles", () => {
    const cycleId = makeCycle("concept");
    expect(reportKnelpunt(resident, cycleId, form())).toMatchObject({ ok: false, reason: "not_found" });
    expect(reportKnelpunt(leader, cycleId, form())).toMatchObject({ ok: false, reason: "not_resident" });
    setPhase(cycleId, "afgerond");
    expect(reportKnelpunt(resident, cycleId, form())).toMatchObject({ ok: false, reason: "phase", message: "knelpunt.refusal.phase" });
    setPhase(cycleId, "opschalen");
    expect(reportKnelpunt(official, cycleId, form())).toMatchObject({ ok: false, reason: "not_resident" });
    expect(reportKnelpunt(null, cycleId, form())).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(reportKnelpunt(resident, 999_999, form())).toMatchObject({ ok: false, reason: "not_found" });
    expect(reportKnelpunt(resident, cycleId, form())).toMatchObject({ ok: true });
  });

  it("cannot store half a point or a point abroad, whatever the caller passes", () => {
    const cycleId = makeCycle("meedenken");
    expect(() => reportKnelpunt(resident, cycleId, { ...form(), lat: 53.2, lng: null })).toThrow(/CHECK constraint failed: knelpunten_point_check/);
    expect(() => reportKnelpunt(resident, cycleId, { ...form(), lat: 48.85, lng: 2.35 })).toThrow(/knelpunten_point_check/);
    expect(listKnelpunten({ cycleId }).rows).toEqual([]);
  });
});

describe("escalating", () => {
  const escalate = (id: number, input: { stillUnsafe?: boolean; fastTrackReason?: string | null } = {}, who: TestUser = leader, now?: Date) =>
    escalateKnelpunt(who, id, { explanation: "Bewoners kunnen dit niet zelf oplossen.", stillUnsafe: input.stillUnsafe ?? false, fastTrackReason: input.fastTrackReason ?? null }, now);

  it("before opschalen: refused without a fast-track reason, allowed with one, which is stored and shown", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = report(resident, cycleId);
    expect(escalate(id)).toEqual({ ok: false, reason: "too_early", message: "escalation.refusal.too_early" });
    expect(escalate(id, { fastTrackReason: "  glas  " })).toMatchObject({ ok: false, reason: "fast_track_reason_too_short", field: "fastTrackReason" });
    expect(knelpuntOf(id).status).toBe("open");

    const now = new Date("2026-03-03T22:15:00Z");
    const reason = "Alle lampen zijn kapot en er ligt glas op het fietspad.";
    expect(escalate(id, { fastTrackReason: `  ${reason} ` }, leader, now)).toEqual({ ok: true, fastTrack: true });
    expect(knelpuntOf(id)).toMatchObject({
      status: "geescaleerd",
      escalatedAt: now,
      escalatedBy: leader.id,
      escalationExplanation: "Bewoners kunnen dit niet zelf oplossen.",
      fastTrackReason: reason,
    });
    expect(timelineOf(id).at(-1)).toMatchObject({ fromStatus: "open", toStatus: "geescaleerd", actorId: leader.id, fastTrackReason: reason });
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.targetType, "knelpunt"), eq(auditLog.targetId, String(id)))).all();
    expect(audit).toMatchObject([{ action: "knelpunt.escalated", actorId: leader.id, reason, details: { fastTrack: true, phase: "zelf_doen", from: "open" } }]);

    const page = getKnelpuntPage(id, null)!;
    expect(page.knelpunt.fastTrackReason).toBe(reason);
    expect(page.timeline.at(-1)).toMatchObject({ actorName: "Mark", fastTrackReason: reason, toStatus: "geescaleerd" });
    // Escalated once: not again.
    expect(escalate(id, { fastTrackReason: reason })).toMatchObject({ ok: false, reason: "status" });
  });

  it("never in concept, never by anyone but a project leader, and needs an explanation", () => {
    const cycleId = makeCycle("meedenken");
    const id = report(resident, cycleId);
    setPhase(cycleId, "concept");
    expect(escalate(id, { fastTrackReason: "Acuut gevaar door glas." })).toMatchObject({ ok: false, reason: "concept" });
    setPhase(cycleId, "opschalen");
    expect(escalate(id, {}, official)).toMatchObject({ ok: false, reason: "not_project_leader" });
    expect(escalate(id, {}, resident)).toMatchObject({ ok: false, reason: "not_project_leader" });
    expect(escalateKnelpunt(leader, id, { explanation: "kort", stillUnsafe: false, fastTrackReason: null })).toMatchObject({
      ok: false,
      reason: "explanation",
      field: "explanation",
    });
    expect(escalateKnelpunt(leader, 999_999, { explanation: "Een goede uitleg hier.", stillUnsafe: false, fastTrackReason: null })).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    expect(knelpuntOf(id).status).toBe("open");
  });

  it("in opschalen: normal when nothing was adopted (a reason given is not stored as fast-track)", () => {
    const cycleId = makeCycle("opschalen");
    const id = report(resident, cycleId);
    expect(escalate(id, { fastTrackReason: "Acuut gevaar door glas." })).toEqual({ ok: true, fastTrack: false });
    expect(knelpuntOf(id)).toMatchObject({ status: "geescaleerd", fastTrackReason: null });
  });

  it("in opschalen with self-help under way: only as a fast-track; once done, when residents still find it unsafe", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = report(resident, cycleId);
    const proposed = proposeMeasure(other, id, measureSchema.parse({ kind: "zelf", title: "Lichtschouw", description: "Samen de lampen nalopen." }));
    if (!proposed.ok) throw new Error("setup");
    supportMeasure(resident, proposed.id);
    volunteerForMeasure(resident, proposed.id);
    expect(adoptMeasure(leader, proposed.id)).toMatchObject({ ok: true, knelpuntStatus: "zelf_aan_de_slag" });
    setPhase(cycleId, "opschalen");
    expect(escalate(id, { stillUnsafe: true })).toMatchObject({ ok: false, reason: "self_help_under_way" });
    expect(getKnelpuntPage(id, leader)!.can.escalate).toMatchObject({ available: true, mode: "fast_track", why: "self_help_under_way" });

    reportMeasureProgress(other, proposed.id, { to: "in_uitvoering", note: null });
    reportMeasureProgress(other, proposed.id, { to: "uitgevoerd", note: null });
    expect(escalate(id)).toMatchObject({ ok: false, reason: "not_still_unsafe" });
    expect(getKnelpuntPage(id, leader)!.can.escalate).toMatchObject({ available: true, mode: "still_unsafe" });
    expect(escalate(id, { stillUnsafe: true })).toEqual({ ok: true, fastTrack: false });
    expect(timelineOf(id).map((e) => e.toStatus)).toEqual(["open", "zelf_aan_de_slag", "geescaleerd"]);
  });
});

describe("the list and the map", () => {
  let cycleId: number;
  const ids: number[] = [];

  beforeAll(() => {
    cycleId = makeCycle("zelf_doen", { supportThreshold: 100 });
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 25; i++) {
      const wijk = i % 5 === 0 ? "De Hoogte" : "Oosterparkwijk";
      const point: Record<string, string> = i % 2 === 0 ? { lat: (53.2 + i / 1000).toFixed(4), lng: "6.58" } : {};
      ids.push(report(resident, cycleId, { title: `Knelpunt nummer ${i}`, wijk, ...point }, new Date(start + i * 3_600_000)));
    }
    // Supports: knelpunt 3 gets three (on two measures), knelpunt 7 one.
    const m3a = proposeMeasure(resident, ids[3]!, measureSchema.parse({ kind: "zelf", title: "Maatregel A", description: "Een goed idee hier." }));
    const m3b = proposeMeasure(resident, ids[3]!, measureSchema.parse({ kind: "zelf", title: "Maatregel B", description: "Nog een goed idee." }));
    const m7 = proposeMeasure(resident, ids[7]!, measureSchema.parse({ kind: "zelf", title: "Maatregel C", description: "Een derde goed idee." }));
    if (!m3a.ok || !m3b.ok || !m7.ok) throw new Error("setup");
    supportMeasure(resident, m3a.id);
    supportMeasure(other, m3a.id);
    supportMeasure(other, m3b.id);
    supportMeasure(other, m7.id);
    getDb().update(knelpunten).set({ status: "geescaleerd" }).where(eq(knelpunten.id, ids[10]!)).run();
  });

  it("pages newest first, 20 a page, with has-next", () => {
    const first = listKnelpunten({ cycleId });
    expect(first.rows).toHaveLength(KNELPUNTEN_PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    expect(first.rows[0]).toMatchObject({ id: ids[24], title: "Knelpunt nummer 24", hasPoint: true, status: "open" });
    const second = listKnelpunten({ cycleId, page: 2 });
    expect(second).toMatchObject({ page: 2, hasNext: false });
    expect(second.rows.map((r) => r.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
  });

  it("sorts by support (the knelpunt's counter, over all its measures), then newest", () => {
    const rows = listKnelpunten({ cycleId, sort: "support" }).rows;
    expect(rows.slice(0, 3).map((r) => [r.id, r.supportCount])).toEqual([
      [ids[3], 3],
      [ids[7], 1],
      [ids[24], 0],
    ]);
  });

  it("filters by status and by wijk", () => {
    expect(listKnelpunten({ cycleId, status: "geescaleerd" }).rows.map((r) => r.id)).toEqual([ids[10]]);
    expect(listKnelpunten({ cycleId, wijk: "De Hoogte" }).rows.map((r) => r.id)).toEqual([ids[20], ids[15], ids[10], ids[5], ids[0]]);
    expect(listKnelpunten({ cycleId, wijk: "De Hoogte", status: "open", sort: "support" }).rows).toHaveLength(4);
    expect(countKnelpuntenByStatus(cycleId)).toEqual({ open: 24, geescaleerd: 1 });
    expect(knelpuntWijken(cycleId)).toEqual(["Oosterparkwijk", "De Hoogte"]);
  });

  it("gives the map only knelpunten with a point, with the same filters", () => {
    const { points, truncated } = listKnelpuntPoints({ cycleId });
    expect(truncated).toBe(false);
    expect(points).toHaveLength(13);
    expect(points[0]).toEqual({ id: ids[24], title: "Knelpunt nummer 24", status: "open", lat: 53.224, lng: 6.58 });
    expect(listKnelpuntPoints({ cycleId, wijk: "De Hoogte" }).points.map((p) => p.id)).toEqual([ids[20], ids[10], ids[0]]);
    expect(listKnelpuntPoints({ cycleId, status: "geescaleerd" }).points.map((p) => p.id)).toEqual([ids[10]]);
  });

  it("caps the map at 500 points", () => {
    const big = makeCycle("meedenken");
    const now = new Date();
    getDb().transaction((tx) => {
      for (let i = 0; i < MAP_POINTS_MAX + 3; i++) {
        tx.insert(knelpunten)
          .values({ cycleId: big, title: `Punt ${i}`, description: "Beschrijving", wijk: "Oosterparkwijk", locationText: "Ergens", lat: 53.2, lng: 6.5, createdAt: now, updatedAt: now })
          .run();
      }
    });
    const { points, truncated } = listKnelpuntPoints({ cycleId: big });
    expect(points).toHaveLength(MAP_POINTS_MAX);
    expect(truncated).toBe(true);
  });

  it("reads every sort and filter straight from an index, without sorting", () => {
    const db = getDb();
    const filters: Array<{ status?: KnelpuntStatus; wijk?: string }> = [{}, { status: "open" }, { wijk: "De Hoogte" }, { status: "open", wijk: "De Hoogte" }];
    for (const filter of filters) {
      for (const sort of ["newest", "support"] as const) {
        const query = knelpuntListQuery({ cycleId, ...filter, sort }, 1).toSQL();
        const plan = db.$client
          .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
          .all(...(query.params as unknown[]))
          .map((row) => (row as { detail: string }).detail)
          .join("\n");
        expect(plan, `${JSON.stringify(filter)} ${sort}`).toMatch(/USING INDEX knelpunten_cycle_/);
        expect(plan, `${JSON.stringify(filter)} ${sort}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it("counts a resident's supports in a cycle from the supports_user_cycle_idx index alone", () => {
    const plan = getDb()
      .$client.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM supports WHERE user_id = ? AND cycle_id = ?`)
      .all("x", 1)
      .map((row) => (row as { detail: string }).detail)
      .join("\n");
    expect(plan).toMatch(/USING COVERING INDEX supports_user_cycle_idx/);
  });
});

describe("the knelpunt page", () => {
  it("shows the reporter, the timeline with names and what the viewer may do", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = report(resident, cycleId, { wijk: "Oosterparkwijk", lat: "53.22", lng: "6.59" });
    const page = getKnelpuntPage(id, other)!;
    expect(page.knelpunt).toMatchObject({ id, status: "open", wijk: "Oosterparkwijk", lat: 53.22, lng: 6.59, supportCount: 0 });
    expect(page.knelpunt.descriptionHtml).toContain("<strong>erg</strong>");
    expect(page.cycle).toMatchObject({ id: cycleId, phase: "zelf_doen", wijken: ["Oosterparkwijk", "De Hoogte"] });
    expect(page.reporterName).toBe("Ingrid");
    expect(page.viewerIsReporter).toBe(false);
    expect(page.timeline).toMatchObject([{ fromStatus: null, toStatus: "open", actorName: "Ingrid", actorOrganisation: null }]);
    expect(page.selfHelpMeasures).toEqual([]);
    expect(page.governmentMeasures).toEqual([]);
    expect(page.can.proposeSelfHelp).toEqual({ allowed: true });
    expect(page.can.resolve).toMatchObject({ allowed: false, reason: "not_project_leader" });
    expect(page.can.escalate).toMatchObject({ available: false, reason: "not_project_leader", message: "escalation.refusal.not_project_leader" });
  });

  it("hides a deleted reporter's name", () => {
    const cycleId = makeCycle("meedenken");
    const id = report(other, cycleId);
    getDb().update(users).set({ deletedAt: new Date() }).where(eq(users.id, other.id)).run();
    const page = getKnelpuntPage(id, null)!;
    expect(page.reporterName).toBeNull();
    expect(page.timeline[0]!.actorName).toBeNull();
    getDb().update(users).set({ deletedAt: null }).where(eq(users.id, other.id)).run();
  });

  it("refuses, in the database, a measure whose cycle differs from its knelpunt's", () => {
    const a = makeCycle("zelf_doen");
    const b = makeCycle("zelf_doen");
    const id = report(resident, a);
    const now = new Date();
    expect(() =>
      getDb().insert(measures).values({ knelpuntId: id, cycleId: b, kind: "zelf", title: "Verkeerd", description: "Verkeerde ronde", createdAt: now, updatedAt: now }).run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
