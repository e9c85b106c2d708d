import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { cycles, knelpunten, measures, supports, volunteers } from "#db/schema";
import type { Phase } from "~/domain/cycles/policy";
import { reportKnelpunt } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { proposeMeasure, supportMeasure, volunteerForMeasure, withdrawSupport, withdrawVolunteer } from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import { createUser, type TestUser } from "../support/factories";
import { startParallelPool, type ParallelPool } from "../support/parallel-run";

function makeCycle(phase: Phase, settings: { supportLimit?: number; supportThreshold?: number; minVolunteers?: number } = {}): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({
      slug: `ronde-${randomUUID()}`,
      title: "Testronde",
      theme: "Tunnels",
      phase,
      wijken: ["Oosterparkwijk"],
      supportLimit: settings.supportLimit ?? 0,
      supportThreshold: settings.supportThreshold ?? 5,
      minVolunteers: settings.minVolunteers ?? 2,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

function setPhase(cycleId: number, phase: Phase) {
  getDb().update(cycles).set({ phase }).where(eq(cycles.id, cycleId)).run();
}

function report(reporter: TestUser, cycleId: number): number {
  const result = reportKnelpunt(
    reporter,
    cycleId,
    knelpuntSchema.parse({ title: "Donkere tunnel", description: "Het is er 's avonds donker.", wijk: "Oosterparkwijk", locationText: "Europaweg" }),
  );
  if (!result.ok) throw new Error(`report: ${result.reason}`);
  return result.id;
}

function propose(author: TestUser, knelpuntId: number, title = "Samen fietsen"): number {
  const result = proposeMeasure(author, knelpuntId, measureSchema.parse({ kind: "zelf", title, description: "We fietsen samen naar huis." }));
  if (!result.ok) throw new Error(`propose: ${result.reason}`);
  return result.id;
}

function counts(measureId: number) {
  const db = getDb();
  const measure = db.select().from(measures).where(eq(measures.id, measureId)).get()!;
  return {
    supportCount: measure.supportCount,
    supportRows: db.select({ n: count() }).from(supports).where(eq(supports.measureId, measureId)).get()!.n,
    volunteerCount: measure.volunteerCount,
    volunteerRows: db.select({ n: count() }).from(volunteers).where(eq(volunteers.measureId, measureId)).get()!.n,
  };
}

/** Every counter in a cycle equals the COUNT(*) of its rows. */
function expectCountersExact(cycleId: number) {
  const db = getDb();
  const mismatches = db.$client
    .prepare(
      `SELECT m.id, m.support_count, m.volunteer_count,
              (SELECT count(*) FROM supports s WHERE s.measure_id = m.id) AS supports,
              (SELECT count(*) FROM volunteers v WHERE v.measure_id = m.id) AS volunteers
         FROM measures m
        WHERE m.cycle_id = ? AND (m.support_count != supports OR m.volunteer_count != volunteers)`,
    )
    .all(cycleId);
  expect(mismatches).toEqual([]);
  const knelpuntMismatches = db.$client
    .prepare(
      `SELECT k.id FROM knelpunten k
        WHERE k.cycle_id = ?
          AND k.support_count != (SELECT count(*) FROM supports s JOIN measures m ON m.id = s.measure_id WHERE m.knelpunt_id = k.id)`,
    )
    .all(cycleId);
  expect(knelpuntMismatches).toEqual([]);
}

let residents: TestUser[];
let leader: TestUser;
let official: TestUser;
let admin: TestUser;

beforeAll(async () => {
  residents = await Promise.all(Array.from({ length: 10 }, (_, i) => createUser({ role: "bewoner", displayName: `Bewoner ${i}` })));
  leader = await createUser({ role: "projectleider" });
  official = await createUser({ role: "ambtenaar", organisation: "Gemeente Groningen" });
  admin = await createUser({ role: "beheerder" });
});

describe("the per-resident support limit", () => {
  it("refuses a support beyond the cycle's limit, counted over all its measures; withdrawing frees a slot", () => {
    const cycleId = makeCycle("zelf_doen", { supportLimit: 3 });
    const [a, b] = [report(residents[0]!, cycleId), report(residents[1]!, cycleId)];
    const ids = [propose(residents[0]!, a, "Lichtschouw"), propose(residents[0]!, a, "Buddysysteem"), propose(residents[1]!, b, "Tunnel verven"), propose(residents[1]!, b, "Rondje lopen")];
    const me = residents[2]!;
    for (const id of ids.slice(0, 3)) expect(supportMeasure(me, id)).toMatchObject({ ok: true, changed: true, supportCount: 1 });
    expect(supportMeasure(me, ids[3]!)).toMatchObject({ ok: false, reason: "limit_reached", message: "measure.refusal.limit_reached" });
    expect(counts(ids[3]!)).toMatchObject({ supportCount: 0, supportRows: 0 });
    // Supporting one you already support is not over the limit.
    expect(supportMeasure(me, ids[0]!)).toMatchObject({ ok: true, changed: false, supportCount: 1, used: 3, limit: 3 });

    expect(withdrawSupport(me, ids[1]!)).toMatchObject({ ok: true, changed: true, supportCount: 0, used: 2 });
    expect(supportMeasure(me, ids[3]!)).toMatchObject({ ok: true, changed: true, used: 3 });
    // The limit is per cycle: another cycle starts from zero.
    const other = makeCycle("zelf_doen", { supportLimit: 3 });
    expect(supportMeasure(me, propose(residents[0]!, report(residents[0]!, other)))).toMatchObject({ ok: true, changed: true, used: 1 });
    expectCountersExact(cycleId);
  });

  it("has no limit when the cycle's limit is 0", () => {
    const cycleId = makeCycle("zelf_doen", { supportLimit: 0 });
    const knelpuntId = report(residents[0]!, cycleId);
    const ids = Array.from({ length: 12 }, (_, i) => propose(residents[0]!, knelpuntId, `Maatregel ${i + 1}`));
    for (const id of ids) expect(supportMeasure(residents[3]!, id)).toMatchObject({ ok: true, changed: true });
    expect(getDb().select({ n: count() }).from(supports).where(and(eq(supports.userId, residents[3]!.id), eq(supports.cycleId, cycleId))).get()!.n).toBe(12);
    const knelpunt = getDb().select().from(knelpunten).where(eq(knelpunten.id, knelpuntId)).get()!;
    expect(knelpunt.supportCount).toBe(12);
  });
});

describe("supporting and volunteering", () => {
  it("keeps one support per resident per measure, and withdrawing twice changes nothing", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = propose(residents[0]!, report(residents[0]!, cycleId));
    expect(supportMeasure(residents[1]!, id)).toMatchObject({ ok: true, changed: true, supportCount: 1 });
    expect(supportMeasure(residents[1]!, id)).toMatchObject({ ok: true, changed: false, supportCount: 1 });
    expect(supportMeasure(residents[2]!, id)).toMatchObject({ ok: true, changed: true, supportCount: 2 });
    expect(withdrawSupport(residents[1]!, id)).toMatchObject({ ok: true, changed: true, supportCount: 1 });
    expect(withdrawSupport(residents[1]!, id)).toMatchObject({ ok: true, changed: false, supportCount: 1 });
    expect(counts(id)).toMatchObject({ supportCount: 1, supportRows: 1 });
  });

  it("lets residents volunteer and sign off, with exact counts", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = propose(residents[0]!, report(residents[0]!, cycleId));
    expect(volunteerForMeasure(residents[1]!, id)).toEqual({ ok: true, changed: true, volunteerCount: 1 });
    expect(volunteerForMeasure(residents[1]!, id)).toEqual({ ok: true, changed: false, volunteerCount: 1 });
    expect(volunteerForMeasure(residents[2]!, id)).toEqual({ ok: true, changed: true, volunteerCount: 2 });
    expect(withdrawVolunteer(residents[1]!, id)).toEqual({ ok: true, changed: true, volunteerCount: 1 });
    expect(withdrawVolunteer(residents[1]!, id)).toEqual({ ok: true, changed: false, volunteerCount: 1 });
    expect(counts(id)).toMatchObject({ volunteerCount: 1, volunteerRows: 1 });
    // Volunteering does not use a support.
    expect(counts(id)).toMatchObject({ supportCount: 0, supportRows: 0 });
  });

  it("refuses project leaders, officials, administrators and visitors, and writes nothing", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = propose(residents[0]!, report(residents[0]!, cycleId));
    for (const who of [leader, official, admin]) {
      expect(supportMeasure(who, id)).toMatchObject({ ok: false, reason: "not_resident", message: "measure.refusal.not_resident" });
      expect(volunteerForMeasure(who, id)).toMatchObject({ ok: false, reason: "not_resident" });
      expect(withdrawSupport(who, id)).toMatchObject({ ok: false, reason: "not_resident" });
    }
    expect(supportMeasure(null, id)).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(volunteerForMeasure(null, id)).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(counts(id)).toEqual({ supportCount: 0, supportRows: 0, volunteerCount: 0, volunteerRows: 0 });
  });

  it("refuses supporting, withdrawing and volunteering outside zelf_doen", () => {
    const cycleId = makeCycle("zelf_doen");
    const id = propose(residents[0]!, report(residents[0]!, cycleId));
    expect(supportMeasure(residents[1]!, id)).toMatchObject({ ok: true, changed: true });
    expect(volunteerForMeasure(residents[1]!, id)).toMatchObject({ ok: true, changed: true });
    for (const phase of ["meedenken", "opschalen", "afgerond"] as const) {
      setPhase(cycleId, phase);
      expect(supportMeasure(residents[2]!, id), phase).toMatchObject({ ok: false, reason: "phase", message: "measure.refusal.phase" });
      expect(withdrawSupport(residents[1]!, id), phase).toMatchObject({ ok: false, reason: "phase" });
      expect(volunteerForMeasure(residents[2]!, id), phase).toMatchObject({ ok: false, reason: "phase" });
      expect(withdrawVolunteer(residents[1]!, id), phase).toMatchObject({ ok: false, reason: "phase" });
    }
    // A concept cycle is invisible to residents: as if the measure did not exist.
    setPhase(cycleId, "concept");
    expect(supportMeasure(residents[2]!, id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(counts(id)).toEqual({ supportCount: 1, supportRows: 1, volunteerCount: 1, volunteerRows: 1 });
  });

  it("refuses an unknown measure", () => {
    expect(supportMeasure(residents[0]!, 987_654)).toMatchObject({ ok: false, reason: "not_found", message: "measure.error.notFound" });
    expect(volunteerForMeasure(residents[0]!, 987_654)).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("exact counts", () => {
  it("keeps every counter equal to COUNT(*) after many mixed operations, and nobody over the limit", () => {
    const limit = 3;
    const cycleId = makeCycle("zelf_doen", { supportLimit: limit });
    const knelpuntIds = [report(residents[0]!, cycleId), report(residents[1]!, cycleId)];
    const ids = [0, 1, 2, 3, 4].map((i) => propose(residents[i % 2]!, knelpuntIds[i % 2]!, `Maatregel ${i + 1}`));
    // A small deterministic pseudo-random generator (mulberry32), so a failure can be replayed.
    let seed = 20_260_428;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const commands = [supportMeasure, withdrawSupport, volunteerForMeasure, withdrawVolunteer];
    const tally = { changed: 0, unchanged: 0, limit: 0 };
    for (let i = 0; i < 600; i++) {
      const who = residents[Math.floor(random() * residents.length)]!;
      const id = ids[Math.floor(random() * ids.length)]!;
      const command = commands[Math.floor(random() * commands.length)]!;
      const result = command(who, id);
      if (result.ok) tally[result.changed ? "changed" : "unchanged"] += 1;
      else if (result.reason === "limit_reached") tally.limit += 1;
      else throw new Error(`unexpected refusal ${result.reason}`);
    }
    // The run really exercised every path.
    expect(tally.changed).toBeGreaterThan(100);
    expect(tally.unchanged).toBeGreaterThan(20);
    expect(tally.limit).toBeGreaterThan(5);
    expectCountersExact(cycleId);
    const perResident = getDb().$client
      .prepare(`SELECT user_id, count(*) AS n FROM supports WHERE cycle_id = ? GROUP BY user_id HAVING n > ?`)
      .all(cycleId, limit);
    expect(perResident).toEqual([]);
  });
});

describe("parallel requests", () => {
  // 10 worker threads, each with its own connection to this file's database.
  let pool: ParallelPool;
  beforeAll(async () => {
    pool = await startParallelPool(10);
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
  });

  it("100 parallel supports by one resident for one measure give one row and support_count 1", async () => {
    const cycleId = makeCycle("zelf_doen", { supportLimit: 10 });
    const knelpuntId = report(residents[0]!, cycleId);
    const id = propose(residents[0]!, knelpuntId);
    const me = residents[4]!;
    // 10 threads × 10 calls: 100 requests over 10 connections, released at once.
    const outcomes = (
      await pool.run(Array.from({ length: 10 }, () => ({ actor: { id: me.id, role: me.role }, calls: Array.from({ length: 10 }, () => ({ command: "support" as const, measureId: id })) })))
    ).flat();
    expect(outcomes).toHaveLength(100);
    expect(outcomes.filter((o) => o === "changed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "unchanged")).toHaveLength(99);
    expect(counts(id)).toMatchObject({ supportCount: 1, supportRows: 1 });
    expect(getDb().select().from(knelpunten).where(eq(knelpunten.id, knelpuntId)).get()!.supportCount).toBe(1);
  });

  it("parallel supports by one resident for many measures stop exactly at the limit", async () => {
    const limit = 4;
    const cycleId = makeCycle("zelf_doen", { supportLimit: limit });
    const knelpuntId = report(residents[0]!, cycleId);
    const ids = Array.from({ length: 20 }, (_, i) => propose(residents[0]!, knelpuntId, `Maatregel ${i + 1}`));
    const me = residents[5]!;
    const outcomes = (
      await pool.run(
        Array.from({ length: 10 }, (_, worker) => ({
          actor: { id: me.id, role: me.role },
          calls: [ids[worker * 2]!, ids[worker * 2 + 1]!].map((measureId) => ({ command: "support" as const, measureId })),
        })),
      )
    ).flat();
    expect(outcomes.filter((o) => o === "changed")).toHaveLength(limit);
    expect(outcomes.filter((o) => o === "refused:limit_reached")).toHaveLength(20 - limit);
    expect(getDb().select({ n: count() }).from(supports).where(and(eq(supports.userId, me.id), eq(supports.cycleId, cycleId))).get()!.n).toBe(limit);
    expectCountersExact(cycleId);
  });

  it("parallel supports by many residents keep the counters exact", async () => {
    const cycleId = makeCycle("zelf_doen");
    const knelpuntId = report(residents[0]!, cycleId);
    const id = propose(residents[0]!, knelpuntId);
    const outcomes = (
      await pool.run(
        residents.map((r) => ({
          actor: { id: r.id, role: r.role },
          calls: [
            { command: "support" as const, measureId: id },
            { command: "volunteer" as const, measureId: id },
            { command: "withdraw" as const, measureId: id },
            { command: "support" as const, measureId: id },
          ],
        })),
      )
    ).flat();
    expect(outcomes.every((o) => o === "changed")).toBe(true);
    expect(counts(id)).toEqual({ supportCount: 10, supportRows: 10, volunteerCount: 10, volunteerRows: 10 });
    expectCountersExact(cycleId);
  });
});
