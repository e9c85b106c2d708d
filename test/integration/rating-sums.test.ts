/**
 * The ratings' summaries (rating_day_sums, rating_day_repeats; db/schema.ts
 * and the triggers of migration 0007) against the ratings themselves:
 *
 * - after every write of random sequences (rating and re-rating through
 *   rateKnelpunt, plain inserts, INSERT OR IGNORE, deletes of one rating or
 *   of all of a person's, score changes, ratings moved to another day,
 *   person or knelpunt, whole knelpunten shifted by days, statements that
 *   fail halfway on the unique index), the summaries equal the
 *   straightforward aggregate of the rating rows;
 * - the section "Voelt het veiliger?" (getRatingsSection) and the review
 *   page's ratings per day give exactly what the old computation over the
 *   rating rows gives (copied below from before the summaries), for any
 *   day, viewer and set of completed measures;
 * - the migration's backfill gives the same summaries as the triggers.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { and, asc, count, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { cycles, knelpunten, measures, safetyRatings } from "#db/schema";
import { CHART_WEEKS, COMPARE_WEEKS, chartRange, comparePeriods, compareSides, fillWeeks, type Side, type WeekRow } from "~/domain/ratings/chart";
import { addDays, amsterdamDay, dayNumber, weekStart } from "~/domain/ratings/days";
import { REPEAT_DAYS, getRatingsSection, rateKnelpunt, type RatingsSection } from "~/domain/ratings/ratings.server";
import { REVIEW_RATING_DAYS, getReviewPage } from "~/domain/review/review.server";
import { createUser, type TestUser } from "../support/factories";

// ---------------------------------------------------------------------------
// The old computation, over the rating rows (app/domain/ratings/ratings.server.ts before migration 0007)
// ---------------------------------------------------------------------------

type Actor = { id: string; role: TestUser["role"] } | null;

function oldWeeklyAverages(knelpuntId: number, fromDay: string): WeekRow[] {
  const weekOfDay = sql<string>`date(${safetyRatings.day}, 'weekday 0', '-6 days')`;
  return getDb()
    .select({ week: weekOfDay, average: sql<number>`avg(${safetyRatings.score})`, count: sql<number>`count(*)` })
    .from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), gte(safetyRatings.day, fromDay)))
    .groupBy(weekOfDay)
    .orderBy(asc(weekOfDay))
    .all();
}

type RatingRow = { day: string; score: number; userId: string };

function oldRatingsBetween(knelpuntId: number, fromDay: string, toDay: string): RatingRow[] {
  return getDb()
    .select({ day: safetyRatings.day, score: safetyRatings.score, userId: safetyRatings.userId })
    .from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), gte(safetyRatings.day, fromDay), lte(safetyRatings.day, toDay)))
    .orderBy(asc(safetyRatings.day))
    .all();
}

function oldSideOf(rows: readonly RatingRow[], fromDay: string, toDay: string): Side {
  let sum = 0;
  let n = 0;
  const people = new Set<string>();
  for (const row of rows) {
    if (row.day < fromDay || row.day > toDay) continue;
    sum += row.score;
    n += 1;
    people.add(row.userId);
  }
  return { average: n ? sum / n : null, count: n, people: people.size };
}

function oldRatingsSection(knelpuntId: number, viewer: Actor, now: Date): RatingsSection {
  const db = getDb();
  const today = amsterdamDay(now);
  const fromDay = addDays(weekStart(today), -7 * (CHART_WEEKS - 1));
  const rows = oldWeeklyAverages(knelpuntId, fromDay);
  const totals = db
    .select({ count: sql<number>`count(*)`, people: sql<number>`count(distinct ${safetyRatings.userId})` })
    .from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), gte(safetyRatings.day, fromDay)))
    .get() ?? { count: 0, people: 0 };
  const done = db
    .select({ id: measures.id, title: measures.title, kind: measures.kind, completedAt: measures.completedAt })
    .from(measures)
    .where(and(eq(measures.knelpuntId, knelpuntId), eq(measures.status, "uitgevoerd"), isNotNull(measures.completedAt), eq(measures.moderation, "visible")))
    .orderBy(asc(measures.completedAt), asc(measures.id))
    .all();
  const completed = done.map((measure) => {
    const completedDay = amsterdamDay(measure.completedAt!);
    const periods = comparePeriods(completedDay);
    const ratings = oldRatingsBetween(knelpuntId, periods.before.from, periods.after.to);
    const before = oldSideOf(ratings, periods.before.from, periods.before.to);
    const after = oldSideOf(ratings, periods.after.from, periods.after.to);
    return { id: measure.id, title: measure.title, kind: measure.kind, completedDay, before, after, comparison: compareSides(before, after, completedDay, today) };
  });
  const range = chartRange(rows, completed.map((m) => m.completedDay), today);
  const weeks = range ? fillWeeks(rows, range.from, range.to) : [];
  let mine: RatingsSection["mine"];
  if (viewer) {
    mine =
      db
        .select({ day: safetyRatings.day, score: safetyRatings.score })
        .from(safetyRatings)
        .where(and(eq(safetyRatings.knelpuntId, knelpuntId), eq(safetyRatings.userId, viewer.id)))
        .orderBy(desc(safetyRatings.day))
        .limit(1)
        .get() ?? null;
  }
  return { today, weeks, totals, measures: completed, ...(viewer ? { mine } : {}) };
}

/** The review page's ratings per day as it was computed over the rating rows. */
function oldReviewRatings(knelpuntId: number) {
  return getDb()
    .select({ day: safetyRatings.day, average: sql<number>`avg(${safetyRatings.score})`, count: count() })
    .from(safetyRatings)
    .where(eq(safetyRatings.knelpuntId, knelpuntId))
    .groupBy(safetyRatings.day)
    .orderBy(desc(safetyRatings.day))
    .limit(REVIEW_RATING_DAYS)
    .all()
    .reverse()
    .map((row) => ({ day: row.day, average: Math.round(Number(row.average) * 10) / 10, count: row.count }));
}

// ---------------------------------------------------------------------------
// The summaries as they should be, straight from the rating rows
// ---------------------------------------------------------------------------

type Summaries = {
  sums: Array<{ knelpuntId: number; day: string; count: number; scoreSum: number; latest: number }>;
  repeats: Array<{ knelpuntId: number; day: string; nextDay: string; count: number }>;
};

const byKey = <T extends { knelpuntId: number; day: string; nextDay?: string }>(a: T, b: T) =>
  a.knelpuntId - b.knelpuntId || a.day.localeCompare(b.day) || (a.nextDay ?? "").localeCompare(b.nextDay ?? "");

function expectedSummaries(knelpuntIds: readonly number[]): Summaries {
  const marks = knelpuntIds.map(() => "?").join(", ");
  const rows = getDb()
    .$client.prepare(`SELECT knelpunt_id AS knelpuntId, user_id AS userId, day, score FROM safety_ratings WHERE knelpunt_id IN (${marks})`)
    .all(...knelpuntIds) as Array<{ knelpuntId: number; userId: string; day: string; score: number }>;
  const sums = new Map<string, Summaries["sums"][number]>();
  const byPerson = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.knelpuntId} ${row.day}`;
    const sum = sums.get(key) ?? { knelpuntId: row.knelpuntId, day: row.day, count: 0, scoreSum: 0, latest: 0 };
    sum.count += 1;
    sum.scoreSum += row.score;
    sums.set(key, sum);
    const person = `${row.knelpuntId} ${row.userId}`;
    byPerson.set(person, [...(byPerson.get(person) ?? []), row.day]);
  }
  const repeats = new Map<string, Summaries["repeats"][number]>();
  for (const [person, days] of byPerson) {
    const knelpuntId = Number(person.split(" ")[0]);
    days.sort();
    sums.get(`${knelpuntId} ${days.at(-1)}`)!.latest += 1;
    for (let i = 0; i + 1 < days.length; i++) {
      if (dayNumber(days[i + 1]!) - dayNumber(days[i]!) > REPEAT_DAYS - 1) continue;
      const key = `${knelpuntId} ${days[i]} ${days[i + 1]}`;
      const repeat = repeats.get(key) ?? { knelpuntId, day: days[i]!, nextDay: days[i + 1]!, count: 0 };
      repeat.count += 1;
      repeats.set(key, repeat);
    }
  }
  return { sums: [...sums.values()].sort(byKey), repeats: [...repeats.values()].sort(byKey) };
}

function storedSummaries(knelpuntIds: readonly number[]): Summaries {
  const client = getDb().$client;
  const marks = knelpuntIds.map(() => "?").join(", ");
  return {
    sums: (
      client
        .prepare(`SELECT knelpunt_id AS knelpuntId, day, count, score_sum AS scoreSum, latest FROM rating_day_sums WHERE knelpunt_id IN (${marks})`)
        .all(...knelpuntIds) as Summaries["sums"]
    ).sort(byKey),
    repeats: (
      client
        .prepare(`SELECT knelpunt_id AS knelpuntId, day, next_day AS nextDay, count FROM rating_day_repeats WHERE knelpunt_id IN (${marks})`)
        .all(...knelpuntIds) as Summaries["repeats"]
    ).sort(byKey),
  };
}

// ---------------------------------------------------------------------------
// Random writes
// ---------------------------------------------------------------------------

const BASE_DAY = "2026-03-01";
/** Days 0–120 after BASE_DAY: repeats within 41 days and gaps longer than that. */
const SPAN = 120;
const PEOPLE = 3;
const dayAt = (offset: number) => addDays(BASE_DAY, offset);
/** Noon UTC: the same calendar day in Amsterdam. */
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

type Op =
  | { kind: "rate"; k: number; u: number; day: number; score: number }
  | { kind: "insert"; k: number; u: number; day: number; score: number; orIgnore: boolean }
  | { kind: "delete"; pick: number }
  | { kind: "deletePerson"; u: number }
  | { kind: "score"; pick: number; score: number }
  | { kind: "move"; pick: number; toK: number; toU: number; toDay: number }
  | { kind: "shift"; k: number; days: number };

const k = fc.integer({ min: 0, max: 1 });
const u = fc.integer({ min: 0, max: PEOPLE - 1 });
/** Mostly days whose distances are around the 41 days a repeat may span (40, 41, 42, 43), so ratings meet. */
const day = fc.oneof(fc.constantFrom(0, 1, 2, 5, 20, 40, 41, 42, 43, 60, 82, 83, 84, 120), fc.integer({ min: 0, max: SPAN }));
const score = fc.integer({ min: 1, max: 5 });
/** Which of the ratings there are (in a stable order) a delete, score change or move takes. */
const pick = fc.nat();
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("rate" as const), k, u, day, score }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), k, u, day, score, orIgnore: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deletePerson" as const), u }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("score" as const), pick, score }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("move" as const), pick, toK: k, toU: u, toDay: day }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("shift" as const), k, days: fc.oneof(fc.constantFrom(-42, -41, -1, 1, 41, 42), fc.integer({ min: -45, max: 45 })) }) },
);

let cycleId: number;
let people: TestUser[];
let official: TestUser;

function makeKnelpunt(): number {
  const now = new Date();
  return getDb()
    .insert(knelpunten)
    .values({ cycleId, title: `Tunnel ${randomUUID()}`, description: "Donker.", wijk: "Oosterparkwijk", locationText: "Europaweg", status: "open", createdAt: now, updatedAt: now })
    .returning({ id: knelpunten.id })
    .get().id;
}

/** Runs one write; a statement the unique index refuses changes nothing (its triggers' work is undone with it). */
function apply(op: Op, ks: readonly number[]) {
  const client = getDb().$client;
  const now = Date.now();
  const refusedByUnique = (write: () => void) => {
    try {
      write();
    } catch (error) {
      if (!/UNIQUE constraint failed/.test(String(error))) throw error;
    }
  };
  const marks = ks.map(() => "?").join(", ");
  const picked = (n: number) => {
    const ids = client.prepare(`SELECT id FROM safety_ratings WHERE knelpunt_id IN (${marks}) ORDER BY id`).pluck().all(...ks) as number[];
    return ids.length ? ids[n % ids.length]! : null;
  };
  switch (op.kind) {
    case "rate":
      expect(rateKnelpunt(people[op.u]!, ks[op.k]!, op.score, noonOf(dayAt(op.day)))).toMatchObject({ ok: true });
      break;
    case "insert":
      refusedByUnique(() =>
        client
          .prepare(`INSERT ${op.orIgnore ? "OR IGNORE " : ""}INTO safety_ratings (knelpunt_id, user_id, day, score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(ks[op.k], people[op.u]!.id, dayAt(op.day), op.score, now, now),
      );
      break;
    case "delete":
      client.prepare(`DELETE FROM safety_ratings WHERE id = ?`).run(picked(op.pick));
      break;
    case "deletePerson":
      // Many rows in one statement, as erasing a person's ratings would.
      client.prepare(`DELETE FROM safety_ratings WHERE user_id = ? AND knelpunt_id IN (${marks})`).run(people[op.u]!.id, ...ks);
      break;
    case "score":
      client.prepare(`UPDATE safety_ratings SET score = ?, updated_at = ? WHERE id = ?`).run(op.score, now, picked(op.pick));
      break;
    case "move":
      refusedByUnique(() =>
        client
          .prepare(`UPDATE safety_ratings SET knelpunt_id = ?, user_id = ?, day = ? WHERE id = ?`)
          .run(ks[op.toK], people[op.toU]!.id, dayAt(op.toDay), picked(op.pick)),
      );
      break;
    case "shift":
      // Many rows in one statement (moved one by one: it may fail halfway on the unique index).
      refusedByUnique(() =>
        client.prepare(`UPDATE safety_ratings SET day = date(day, ?) WHERE knelpunt_id = ?`).run(`${op.days >= 0 ? "+" : ""}${op.days} days`, ks[op.k]),
      );
      break;
  }
}

beforeAll(async () => {
  const now = new Date();
  cycleId = getDb()
    .insert(cycles)
    .values({
      slug: `ronde-${randomUUID()}`,
      title: "Testronde",
      theme: "Tunnels",
      phase: "zelf_doen",
      wijken: ["Oosterparkwijk"],
      supportLimit: 0,
      supportThreshold: 3,
      minVolunteers: 2,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
  people = [];
  for (let i = 0; i < PEOPLE; i += 1) people.push(await createUser());
  official = await createUser({ role: "ambtenaar" });
});

describe("the ratings' summaries", () => {
  it("keep repeats for every side of a before/after comparison", () => {
    expect(7 * COMPARE_WEEKS).toBeLessThanOrEqual(REPEAT_DAYS);
  });

  it("equal the aggregate of the rating rows after every write of random sequences", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 40, size: "max" }), (ops) => {
        const ks = [makeKnelpunt(), makeKnelpunt()];
        for (const next of ops) {
          apply(next, ks);
          expect(storedSummaries(ks), JSON.stringify(next)).toEqual(expectedSummaries(ks));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("give the section and the review page exactly what the old computation over the ratings gives", () => {
    const completion = fc.record({
      // Often right next to rating days, so ratings fall on the first and last days of the sides.
      day: fc.oneof(day.map((d) => d + 1), day.map((d) => d - 1), day.map((d) => d - 42), day.map((d) => d + 42), fc.integer({ min: -50, max: SPAN + 50 })),
      hour: fc.integer({ min: 0, max: 23 }),
      moderation: fc.constantFrom("visible", "visible", "visible", "hidden"),
    });
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40, size: "max" }),
        fc.array(completion, { maxLength: 4 }),
        fc.array(fc.integer({ min: -20, max: SPAN + 420 }), { minLength: 1, maxLength: 3 }),
        (ops, completions, nowOffsets) => {
          const ks = [makeKnelpunt(), makeKnelpunt()];
          for (const next of ops) apply(next, ks);
          const created = new Date();
          for (const [i, c] of completions.entries()) {
            getDb()
              .insert(measures)
              .values({
                knelpuntId: ks[0]!,
                cycleId,
                kind: i % 2 ? "overheid" : "zelf",
                title: `Maatregel ${i}`,
                description: "Samen.",
                status: "uitgevoerd",
                completedAt: new Date(`${dayAt(c.day)}T${String(c.hour).padStart(2, "0")}:30:00Z`),
                moderation: c.moderation,
                createdAt: created,
                updatedAt: created,
              })
              .run();
          }
          for (const knelpuntId of ks) {
            for (const offset of nowOffsets) {
              const now = noonOf(dayAt(offset));
              for (const viewer of [null, ...people]) {
                expect(getRatingsSection(knelpuntId, viewer, now)).toEqual(oldRatingsSection(knelpuntId, viewer, now));
              }
            }
            expect(getReviewPage(knelpuntId, official)!.ratings).toEqual(oldReviewRatings(knelpuntId));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("go with the knelpunt when it is deleted", () => {
    const ks = [makeKnelpunt(), makeKnelpunt()];
    for (const [i, person] of people.entries()) {
      rateKnelpunt(person, ks[0]!, 1 + i, noonOf(dayAt(i)));
      rateKnelpunt(person, ks[0]!, 5 - i, noonOf(dayAt(i + 3)));
      rateKnelpunt(person, ks[1]!, 2, noonOf(dayAt(i)));
    }
    expect(storedSummaries([ks[0]!]).repeats.length).toBeGreaterThan(0);
    getDb().delete(knelpunten).where(eq(knelpunten.id, ks[0]!)).run();
    expect(storedSummaries(ks)).toEqual(expectedSummaries(ks));
    expect(storedSummaries([ks[0]!])).toEqual({ sums: [], repeats: [] });
  });

  it("are what migration 0007 fills in from the ratings there are", () => {
    const client = getDb().$client;
    const all = (client.prepare(`SELECT DISTINCT knelpunt_id FROM safety_ratings`).pluck().all() as number[]).sort((a, b) => a - b);
    expect(all.length).toBeGreaterThan(50);
    const byTriggers = storedSummaries(all);
    expect(byTriggers).toEqual(expectedSummaries(all));
    // As on a database from before 0007: no summaries, no triggers. Then the migration's statements.
    const folder = path.resolve("db/migrations");
    const migration = readMigrationFiles({ migrationsFolder: folder })[7]!;
    expect(migration.sql.join("\n")).toMatch(/CREATE TABLE `rating_day_sums`/);
    client.exec(`DROP TRIGGER rating_summaries_insert; DROP TRIGGER rating_summaries_delete; DROP TRIGGER rating_summaries_score; DROP TRIGGER rating_summaries_move;
      DROP TABLE rating_day_sums; DROP TABLE rating_day_repeats;`);
    client.transaction(() => {
      for (const statement of migration.sql) client.exec(statement);
    })();
    expect(storedSummaries(all)).toEqual(byTriggers);
    // And the triggers are back.
    const ks = [makeKnelpunt(), makeKnelpunt()];
    rateKnelpunt(people[0]!, ks[0]!, 2, noonOf(dayAt(0)));
    rateKnelpunt(people[0]!, ks[0]!, 4, noonOf(dayAt(9)));
    expect(storedSummaries(ks)).toEqual(expectedSummaries(ks));
    expect(storedSummaries(ks).repeats).toHaveLength(1);
  });

  it("are kept by seeks on the ratings' unique index, never a scan", () => {
    const client = getDb().$client;
    const plans = [
      `SELECT max(r.day) FROM safety_ratings r WHERE r.knelpunt_id = ? AND r.user_id = ? AND r.day < ?`,
      `SELECT min(r.day) FROM safety_ratings r WHERE r.knelpunt_id = ? AND r.user_id = ? AND r.day > ?`,
      `SELECT EXISTS (SELECT 1 FROM safety_ratings r WHERE r.knelpunt_id = ? AND r.user_id = ? AND r.day > ?)`,
    ].map((query) => (client.prepare(`EXPLAIN QUERY PLAN ${query}`).all(1, "x", "2026-01-01") as Array<{ detail: string }>).map((row) => row.detail).join("\n"));
    for (const plan of plans) expect(plan).toMatch(/SEARCH r USING COVERING INDEX safety_ratings_knelpunt_user_day_unique \(knelpunt_id=\? AND user_id=\? AND day[<>]\?\)/);
  });
});
