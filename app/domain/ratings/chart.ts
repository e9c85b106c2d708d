/**
 * Pure helpers for "Voelt het veiliger?": weekly buckets, the geometry of
 * the server-rendered SVG chart and the before/after sentence. No database,
 * no React: tested in test/unit/ratings*.test.ts.
 */
import { addDays, dayNumber, weekStart } from "./days";

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** Weeks before and after a measure's completion that are compared. */
export const COMPARE_WEEKS = 6;
/** The chart shows at most this many weeks (up to the current one). */
export const CHART_WEEKS = 52;
/** Fewer ratings than this on a side: too few to draw conclusions. */
export const LOW_DATA = 5;

export type WeekRow = { week: string; average: number; count: number };
export type WeekBucket = { week: string; average: number | null; count: number };

/**
 * Every week from `from` to `to` (both week starts, inclusive), with the
 * rows' averages where there are ratings and null where there are none.
 */
export function fillWeeks(rows: readonly WeekRow[], from: string, to: string): WeekBucket[] {
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  const weeks: WeekBucket[] = [];
  for (let week = weekStart(from); dayNumber(week) <= dayNumber(to); week = addDays(week, 7)) {
    const row = byWeek.get(week);
    weeks.push({ week, average: row ? row.average : null, count: row ? row.count : 0 });
  }
  return weeks;
}

/** Groups single ratings by week (the same as the SQL GROUP BY, for tests and small lists). */
export function bucketByWeek(ratings: ReadonlyArray<{ day: string; score: number }>): WeekRow[] {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const rating of ratings) {
    const week = weekStart(rating.day);
    const entry = sums.get(week) ?? { sum: 0, count: 0 };
    entry.sum += rating.score;
    entry.count += 1;
    sums.set(week, entry);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, { sum, count }]) => ({ week, average: sum / count, count }));
}

/**
 * The weeks the chart spans: from the first week with ratings (or a mark) to
 * the last, within the last CHART_WEEKS weeks up to `today`. Null without ratings.
 */
export function chartRange(rows: readonly WeekRow[], markDays: readonly string[], today: string): { from: string; to: string } | null {
  if (rows.length === 0) return null;
  const earliest = addDays(weekStart(today), -7 * (CHART_WEEKS - 1));
  const weeks = [...rows.map((row) => row.week), ...markDays.map(weekStart)].filter(
    (week) => week >= earliest && week <= weekStart(today),
  );
  // Nothing inside the 52 weeks (e.g. only ratings dated after today by a wrong clock): no chart.
  if (weeks.length === 0) return null;
  weeks.sort();
  return { from: weeks[0]!, to: weeks[weeks.length - 1]! };
}

export const CHART_BOX = { width: 640, height: 300, left: 48, right: 20, top: 56, bottom: 48 } as const;

export type ChartMarkInput = { id: number; day: string; label: string };

export type ChartGeometry = {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  yTicks: Array<{ value: number; y: number }>;
  xTicks: Array<{ week: string; x: number }>;
  points: Array<{ week: string; x: number; y: number; average: number; count: number }>;
  /** Polyline `points` attributes: one per run of consecutive weeks with ratings. */
  lines: string[];
  marks: Array<{ id: number; day: string; x: number; label: string; labelX: number; labelY: number; anchor: "start" | "end" }>;
};

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Where everything goes in the SVG: weeks are equal slots along x (a point
 * in the middle of its week), scores 1 (bottom) to 5 (top) along y, a mark
 * in the middle of its day. Marks outside the weeks are left out.
 */
export function chartGeometry(weeks: readonly WeekBucket[], marks: readonly ChartMarkInput[], box = CHART_BOX): ChartGeometry {
  const plot = { x: box.left, y: box.top, width: box.width - box.left - box.right, height: box.height - box.top - box.bottom };
  const n = Math.max(weeks.length, 1);
  const firstDay = weeks.length ? dayNumber(weeks[0]!.week) : 0;
  const dayX = (day: string) => plot.x + ((dayNumber(day) - firstDay + 0.5) / (n * 7)) * plot.width;
  const weekX = (index: number) => plot.x + ((index + 0.5) / n) * plot.width;
  const scoreY = (score: number) => plot.y + ((SCORE_MAX - score) / (SCORE_MAX - SCORE_MIN)) * plot.height;

  const yTicks = [1, 2, 3, 4, 5].map((value) => ({ value, y: round(scoreY(value)) }));
  const step = Math.max(1, Math.ceil(n / 6));
  const xTicks = weeks.flatMap((bucket, index) => (index % step === 0 ? [{ week: bucket.week, x: round(weekX(index)) }] : []));

  const points: ChartGeometry["points"] = [];
  const lines: string[] = [];
  let run: string[] = [];
  weeks.forEach((bucket, index) => {
    if (bucket.average === null) {
      if (run.length) lines.push(run.join(" "));
      run = [];
      return;
    }
    const point = { week: bucket.week, x: round(weekX(index)), y: round(scoreY(bucket.average)), average: bucket.average, count: bucket.count };
    points.push(point);
    run.push(`${point.x},${point.y}`);
  });
  if (run.length) lines.push(run.join(" "));

  const lastDay = weeks.length ? firstDay + n * 7 - 1 : -1;
  const middle = plot.x + plot.width / 2;
  const inside = marks.filter((mark) => weeks.length > 0 && dayNumber(mark.day) >= firstDay && dayNumber(mark.day) <= lastDay);
  const placed = inside.map((mark, index) => {
    const x = round(dayX(mark.day));
    const anchor: "start" | "end" = x > middle ? "end" : "start";
    return {
      id: mark.id,
      day: mark.day,
      x,
      label: mark.label,
      labelX: anchor === "end" ? x - 4 : x + 4,
      // Alternate two rows above the plot, so neighbouring labels do not overlap.
      labelY: plot.y - 10 - (index % 2) * 18,
      anchor,
    };
  });

  return { width: box.width, height: box.height, plot, yTicks, xTicks, points, lines, marks: placed };
}

/** A label that fits above the chart. */
export function shortLabel(text: string, max = 28): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

// ---------------------------------------------------------------------------
// Before and after a measure
// ---------------------------------------------------------------------------

export type Side = { average: number | null; count: number; people: number };

export type Comparison = {
  /** Which sentence to say. */
  kind: "both" | "onlyAfter" | "onlyBefore" | "none";
  /** Fewer than LOW_DATA ratings on a side (and there is something to compare). */
  caution: boolean;
  /** The weeks after the completion are not over yet. */
  afterRunning: boolean;
};

/**
 * The before/after sentence for a completed measure: both sides, one side
 * or none; a caution when a side has fewer than LOW_DATA ratings; and
 * whether the period after is still running (completed less than
 * COMPARE_WEEKS weeks before `today`).
 */
export function compareSides(before: Side, after: Side, completedDay: string, today: string): Comparison {
  const hasBefore = before.count > 0;
  const hasAfter = after.count > 0;
  const kind = hasBefore && hasAfter ? "both" : hasAfter ? "onlyAfter" : hasBefore ? "onlyBefore" : "none";
  return {
    kind,
    caution: kind !== "none" && Math.min(before.count, after.count) < LOW_DATA,
    afterRunning: dayNumber(today) - dayNumber(completedDay) < COMPARE_WEEKS * 7,
  };
}

/** The days compared around a completion day: before = [from, completed), after = (completed, to]. The day itself counts on neither side. */
export function comparePeriods(completedDay: string): { before: { from: string; to: string }; after: { from: string; to: string } } {
  return {
    before: { from: addDays(completedDay, -7 * COMPARE_WEEKS), to: addDays(completedDay, -1) },
    after: { from: addDays(completedDay, 1), to: addDays(completedDay, 7 * COMPARE_WEEKS) },
  };
}

/** An average as people write it: one decimal, comma in Dutch ("3,6"). */
/** One kept formatter per locale: constructing one costs about 50 µs, formatting with it about 1 µs. */
const averageFormats = {
  nl: new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

export function formatAverage(locale: "nl" | "en", value: number): string {
  return averageFormats[locale].format(value);
}

import type { MessageKey, Vars } from "~/i18n";

export type Sentence = { key: MessageKey; vars?: Vars };

const people = (count: number) => (count === 1 ? "one" : "other");

/**
 * The sentences under a measure, as message keys with their values, e.g.
 * "In de 6 weken na ‘Lichtschouw’ gaven 8 mensen gemiddeld een 3,6. In de
 * 6 weken daarvoor gaven 6 mensen gemiddeld een 2,1." plus the caution and
 * the note that the period after is still running.
 */
export function comparisonSentences(
  locale: "nl" | "en",
  title: string,
  before: Side,
  after: Side,
  comparison: Comparison,
): Sentence[] {
  const weeks = COMPARE_WEEKS;
  const side = (s: Side) => ({ people: s.people, average: s.average === null ? "" : formatAverage(locale, s.average) });
  const sentences: Sentence[] = [];
  switch (comparison.kind) {
    case "both":
      sentences.push({ key: `rating.compare.after.${people(after.people)}`, vars: { title, weeks, ...side(after) } });
      sentences.push({ key: `rating.compare.before.${people(before.people)}`, vars: { weeks, ...side(before) } });
      break;
    case "onlyAfter":
      sentences.push({ key: `rating.compare.after.${people(after.people)}`, vars: { title, weeks, ...side(after) } });
      sentences.push({ key: "rating.compare.noneBefore", vars: { weeks } });
      break;
    case "onlyBefore":
      sentences.push({ key: `rating.compare.beforeOnly.${people(before.people)}`, vars: { title, weeks, ...side(before) } });
      sentences.push({ key: "rating.compare.noneAfter", vars: { weeks } });
      break;
    case "none":
      sentences.push({ key: "rating.compare.none", vars: { title, weeks } });
      break;
  }
  if (comparison.afterRunning) sentences.push({ key: "rating.compare.running", vars: { weeks } });
  if (comparison.caution) sentences.push({ key: "rating.compare.caution" });
  return sentences;
}
