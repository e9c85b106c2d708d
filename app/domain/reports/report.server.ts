/**
 * The cycle report (issue "Officials' review, notifications, ratings and the
 * cycle report") and the cycle's public open data. Every query is bounded by
 * the cycle (knelpunten by cycle_id, then their measures, supports, answers
 * and ratings through indexed joins). The joins are CROSS JOINs: in SQLite
 * that fixes the order (the cycle's knelpunten, or questions, are the outer
 * loop), so the planner cannot choose to read all measures of every cycle
 * when statistics say this cycle holds much of the data.
 *
 * Moderation (app/domain/moderation): both are public, so they never carry
 * the words of a text that is not visible. Held knelpunten, measures and
 * answers are left out entirely (not counted, not listed: they may never be
 * published). Hidden and flagged ones still count (they were reported or
 * proposed) but come without their words: title, description and place are
 * null (in SQL, so the words never leave the database), with their state and
 * the moderator's public reason.
 */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import type { Cycle } from "~/domain/cycles/cycles.server";
import type { KnelpuntStatus } from "~/domain/knelpunten/statuses";

export const ANSWER_STATUSES = ["in_behandeling", "toegezegd", "afgewezen", "uitgevoerd"] as const;

export type CycleReport = {
  participants: number;
  knelpunten: number;
  byStatus: Partial<Record<KnelpuntStatus, number>>;
  solvedBySelfHelp: number;
  escalated: number;
  selfHelpMeasures: number;
  selfHelpDone: number;
  answers: Array<{
    knelpuntId: number;
    /** Null when the knelpunt is hidden or flagged (moderation): show moderation.hiddenTitle. */
    title: string | null;
    status: KnelpuntStatus;
    answeredAt: Date;
    daysToAnswer: number | null;
    officialName: string | null;
    organisation: string | null;
  }>;
  medianDaysToAnswer: number | null;
  ratings: { firstAverage: number | null; firstCount: number; lastAverage: number | null; lastCount: number; windowDays: number };
};

/** The median of a list of numbers (null for none). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const DAY = 86_400_000;
const RATING_WINDOW_DAYS = 30;

export function cycleReport(cycle: Pick<Cycle, "id">): CycleReport {
  const db = getDb();
  const id = cycle.id;
  const participants =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM (
        SELECT k.reporter_id AS u FROM knelpunten k WHERE k.cycle_id = ${id} AND k.moderation != 'held'
        UNION SELECT m.author_id FROM knelpunten k CROSS JOIN measures m ON m.knelpunt_id = k.id
          WHERE k.cycle_id = ${id} AND k.moderation != 'held' AND m.moderation != 'held'
        UNION SELECT s.user_id FROM knelpunten k CROSS JOIN measures m ON m.knelpunt_id = k.id CROSS JOIN supports s ON s.measure_id = m.id
          WHERE k.cycle_id = ${id} AND k.moderation != 'held' AND m.moderation != 'held'
        UNION SELECT v.user_id FROM knelpunten k CROSS JOIN measures m ON m.knelpunt_id = k.id CROSS JOIN volunteers v ON v.measure_id = m.id
          WHERE k.cycle_id = ${id} AND k.moderation != 'held' AND m.moderation != 'held'
        UNION SELECT a.user_id FROM questions q CROSS JOIN answers a ON a.question_id = q.id WHERE q.cycle_id = ${id} AND a.moderation != 'held'
        UNION SELECT r.user_id FROM knelpunten k CROSS JOIN safety_ratings r ON r.knelpunt_id = k.id WHERE k.cycle_id = ${id} AND k.moderation != 'held'
      ) WHERE u IS NOT NULL`)?.n ?? 0;

  const statusRows = db.all<{ status: KnelpuntStatus; n: number; escalated: number }>(sql`
    SELECT status, count(*) AS n, sum(escalated_at IS NOT NULL) AS escalated FROM knelpunten
    WHERE cycle_id = ${id} AND moderation != 'held' GROUP BY status`);
  const byStatus: Partial<Record<KnelpuntStatus, number>> = {};
  let knelpunten = 0;
  let escalated = 0;
  for (const row of statusRows) {
    byStatus[row.status] = row.n;
    knelpunten += row.n;
    escalated += row.escalated;
  }

  const measureRow = db.get<{ total: number; done: number }>(sql`
    SELECT count(*) AS total, coalesce(sum(m.status = 'uitgevoerd'), 0) AS done
    FROM knelpunten k CROSS JOIN measures m ON m.knelpunt_id = k.id
    WHERE k.cycle_id = ${id} AND k.moderation != 'held' AND m.moderation != 'held'
      AND m.kind = 'zelf' AND m.status IN ('aangenomen', 'in_uitvoering', 'uitgevoerd')`);

  // The first official answer per escalated knelpunt, and how long it took.
  const answerRows = db.all<{
    knelpuntId: number;
    title: string | null;
    status: KnelpuntStatus;
    answeredAt: number;
    escalatedAt: number | null;
    officialName: string | null;
    organisation: string | null;
  }>(sql`
    SELECT k.id AS knelpuntId, CASE WHEN k.moderation = 'visible' THEN k.title END AS title, c.to_status AS status, c.created_at AS answeredAt,
           k.escalated_at AS escalatedAt, u.display_name AS officialName, c.organisation AS organisation
    FROM knelpunten k
    CROSS JOIN knelpunt_status_changes c ON c.knelpunt_id = k.id
    LEFT JOIN users u ON u.id = c.actor_id
    WHERE k.cycle_id = ${id} AND k.moderation != 'held' AND c.to_status IN ('in_behandeling', 'toegezegd', 'afgewezen', 'uitgevoerd')
      AND c.id = (SELECT min(c2.id) FROM knelpunt_status_changes c2
                  WHERE c2.knelpunt_id = k.id AND c2.to_status IN ('in_behandeling', 'toegezegd', 'afgewezen', 'uitgevoerd'))
    ORDER BY c.created_at`);
  const answers = answerRows.map((row) => ({
    knelpuntId: row.knelpuntId,
    title: row.title,
    status: row.status,
    answeredAt: new Date(row.answeredAt),
    daysToAnswer: row.escalatedAt ? Math.max(0, Math.round((row.answeredAt - row.escalatedAt) / DAY)) : null,
    officialName: row.officialName,
    organisation: row.organisation,
  }));

  // How safe places felt at the start of the cycle's ratings and at the end.
  const range = db.get<{ first: string | null; last: string | null }>(sql`
    SELECT min(r.day) AS first, max(r.day) AS last FROM knelpunten k CROSS JOIN safety_ratings r ON r.knelpunt_id = k.id
    WHERE k.cycle_id = ${id} AND k.moderation != 'held'`);
  let ratings: CycleReport["ratings"] = { firstAverage: null, firstCount: 0, lastAverage: null, lastCount: 0, windowDays: RATING_WINDOW_DAYS };
  if (range?.first && range.last) {
    const firstEnd = shiftDay(range.first, RATING_WINDOW_DAYS);
    const lastStart = shiftDay(range.last, -RATING_WINDOW_DAYS);
    const window = (from: string, to: string) =>
      db.get<{ avg: number | null; n: number }>(sql`
        SELECT avg(r.score) AS avg, count(*) AS n FROM knelpunten k CROSS JOIN safety_ratings r ON r.knelpunt_id = k.id
        WHERE k.cycle_id = ${id} AND k.moderation != 'held' AND r.day >= ${from} AND r.day < ${to}`);
    const first = window(range.first, firstEnd);
    const last = window(lastStart > firstEnd ? lastStart : firstEnd, shiftDay(range.last, 1));
    ratings = { firstAverage: first?.avg ?? null, firstCount: first?.n ?? 0, lastAverage: last?.avg ?? null, lastCount: last?.n ?? 0, windowDays: RATING_WINDOW_DAYS };
  }

  return {
    participants,
    knelpunten,
    byStatus,
    solvedBySelfHelp: byStatus.opgelost ?? 0,
    escalated,
    selfHelpMeasures: measureRow?.total ?? 0,
    selfHelpDone: measureRow?.done ?? 0,
    answers,
    medianDaysToAnswer: median(answers.flatMap((a) => (a.daysToAnswer === null ? [] : [a.daysToAnswer]))),
    ratings,
  };
}

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** CSV cell: quoted, with formula characters neutralised. */
function cell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The report's figures as CSV (one figure per row, then the answers; `labels.hiddenTitle` for a hidden knelpunt). */
export function reportCsv(cycle: Pick<Cycle, "id" | "title">, report: CycleReport, labels: Record<string, string>): string {
  const rows: Array<Array<string | number | null>> = [
    [labels.figure!, labels.value!],
    [labels.cycle!, cycle.title],
    [labels.participants!, report.participants],
    [labels.knelpunten!, report.knelpunten],
    [labels.solvedBySelfHelp!, report.solvedBySelfHelp],
    [labels.escalated!, report.escalated],
    [labels.selfHelpMeasures!, report.selfHelpMeasures],
    [labels.selfHelpDone!, report.selfHelpDone],
    [labels.answers!, report.answers.length],
    [labels.medianDays!, report.medianDaysToAnswer],
    [labels.ratingFirst!, report.ratings.firstAverage === null ? null : report.ratings.firstAverage.toFixed(2)],
    [labels.ratingLast!, report.ratings.lastAverage === null ? null : report.ratings.lastAverage.toFixed(2)],
    [],
    [labels.answerKnelpunt!, labels.answerStatus!, labels.answerDate!, labels.answerDays!, labels.answerBy!],
    ...report.answers.map((a) => [a.title ?? labels.hiddenTitle ?? "", labels[`status.${a.status}`] ?? a.status, a.answeredAt.toISOString().slice(0, 10), a.daysToAnswer, [a.officialName, a.organisation].filter(Boolean).join(", ")]),
  ];
  return `\uFEFF${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

/**
 * The public data of a cycle as JSON: knelpunten, measures, counts and
 * officials' answers. Only display names: no email, no account ids.
 * Moderation: held knelpunten and measures (and measures of held knelpunten)
 * are left out; a hidden or flagged one keeps its place and numbers, with
 * title, description, place and point null, `moderation` its state and
 * `moderationReason` the moderator's public reason (hidden only).
 */
export function cycleOpenData(cycle: Cycle) {
  const db = getDb();
  const knelpuntRows = db.all<Record<string, unknown>>(sql`
    SELECT k.id,
           CASE WHEN k.moderation = 'visible' THEN k.title END AS title,
           CASE WHEN k.moderation = 'visible' THEN k.description END AS description,
           k.wijk,
           CASE WHEN k.moderation = 'visible' THEN k.location_text END AS locationText,
           CASE WHEN k.moderation = 'visible' THEN k.lat END AS lat,
           CASE WHEN k.moderation = 'visible' THEN k.lng END AS lng,
           k.status, k.support_count AS supportCount, k.created_at AS createdAt, k.escalated_at AS escalatedAt,
           k.fast_track_reason AS fastTrackReason, u.display_name AS reportedBy,
           k.moderation, CASE WHEN k.moderation = 'hidden' THEN k.moderation_reason END AS moderationReason
    FROM knelpunten k LEFT JOIN users u ON u.id = k.reporter_id
    WHERE k.cycle_id = ${cycle.id} AND k.moderation != 'held' ORDER BY k.id LIMIT 10000`);
  const measureRows = db.all<Record<string, unknown>>(sql`
    SELECT m.id, m.knelpunt_id AS knelpuntId, m.kind,
           CASE WHEN m.moderation = 'visible' THEN m.title END AS title,
           CASE WHEN m.moderation = 'visible' THEN m.description END AS description,
           m.status, m.support_count AS supportCount,
           m.volunteer_count AS volunteerCount, m.created_at AS createdAt, m.completed_at AS completedAt, u.display_name AS proposedBy,
           m.moderation, CASE WHEN m.moderation = 'hidden' THEN m.moderation_reason END AS moderationReason
    FROM knelpunten k CROSS JOIN measures m ON m.knelpunt_id = k.id LEFT JOIN users u ON u.id = m.author_id
    WHERE k.cycle_id = ${cycle.id} AND k.moderation != 'held' AND m.moderation != 'held' ORDER BY m.id LIMIT 50000`);
  const answerRows = db.all<Record<string, unknown>>(sql`
    SELECT c.knelpunt_id AS knelpuntId, c.to_status AS status, c.explanation, c.organisation, c.department,
           c.expected_date AS expectedDate, c.created_at AS answeredAt, u.display_name AS answeredBy
    FROM knelpunten k CROSS JOIN knelpunt_status_changes c ON c.knelpunt_id = k.id LEFT JOIN users u ON u.id = c.actor_id
    WHERE k.cycle_id = ${cycle.id} AND k.moderation != 'held' AND c.to_status IN ('in_behandeling', 'toegezegd', 'afgewezen', 'uitgevoerd')
    ORDER BY c.id LIMIT 50000`);
  const iso = (value: unknown) => (typeof value === "number" ? new Date(value).toISOString() : null);
  return {
    cycle: { slug: cycle.slug, title: cycle.title, theme: cycle.theme, phase: cycle.phase, wijken: cycle.wijken },
    generatedAt: new Date().toISOString(),
    knelpunten: knelpuntRows.map((row) => ({ ...row, createdAt: iso(row.createdAt), escalatedAt: iso(row.escalatedAt) })),
    measures: measureRows.map((row) => ({ ...row, createdAt: iso(row.createdAt), completedAt: iso(row.completedAt) })),
    answers: answerRows.map((row) => ({ ...row, answeredAt: iso(row.answeredAt) })),
    report: cycleReport(cycle),
  };
}
