/**
 * Safety ratings (veiligheidsgevoel): a person rates how safe a knelpunt
 * feels, 1–5, once per day (Europe/Amsterdam); a new rating on the same day
 * replaces that day's, earlier days stay as history. Aggregates are read
 * from the ratings' summaries per day (see "Queries" below).
 */
import { and, asc, eq, gte, isNotNull, lte, sql, type Placeholder } from "drizzle-orm";
import { getDb, type Db } from "#db/client.server";
import { listedFor, textShownTo } from "~/domain/moderation/policy";
import { cycles, knelpunten, measures, ratingDayRepeats, ratingDaySums, safetyRatings, users } from "#db/schema";
import { canViewCycle } from "~/domain/cycles/policy";
import { WRITE } from "~/domain/knelpunten/status.server";
import type { MessageKey } from "~/i18n";
import { CHART_WEEKS, COMPARE_WEEKS, chartRange, comparePeriods, compareSides, fillWeeks, type Comparison, type Side, type WeekBucket, type WeekRow } from "./chart";
import { addDays, amsterdamDay, weekStart } from "./days";
import { rateRefusal, type RateRefusal } from "./policy";

type Actor = { id: string; role: (typeof users.$inferSelect)["role"] } | null;

export type RatingRefused = { ok: false; reason: "not_found" | RateRefusal; message: MessageKey };

const REFUSAL_MESSAGES: Record<"not_found" | RateRefusal, MessageKey> = {
  not_found: "rating.error.notFound",
  not_visible: "rating.error.notFound",
  not_signed_in: "rating.error.notSignedIn",
  blocked: "rating.error.blocked",
  score_out_of_range: "rating.error.scoreRange",
};

function refused(reason: "not_found" | RateRefusal): RatingRefused {
  return { ok: false, reason, message: REFUSAL_MESSAGES[reason] };
}

/**
 * Rates a knelpunt for today (Europe/Amsterdam): inserts, or replaces the
 * score of today's rating by the same person (upsert on the unique index),
 * in one write transaction.
 */
export function rateKnelpunt(
  actor: Actor,
  knelpuntId: number,
  score: number,
  now = new Date(),
): { ok: true; day: string; score: number; replaced: boolean } | RatingRefused {
  return getDb().transaction((tx) => {
    const knelpunt = tx
      .select({ id: knelpunten.id, phase: cycles.phase, moderation: knelpunten.moderation, authorId: knelpunten.reporterId })
      .from(knelpunten)
      .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
      .where(eq(knelpunten.id, knelpuntId))
      .get();
    // A held knelpunt is not there for anyone but its reporter and moderators.
    if (!knelpunt || !listedFor(actor, knelpunt)) return refused("not_found");
    const account = actor
      ? tx.select({ blockedAt: users.blockedAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, actor.id)).get()
      : undefined;
    const refusal = rateRefusal(actor, { cyclePhase: knelpunt.phase }, { blocked: !account || !!account.blockedAt || !!account.deletedAt }, score);
    if (refusal) return refused(refusal);
    const day = amsterdamDay(now);
    const existing = tx
      .select({ id: safetyRatings.id })
      .from(safetyRatings)
      .where(and(eq(safetyRatings.knelpuntId, knelpuntId), eq(safetyRatings.userId, actor!.id), eq(safetyRatings.day, day)))
      .get();
    tx.insert(safetyRatings)
      .values({ knelpuntId, userId: actor!.id, day, score, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [safetyRatings.knelpuntId, safetyRatings.userId, safetyRatings.day],
        set: { score, updatedAt: now },
      })
      .run();
    return { ok: true as const, day, score, replaced: !!existing };
  }, WRITE);
}

/** The knelpunt's title when the viewer may see it (for the rating route's own page), else null. */
export function ratableKnelpunt(id: number, viewer: Actor): { id: number; title: string | null } | null {
  const row = getDb()
    .select({ id: knelpunten.id, title: knelpunten.title, phase: cycles.phase, moderation: knelpunten.moderation, authorId: knelpunten.reporterId })
    .from(knelpunten)
    .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
    .where(eq(knelpunten.id, id))
    .get();
  if (!row || !canViewCycle(viewer, { phase: row.phase }) || !listedFor(viewer, row)) return null;
  // null: a hidden or flagged knelpunt is not named (the page says "Verborgen knelpunt").
  return { id: row.id, title: textShownTo(viewer, row) ? row.title : null };
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

/*
 * Everything below reads the summaries of the ratings (rating_day_sums and
 * rating_day_repeats, kept up to date by triggers on safety_ratings; see
 * db/schema.ts), a row per day, never the ratings themselves: the cost is
 * bounded by the days shown, however many ratings a knelpunt has. The
 * results are exactly those of aggregating the ratings (averages are the
 * same sum divided by the same count, as SQLite's avg() does);
 * test/integration/rating-sums.test.ts compares them.
 */

/** Monday of the day's week, in SQL ('weekday 0' is the coming Sunday, or the day itself). */
const weekOfDay = sql<string>`date(${ratingDaySums.day}, 'weekday 0', '-6 days')`;

/**
 * Per week from `fromDay` on: average, number of ratings, and `latest` (how
 * many of them are their person's latest rating of the knelpunt). A range
 * on rating_day_sums' primary key (knelpunt_id, day): at most 7 rows a week.
 */
function weekSums(db: Db, knelpuntId: number | Placeholder, fromDay: string | Placeholder, toDay?: string) {
  return db
    .select({
      week: weekOfDay,
      average: sql<number>`sum(${ratingDaySums.scoreSum}) * 1.0 / sum(${ratingDaySums.count})`,
      count: sql<number>`sum(${ratingDaySums.count})`,
      latest: sql<number>`sum(${ratingDaySums.latest})`,
    })
    .from(ratingDaySums)
    .where(and(eq(ratingDaySums.knelpuntId, knelpuntId), gte(ratingDaySums.day, fromDay), toDay ? lte(ratingDaySums.day, toDay) : undefined))
    .groupBy(weekOfDay)
    .orderBy(asc(weekOfDay));
}

/** The weekly query (exported for tests and the query plan). */
export function weeklyAveragesQuery(knelpuntId: number, fromDay: string, toDay?: string) {
  return weekSums(getDb(), knelpuntId, fromDay, toDay);
}

export function weeklyAverages(knelpuntId: number, fromDay: string, toDay?: string): WeekRow[] {
  return weeklyAveragesQuery(knelpuntId, fromDay, toDay).all().map(({ week, average, count }) => ({ week, average, count }));
}

/**
 * The section's queries, built once per connection and run with their
 * values bound: drizzle builds a query's SQL anew on every run, which cost
 * more than running these (tens of µs a query).
 */
const sectionQueries = (() => {
  const knelpuntId = sql.placeholder("knelpuntId");
  const userId = sql.placeholder("userId");
  const fromDay = sql.placeholder("fromDay");
  const toDay = sql.placeholder("toDay");
  const build = (db: Db) => {
    const person = and(eq(safetyRatings.knelpuntId, knelpuntId), eq(safetyRatings.userId, userId));
    return {
      weeks: weekSums(db, knelpuntId, fromDay).prepare(),
      /** A measure that is not visible (held, flagged, hidden) is not named here. */
      completed: db
        .select({ id: measures.id, title: measures.title, kind: measures.kind, completedAt: measures.completedAt })
        .from(measures)
        .where(and(eq(measures.knelpuntId, knelpuntId), eq(measures.status, "uitgevoerd"), isNotNull(measures.completedAt), eq(measures.moderation, "visible")))
        .orderBy(asc(measures.completedAt), asc(measures.id))
        .prepare(),
      /** The days with ratings from fromDay to toDay (inclusive), oldest first: a range on the primary key. */
      daySums: db
        .select({ day: ratingDaySums.day, count: ratingDaySums.count, scoreSum: ratingDaySums.scoreSum })
        .from(ratingDaySums)
        .where(and(eq(ratingDaySums.knelpuntId, knelpuntId), gte(ratingDaySums.day, fromDay), lte(ratingDaySums.day, toDay)))
        .orderBy(asc(ratingDaySums.day))
        .prepare(),
      /** The repeats whose first rating is from fromDay to toDay, oldest first: a range on the primary key. */
      repeats: db
        .select({ day: ratingDayRepeats.day, nextDay: ratingDayRepeats.nextDay, count: ratingDayRepeats.count })
        .from(ratingDayRepeats)
        .where(and(eq(ratingDayRepeats.knelpuntId, knelpuntId), gte(ratingDayRepeats.day, fromDay), lte(ratingDayRepeats.day, toDay)))
        .orderBy(asc(ratingDayRepeats.day), asc(ratingDayRepeats.nextDay))
        .prepare(),
      /**
       * The person's latest rating: their latest day, then that rating, two
       * seeks on the unique (knelpunt_id, user_id, day) index. (ORDER BY day
       * DESC LIMIT 1 let SQLite walk the knelpunt's ratings newest first on
       * the (knelpunt_id, day, …) index until it met one of theirs: every
       * rating for someone who never rated.)
       */
      mine: db
        .select({ day: safetyRatings.day, score: safetyRatings.score })
        .from(safetyRatings)
        .where(and(person, eq(safetyRatings.day, db.select({ day: sql`max(${safetyRatings.day})` }).from(safetyRatings).where(person))))
        .prepare(),
    };
  };
  let kept: { db: Db; queries: ReturnType<typeof build> } | undefined;
  return () => {
    const db = getDb();
    // A prepared query belongs to its connection (tests open a new one per file).
    if (kept?.db !== db) kept = { db, queries: build(db) };
    return kept.queries;
  };
})();

type DaySum = { day: string; count: number; scoreSum: number };
type Repeat = { day: string; nextDay: string; count: number };

/** The first index of `rows` (oldest first) whose day is on or after `day`. */
function firstFrom(rows: ReadonlyArray<{ day: string }>, day: string): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The longest period whose people the repeats can count: a rating and the person's next are in it when at most 41 days apart. */
export const REPEAT_DAYS = 42;
// The triggers of migration 0007 keep repeats up to 41 days apart: longer sides need a new migration.
if (7 * COMPARE_WEEKS > REPEAT_DAYS) throw new Error(`COMPARE_WEEKS (${COMPARE_WEEKS}) is longer than the repeats kept (${REPEAT_DAYS} days)`);

/**
 * Average, number of ratings and number of people from `fromDay` to `toDay`
 * (inclusive, at most REPEAT_DAYS days). The people: each person's last
 * rating in the period counts once, so the ratings less those followed by
 * the same person's next rating within the period.
 */
function sideOf(days: readonly DaySum[], repeats: readonly Repeat[], fromDay: string, toDay: string): Side {
  let sum = 0;
  let count = 0;
  for (let i = firstFrom(days, fromDay); i < days.length && days[i]!.day <= toDay; i++) {
    sum += days[i]!.scoreSum;
    count += days[i]!.count;
  }
  let repeated = 0;
  for (let i = firstFrom(repeats, fromDay); i < repeats.length && repeats[i]!.day <= toDay; i++) {
    if (repeats[i]!.nextDay <= toDay) repeated += repeats[i]!.count;
  }
  return { average: count ? sum / count : null, count, people: count - repeated };
}

/**
 * For each completion day, the ratings 6 weeks before and after (the day
 * itself on neither side). One read of the knelpunt's day sums and repeats
 * over all the periods together, however many measures were carried out.
 */
export function beforeAfterEach(knelpuntId: number, completedDays: readonly string[]): Array<{ before: Side; after: Side }> {
  if (completedDays.length === 0) return [];
  const periods = completedDays.map(comparePeriods);
  const from = periods.reduce((min, p) => (p.before.from < min ? p.before.from : min), periods[0]!.before.from);
  const to = periods.reduce((max, p) => (p.after.to > max ? p.after.to : max), periods[0]!.after.to);
  const queries = sectionQueries();
  const days: DaySum[] = queries.daySums.all({ knelpuntId, fromDay: from, toDay: to });
  const repeats: Repeat[] = days.length ? queries.repeats.all({ knelpuntId, fromDay: from, toDay: to }) : [];
  return periods.map((p) => ({
    before: sideOf(days, repeats, p.before.from, p.before.to),
    after: sideOf(days, repeats, p.after.from, p.after.to),
  }));
}

/** The ratings 6 weeks before and after a completion day (the day itself on neither side). */
export function beforeAfter(knelpuntId: number, completedDay: string): { before: Side; after: Side } {
  return beforeAfterEach(knelpuntId, [completedDay])[0]!;
}

export type CompletedMeasureComparison = {
  id: number;
  title: string;
  kind: "zelf" | "overheid";
  completedDay: string;
  before: Side;
  after: Side;
  comparison: Comparison;
};

export type RatingsSection = {
  today: string;
  /** Every week of the chart, oldest first (empty: no ratings in the last 52 weeks). */
  weeks: WeekBucket[];
  totals: { count: number; people: number };
  /** Measures carried out (status uitgevoerd), in order of completion. */
  measures: CompletedMeasureComparison[];
  /** The viewer's latest rating of this knelpunt; undefined for a visitor. */
  mine?: { day: string; score: number } | null;
};

/**
 * What the section "Voelt het veiliger?" shows: the weekly averages of the
 * last 52 weeks, totals, each carried-out measure with the 6 weeks before
 * and after, and the viewer's latest rating. The caller checked that the
 * viewer may see the knelpunt.
 */
export function getRatingsSection(knelpuntId: number, viewer: Actor, now = new Date()): RatingsSection {
  const queries = sectionQueries();
  const today = amsterdamDay(now);
  const fromDay = addDays(weekStart(today), -7 * (CHART_WEEKS - 1));
  // The weeks, and the totals from them: every rating from fromDay on, and
  // every person whose latest rating is from fromDay on (each once).
  const rows: WeekRow[] = [];
  const totals = { count: 0, people: 0 };
  for (const { week, average, count, latest } of queries.weeks.all({ knelpuntId, fromDay })) {
    rows.push({ week, average, count });
    totals.count += count;
    totals.people += latest;
  }

  const done = queries.completed.all({ knelpuntId });
  const completedDays = done.map((measure) => amsterdamDay(measure.completedAt!));
  const sides = beforeAfterEach(knelpuntId, completedDays);
  const completed = done.map((measure, i) => {
    const completedDay = completedDays[i]!;
    const { before, after } = sides[i]!;
    return { id: measure.id, title: measure.title, kind: measure.kind, completedDay, before, after, comparison: compareSides(before, after, completedDay, today) };
  });

  const range = chartRange(rows, completed.map((m) => m.completedDay), today);
  const weeks = range ? fillWeeks(rows, range.from, range.to) : [];

  let mine: RatingsSection["mine"];
  if (viewer) mine = queries.mine.get({ knelpuntId, userId: viewer.id }) ?? null;
  return { today, weeks, totals, measures: completed, ...(viewer ? { mine } : {}) };
}
