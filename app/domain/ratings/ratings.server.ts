/**
 * Safety ratings (veiligheidsgevoel): a person rates how safe a knelpunt
 * feels, 1–5, once per day (Europe/Amsterdam); a new rating on the same day
 * replaces that day's, earlier days stay as history. Aggregates are computed
 * in SQL on safety_ratings_knelpunt_day_idx (knelpunt_id, day).
 */
import { and, asc, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { listedFor, textShownTo } from "~/domain/moderation/policy";
import { cycles, knelpunten, measures, safetyRatings, users } from "#db/schema";
import { canViewCycle } from "~/domain/cycles/policy";
import { WRITE } from "~/domain/knelpunten/status.server";
import type { MessageKey } from "~/i18n";
import { CHART_WEEKS, chartRange, comparePeriods, compareSides, fillWeeks, type Comparison, type Side, type WeekBucket, type WeekRow } from "./chart";
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

/** Monday of the rating's week, in SQL ('weekday 0' is the coming Sunday, or the day itself). */
const weekOfDay = sql<string>`date(${safetyRatings.day}, 'weekday 0', '-6 days')`;

/** Average and count per week from `fromDay` on (a range on safety_ratings_knelpunt_day_idx). Exported for tests and the query plan. */
export function weeklyAveragesQuery(knelpuntId: number, fromDay: string, toDay?: string) {
  return getDb()
    .select({ week: weekOfDay, average: sql<number>`avg(${safetyRatings.score})`, count: sql<number>`count(*)` })
    .from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), gte(safetyRatings.day, fromDay), toDay ? lte(safetyRatings.day, toDay) : undefined))
    .groupBy(weekOfDay)
    .orderBy(asc(weekOfDay));
}

export function weeklyAverages(knelpuntId: number, fromDay: string, toDay?: string): WeekRow[] {
  return weeklyAveragesQuery(knelpuntId, fromDay, toDay).all();
}

type RatingRow = { day: string; score: number; userId: string };

/**
 * The ratings of a knelpunt from `fromDay` to `toDay` (inclusive), oldest
 * first: one range on safety_ratings_knelpunt_day_idx, which covers day,
 * score and user_id (no table lookups).
 */
function ratingsBetween(knelpuntId: number, fromDay: string, toDay: string): RatingRow[] {
  return getDb()
    .select({ day: safetyRatings.day, score: safetyRatings.score, userId: safetyRatings.userId })
    .from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), gte(safetyRatings.day, fromDay), lte(safetyRatings.day, toDay)))
    .orderBy(asc(safetyRatings.day))
    .all();
}

/** Average, number of ratings and number of people among `rows` (oldest first) from `fromDay` to `toDay` (inclusive). */
function sideOf(rows: readonly RatingRow[], fromDay: string, toDay: string): Side {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.day < fromDay) low = middle + 1;
    else high = middle;
  }
  let sum = 0;
  let count = 0;
  const people = new Set<string>();
  for (let i = low; i < rows.length && rows[i]!.day <= toDay; i++) {
    sum += rows[i]!.score;
    count += 1;
    people.add(rows[i]!.userId);
  }
  return { average: count ? sum / count : null, count, people: people.size };
}

/** Average, number of ratings and number of people in a range of days (inclusive), on the (knelpunt_id, day) index. */
export function periodAverage(knelpuntId: number, fromDay: string, toDay: string): Side {
  return sideOf(ratingsBetween(knelpuntId, fromDay, toDay), fromDay, toDay);
}

/**
 * For each completion day, the ratings 6 weeks before and after (the day
 * itself on neither side). One read of the knelpunt's ratings over all the
 * periods together, however many measures were carried out (not two queries
 * per measure).
 */
export function beforeAfterEach(knelpuntId: number, completedDays: readonly string[]): Array<{ before: Side; after: Side }> {
  if (completedDays.length === 0) return [];
  const periods = completedDays.map(comparePeriods);
  const from = periods.reduce((min, p) => (p.before.from < min ? p.before.from : min), periods[0]!.before.from);
  const to = periods.reduce((max, p) => (p.after.to > max ? p.after.to : max), periods[0]!.after.to);
  const rows = ratingsBetween(knelpuntId, from, to);
  return periods.map((p) => ({ before: sideOf(rows, p.before.from, p.before.to), after: sideOf(rows, p.after.from, p.after.to) }));
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
  const db = getDb();
  const today = amsterdamDay(now);
  const fromDay = addDays(weekStart(today), -7 * (CHART_WEEKS - 1));
  const rows = weeklyAverages(knelpuntId, fromDay);
  const totals = db
    .select({ count: sql<number>`count(*)`, people: sql<number>`count(distinct ${safetyRatings.userId})` })
    .from(safetyRatings)
    .where(and(eq(safetyRatings.knelpuntId, knelpuntId), gte(safetyRatings.day, fromDay)))
    .get() ?? { count: 0, people: 0 };

  const done = db
    .select({ id: measures.id, title: measures.title, kind: measures.kind, completedAt: measures.completedAt })
    .from(measures)
    // A measure that is not visible (held, flagged, hidden) is not named here.
    .where(and(eq(measures.knelpuntId, knelpuntId), eq(measures.status, "uitgevoerd"), isNotNull(measures.completedAt), eq(measures.moderation, "visible")))
    .orderBy(asc(measures.completedAt), asc(measures.id))
    .all();
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
