/**
 * Demo safety ratings ("Voelt het veiliger?"): around the knelpunt that
 * residents solved themselves (its self-help measure is uitgevoerd), ratings
 * from the demo residents that are low before the measure (about 2) and
 * higher after it (about 3.6), from the day the knelpunt was reported; and a
 * few ratings on three other knelpunten. One rating per person per day (the
 * unique index holds it). Dates are relative to the measure's completion
 * and never after `now`.
 */
import { and, asc, eq, isNotNull, ne } from "drizzle-orm";
import { addDays, amsterdamDay, dayNumber, dayAsDate } from "../../app/domain/ratings/days";
import { knelpunten, measures, safetyRatings } from "../schema";
import type { SeedContext } from "./context";

const RESIDENTS = [
  "bewoner@veranderlab.test",
  "ingrid@veranderlab.test",
  "youssef@veranderlab.test",
  "annemarie@veranderlab.test",
  "bart@veranderlab.test",
  "lotte@veranderlab.test",
  "henk@veranderlab.test",
  "mila@veranderlab.test",
] as const;

/** Scores before the measure, per resident (cycled): on average about 2. */
const BEFORE = [
  [2, 1, 2, 2],
  [2, 3, 2, 2],
  [1, 2, 2, 1],
  [3, 2, 2, 3],
  [2, 2, 1, 2],
  [2, 3, 2, 2],
];
/** One score after the measure per resident: 3,6 on average. */
const AFTER = [4, 3, 4, 4, 3, 4, 3, 4];

/** A moment on the evening of a day (about 19.00 in Groningen). */
const evening = (day: string) => new Date(dayAsDate(day).getTime() + 18 * 3_600_000);

export function seedRatings(context: SeedContext) {
  const { db, now, users } = context;
  const today = amsterdamDay(now);
  const rows: Array<typeof safetyRatings.$inferInsert> = [];
  const seen = new Set<string>();
  const rate = (knelpuntId: number, email: string, day: string, score: number) => {
    const userId = users[email];
    const key = `${knelpuntId}|${userId}|${day}`;
    if (!userId || day > today || seen.has(key)) return;
    seen.add(key);
    const at = evening(day) > now ? now : evening(day);
    rows.push({ knelpuntId, userId, day, score, createdAt: at, updatedAt: at });
  };

  const cycleId = context.cycles["enge-fietstunnels"];
  if (cycleId === undefined) return;
  const solved = db
    .select({ knelpuntId: measures.knelpuntId, completedAt: measures.completedAt, knelpuntCreatedAt: knelpunten.createdAt })
    .from(measures)
    .innerJoin(knelpunten, eq(knelpunten.id, measures.knelpuntId))
    .where(and(eq(measures.cycleId, cycleId), eq(measures.kind, "zelf"), eq(measures.status, "uitgevoerd"), isNotNull(measures.completedAt)))
    .orderBy(asc(measures.completedAt))
    .get();

  if (solved?.completedAt) {
    const completed = amsterdamDay(solved.completedAt);
    const reported = amsterdamDay(solved.knelpuntCreatedAt);
    // Before: every 10 days or so, from the report (at most 6 weeks back) to the day before completion.
    const start = dayNumber(reported) > dayNumber(addDays(completed, -42)) ? reported : addDays(completed, -42);
    BEFORE.forEach((scores, resident) => {
      let k = 0;
      for (let day = addDays(start, 1 + resident); day < completed; day = addDays(day, 9 + (resident % 3))) {
        rate(solved.knelpuntId, RESIDENTS[resident]!, day, scores[k % scores.length]!);
        k += 1;
      }
    });
    // After: everyone once, on the days after completion (up to yesterday, or today if that is all there is).
    const daysAfter = Math.max(1, dayNumber(today) - dayNumber(completed) - 1);
    AFTER.forEach((score, resident) => {
      rate(solved.knelpuntId, RESIDENTS[resident]!, addDays(completed, 1 + (resident % daysAfter)), score);
    });
  }

  // A few ratings on three other knelpunten of the demo cycle.
  {
    const others = db
      .select({ id: knelpunten.id, createdAt: knelpunten.createdAt })
      .from(knelpunten)
      .where(and(eq(knelpunten.cycleId, cycleId), solved ? ne(knelpunten.id, solved.knelpuntId) : undefined))
      .orderBy(asc(knelpunten.id))
      .limit(3)
      .all();
    const patterns = [
      [2, 1, 2, 2, 1],
      [1, 1, 2],
      [3, 2, 3, 3],
    ];
    others.forEach((knelpunt, index) => {
      const reported = amsterdamDay(knelpunt.createdAt);
      patterns[index]!.forEach((score, k) => {
        const day = addDays(reported, 2 + k * 6);
        rate(knelpunt.id, RESIDENTS[(index * 3 + k + 1) % RESIDENTS.length]!, day, score);
      });
    });
  }

  if (rows.length) db.insert(safetyRatings).values(rows).run();
}
