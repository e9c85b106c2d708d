import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { cycles, knelpunten, measures, safetyRatings, users } from "#db/schema";
import type { Phase } from "~/domain/cycles/policy";
import { beforeAfter, getRatingsSection, rateKnelpunt, weeklyAverages, weeklyAveragesQuery } from "~/domain/ratings/ratings.server";
import { createUser, type TestUser } from "../support/factories";

function makeCycle(phase: Phase): number {
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
      supportThreshold: 3,
      minVolunteers: 2,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

function makeKnelpunt(cycleId: number): number {
  const now = new Date();
  return getDb()
    .insert(knelpunten)
    .values({ cycleId, title: "Donkere tunnel", description: "Donker.", wijk: "Oosterparkwijk", locationText: "Europaweg", status: "open", createdAt: now, updatedAt: now })
    .returning({ id: knelpunten.id })
    .get().id;
}

function insertRatings(knelpuntId: number, ratings: Array<[user: TestUser, day: string, score: number]>) {
  const now = new Date();
  getDb()
    .insert(safetyRatings)
    .values(ratings.map(([user, day, score]) => ({ knelpuntId, userId: user.id, day, score, createdAt: now, updatedAt: now })))
    .run();
}

const ratingsOf = (knelpuntId: number, userId: string) =>
  getDb().select({ day: safetyRatings.day, score: safetyRatings.score }).from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), eq(safetyRatings.userId, userId)))
    .orderBy(safetyRatings.day).all();

let cycleId: number;
let people: TestUser[];

beforeAll(async () => {
  cycleId = makeCycle("zelf_doen");
  people = [];
  for (let i = 0; i < 6; i += 1) people.push(await createUser({ role: i === 5 ? "ambtenaar" : "bewoner" }));
});

describe("rating a knelpunt", () => {
  it("keeps one rating per person per Amsterdam day: the same day replaces, another day adds", () => {
    const knelpuntId = makeKnelpunt(cycleId);
    const [anna] = people;
    // 23:30 UTC on 27 November is 00:30 on 28 November in Amsterdam.
    const first = rateKnelpunt(anna!, knelpuntId, 2, new Date("2026-11-27T09:00:00Z"));
    expect(first).toEqual({ ok: true, day: "2026-11-27", score: 2, replaced: false });
    expect(rateKnelpunt(anna!, knelpuntId, 4, new Date("2026-11-27T22:30:00Z"))).toEqual({ ok: true, day: "2026-11-27", score: 4, replaced: true });
    expect(rateKnelpunt(anna!, knelpuntId, 5, new Date("2026-11-27T23:30:00Z"))).toEqual({ ok: true, day: "2026-11-28", score: 5, replaced: false });
    expect(ratingsOf(knelpuntId, anna!.id)).toEqual([
      { day: "2026-11-27", score: 4 },
      { day: "2026-11-28", score: 5 },
    ]);
    const section = getRatingsSection(knelpuntId, anna!, new Date("2026-11-28T12:00:00Z"));
    expect(section.mine).toEqual({ day: "2026-11-28", score: 5 });
    expect(section.totals).toEqual({ count: 2, people: 1 });
    // Someone else's view: their own (none), the same totals; a visitor has no "mine".
    expect(getRatingsSection(knelpuntId, people[1]!, new Date("2026-11-28T12:00:00Z")).mine).toBeNull();
    expect("mine" in getRatingsSection(knelpuntId, null, new Date("2026-11-28T12:00:00Z"))).toBe(false);
  });

  it("lets an official rate too, and refuses visitors, unknown or invisible knelpunten and blocked accounts", async () => {
    const knelpuntId = makeKnelpunt(cycleId);
    expect(rateKnelpunt(people[5]!, knelpuntId, 3).ok).toBe(true);
    expect(rateKnelpunt(null, knelpuntId, 3)).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(rateKnelpunt(people[0]!, 999_999, 3)).toMatchObject({ ok: false, reason: "not_found" });
    const hidden = makeKnelpunt(makeCycle("concept"));
    expect(rateKnelpunt(people[0]!, hidden, 3)).toMatchObject({ ok: false, reason: "not_visible" });
    const blocked = await createUser();
    getDb().update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id)).run();
    expect(rateKnelpunt(blocked, knelpuntId, 3)).toMatchObject({ ok: false, reason: "blocked", message: "rating.error.blocked" });
  });

  it("refuses scores outside 1–5, in the command and in the database", () => {
    const knelpuntId = makeKnelpunt(cycleId);
    for (const score of [0, 6, 2.5, -1]) {
      expect(rateKnelpunt(people[0]!, knelpuntId, score)).toMatchObject({ ok: false, reason: "score_out_of_range", message: "rating.error.scoreRange" });
    }
    expect(ratingsOf(knelpuntId, people[0]!.id)).toEqual([]);
    const now = new Date();
    for (const score of [0, 6]) {
      expect(() =>
        getDb().insert(safetyRatings).values({ knelpuntId, userId: people[0]!.id, day: "2026-11-01", score, createdAt: now, updatedAt: now }).run(),
      ).toThrow(/CHECK constraint failed/);
    }
    // The unique index: a second row for the same person and day is refused too.
    getDb().insert(safetyRatings).values({ knelpuntId, userId: people[0]!.id, day: "2026-11-01", score: 3, createdAt: now, updatedAt: now }).run();
    expect(() =>
      getDb().insert(safetyRatings).values({ knelpuntId, userId: people[0]!.id, day: "2026-11-01", score: 4, createdAt: now, updatedAt: now }).run(),
    ).toThrow(/UNIQUE constraint failed/);
  });
});

describe("aggregates", () => {
  it("averages per week (Monday to Sunday) on known data", () => {
    const knelpuntId = makeKnelpunt(cycleId);
    const [a, b, c] = people;
    insertRatings(knelpuntId, [
      [a!, "2026-11-02", 1], // Monday
      [b!, "2026-11-08", 2], // Sunday, same week
      [c!, "2026-11-08", 4],
      [a!, "2026-11-09", 5], // next Monday
      [a!, "2026-11-24", 3],
      [b!, "2026-11-29", 4],
      [a!, "2025-06-01", 1], // long ago
    ]);
    expect(weeklyAverages(knelpuntId, "2026-11-01")).toEqual([
      { week: "2026-11-02", average: 7 / 3, count: 3 },
      { week: "2026-11-09", average: 5, count: 1 },
      { week: "2026-11-23", average: 3.5, count: 2 },
    ]);
    // The section: the last 52 weeks, with the empty week filled in, and the old rating left out.
    const section = getRatingsSection(knelpuntId, null, new Date("2026-11-30T12:00:00Z"));
    expect(section.weeks.map((w) => [w.week, w.average, w.count])).toEqual([
      ["2026-11-02", 7 / 3, 3],
      ["2026-11-09", 5, 1],
      ["2026-11-16", null, 0],
      ["2026-11-23", 3.5, 2],
    ]);
    expect(section.totals).toEqual({ count: 6, people: 3 });
  });

  it("reads the weeks with a range on the day sums' (knelpunt_id, day) key, not the ratings", () => {
    const { sql, params } = weeklyAveragesQuery(1, "2026-01-01").toSQL();
    const plan = getDb().$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join("\n")).toMatch(/SEARCH rating_day_sums USING INDEX sqlite_autoindex_rating_day_sums_1 \(knelpunt_id=\? AND day>\?\)/);
  });

  it("averages the 6 weeks before and after a completed measure, exactly, leaving the day itself out", () => {
    const knelpuntId = makeKnelpunt(cycleId);
    const [a, b, c, d, e] = people;
    insertRatings(knelpuntId, [
      // Before 2026-10-15: from 2026-09-03 to 2026-10-14.
      [a!, "2026-09-02", 5], // 43 days before: outside
      [a!, "2026-09-03", 1],
      [b!, "2026-09-20", 2],
      [a!, "2026-10-01", 2],
      [c!, "2026-10-14", 3],
      [d!, "2026-10-15", 5], // the day itself: neither side
      // After: from 2026-10-16 to 2026-11-26.
      [a!, "2026-10-16", 4],
      [b!, "2026-11-01", 3],
      [c!, "2026-11-10", 4],
      [d!, "2026-11-20", 4],
      [e!, "2026-11-26", 5],
      [e!, "2026-11-27", 1], // 43 days after: outside
    ]);
    expect(beforeAfter(knelpuntId, "2026-10-15")).toEqual({
      before: { average: 2, count: 4, people: 3 },
      after: { average: 4, count: 5, people: 5 },
    });

    // On the page: measures carried out, with the comparison; others are not listed.
    const now = new Date();
    const completedAt = new Date("2026-10-15T14:00:00Z");
    for (const [status, at] of [["uitgevoerd", completedAt], ["in_uitvoering", null]] as const) {
      getDb().insert(measures).values({
        knelpuntId, cycleId, kind: "zelf", title: `Lichtschouw ${status}`, description: "Samen.", status, completedAt: at, createdAt: now, updatedAt: now,
      }).run();
    }
    const section = getRatingsSection(knelpuntId, null, new Date("2026-11-30T12:00:00Z"));
    expect(section.measures).toHaveLength(1);
    expect(section.measures[0]).toMatchObject({
      title: "Lichtschouw uitgevoerd",
      completedDay: "2026-10-15",
      before: { average: 2, count: 4, people: 3 },
      after: { average: 4, count: 5, people: 5 },
      comparison: { kind: "both", caution: true, afterRunning: false },
    });
  });
});

describe("the demo ratings", () => {
  const seedNow = new Date("2026-04-20T12:00:00Z");
  let solvedId: number;
  let completedDay: string;

  beforeAll(async () => {
    const { seedCycles } = await import("#db/seed/cycles");
    const { seedKnelpunten } = await import("#db/seed/knelpunten");
    const { seedRatings } = await import("#db/seed/ratings");
    const db = getDb();
    const context = { db, now: seedNow, users: {} as Record<string, string>, cycles: {} as Record<string, number>, posts: {} };
    for (const email of ["bewoner", "projectleider", "ingrid", "youssef", "annemarie", "bart", "lotte", "henk", "mila"]) {
      context.users[`${email}@veranderlab.test`] = (await createUser({ email: `${email}@veranderlab.test`, role: email === "projectleider" ? "projectleider" : "bewoner" })).id;
    }
    db.transaction(() => {
      seedCycles(context);
      seedKnelpunten(context);
      seedRatings(context);
    });
    const solved = db
      .select({ knelpuntId: measures.knelpuntId, completedAt: measures.completedAt })
      .from(measures)
      .where(and(eq(measures.cycleId, context.cycles["enge-fietstunnels"]!), eq(measures.status, "uitgevoerd")))
      .get()!;
    solvedId = solved.knelpuntId;
    completedDay = getRatingsSection(solvedId, null, seedNow).measures[0]!.completedDay;
  });

  it("rates the knelpunt solved by self-help lower before its measure and higher after, never after now", () => {
    const { before, after } = beforeAfter(solvedId, completedDay);
    expect(before.count).toBeGreaterThanOrEqual(5);
    expect(after.count).toBeGreaterThanOrEqual(5);
    expect(before.average!).toBeGreaterThan(1.5);
    expect(before.average!).toBeLessThan(2.5);
    expect(after.average!).toBeGreaterThanOrEqual(3.5);
    expect(after.average!).toBeLessThanOrEqual(4);
    const section = getRatingsSection(solvedId, null, seedNow);
    expect(section.weeks.length).toBeGreaterThanOrEqual(5);
    const latest = getDb()
      .select({ day: safetyRatings.day })
      .from(safetyRatings)
      .innerJoin(knelpunten, eq(knelpunten.id, safetyRatings.knelpuntId))
      .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
      .where(eq(cycles.slug, "enge-fietstunnels"))
      .orderBy(desc(safetyRatings.day))
      .get();
    expect(latest!.day <= "2026-04-20").toBe(true);
  });

  it("rates a few other knelpunten too", () => {
    const perKnelpunt = getDb()
      .select({ knelpuntId: safetyRatings.knelpuntId, n: count() })
      .from(safetyRatings)
      .innerJoin(knelpunten, eq(knelpunten.id, safetyRatings.knelpuntId))
      .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
      .where(eq(cycles.slug, "enge-fietstunnels"))
      .groupBy(safetyRatings.knelpuntId)
      .all();
    expect(perKnelpunt.filter((row) => row.knelpuntId !== solvedId).length).toBe(3);
  });
});
