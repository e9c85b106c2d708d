/**
 * Crashes (issue 8, part 4): the server process is killed with SIGKILL while
 * 1,000 support requests are in flight, 20 times, on the same database file.
 *
 * Each round starts the production build as its own process on the file the
 * previous round's killed server left behind (WAL not checkpointed: it must
 * recover and answer again), sends 1,000 support requests at once, each for a
 * distinct (resident, measure) pair nobody supported before (so every success
 * adds exactly one row; half as the page's fetcher, half as a plain form
 * POST), and sends SIGKILL when the server has committed a seeded random
 * number of them: round r draws from [45(r-1), 45r), so the 20 kill points
 * spread over 0..899 (from before the first commit to near the end). The
 * test watches the file with a read-only connection every 2 ms: the server's
 * progress, not the test's, whose handling of answers can lag behind. Every
 * round must show requests the kill cut off, so the kill really fell while
 * the server had work in flight. Set CRASH_SEED to replay another run (the
 * kill points and the order of requests are seeded; the timing is not).
 *
 * After the kill the test opens the file itself (read-only, so the crashed
 * WAL stays for the next server to recover; a copy of the main file alone
 * tells how many of the round's rows were only in the WAL) and checks:
 * - every support that was answered with success (before the kill, or in
 *   the moment between the kill and the sockets closing) is there;
 * - no (measure, resident) pair twice, and the unique index still exists;
 * - measures.support_count and knelpunten.support_count equal the rows;
 * - PRAGMA integrity_check is "ok";
 * - nothing from earlier rounds went missing.
 * Any HTTP answer other than the app's success answer fails the round (no
 * 5xx under load); the only failures allowed are requests the kill cut off.
 *
 * After the last round a fresh server shows, for every measure, the count in
 * the database, and stops cleanly on SIGTERM.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { closeDb } from "#db/client.server";
import { freePort, startServer, type ServerProcess } from "../support/server-process";
import { makeKnelpunt, makeMeasure, makeResidents, makeSupportCycle, seededRandom, supportFacts, type Resident } from "../support/stress-fixtures";
import { decodeSingleFetch, postSupport, tally, type SupportAnswer, type SupportStyle } from "../support/stress-http";

const ROUNDS = 20;
const RESIDENTS = 100;
const MEASURES_PER_ROUND = 10; // RESIDENTS × MEASURES_PER_ROUND = 1,000 requests per round
const KNELPUNTEN = 10;
const REQUESTS = RESIDENTS * MEASURES_PER_ROUND;
const SEED = Number(process.env.CRASH_SEED ?? 4_242_026);
/** The kill points, in supports committed by the server: 0 .. KILL_BEFORE - 1, one stratum per round. */
const KILL_BEFORE = 900;

const databasePath = process.env.DATABASE_PATH!;
let server: ServerProcess | undefined;
/** Stops a round's watcher and watchdog, also when the round failed half-way. */
let stopWatching: (() => void) | undefined;
let residents: Resident[];
let knelpuntIds: number[];
/** measureIds[round * MEASURES_PER_ROUND + j]: the measures of a round, one on each knelpunt. */
let measureIds: number[];
/** Rows in supports after each round, as the test counted them. */
let rowsSoFar = 0;

type RoundFigures = {
  round: number;
  startMs: number;
  killAfter: number;
  committedAtKill: number;
  answeredAtKill: number;
  successesAtKill: number;
  successes: number;
  rows: number;
  committedUnanswered: number;
  /** The round's rows not (yet) in the main file at the kill: only the WAL had them. Null when the main file alone was unreadable. */
  onlyInWal: number | null;
  roundMs: number;
  cutOff: Record<string, number>;
};
const figures: RoundFigures[] = [];

beforeAll(async () => {
  const [author] = await makeResidents(1, "Indiener");
  residents = await makeResidents(RESIDENTS);
  const cycleId = makeSupportCycle();
  knelpuntIds = Array.from({ length: KNELPUNTEN }, (_, k) => makeKnelpunt(author!, cycleId, `Knelpunt ${k + 1}`));
  measureIds = Array.from({ length: ROUNDS * MEASURES_PER_ROUND }, (_, m) => makeMeasure(author!, knelpuntIds[m % KNELPUNTEN]!, `Maatregel ${m + 1}`));
  // From here on only the server (and the test's short read-only checks) use the file,
  // so a SIGKILL leaves it exactly as a crashed server would.
  closeDb();
});

afterEach(async () => {
  stopWatching?.();
  stopWatching = undefined;
  await server?.kill("SIGKILL");
  server = undefined;
});

afterAll(() => {
  if (figures.length === 0) return;
  const line = (f: RoundFigures) =>
    `round ${String(f.round).padStart(2)}: start ${String(f.startMs).padStart(4)} ms, kill at ${String(f.killAfter).padStart(3)} committed ` +
    `(seen ${String(f.committedAtKill).padStart(3)}; ${String(f.answeredAtKill).padStart(3)} answered, ${String(f.successesAtKill).padStart(3)} successes by then), ` +
    `${String(f.successes).padStart(3)} successes in all, ${String(f.rows).padStart(3)} rows (${f.committedUnanswered} committed but unanswered, ` +
    `${String(f.onlyInWal ?? "?").padStart(3)} only in the WAL), round ${String(f.roundMs).padStart(4)} ms, cut off ${JSON.stringify(f.cutOff)}`;
  console.log(`[crash] seed ${SEED}\n${figures.map(line).join("\n")}`);
});

function readOnly<T>(use: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}

function placeholders(n: number) {
  return Array.from({ length: n }, () => "?").join(", ");
}

/**
 * Supports on the given measures in the main database file alone (a copy,
 * without its WAL): a figure only. Null when the main file cannot be read on
 * its own, as when the kill fell in the middle of a checkpoint (SQLite then
 * needs the WAL, which still holds every page the checkpoint was copying).
 */
function rowsInMainFile(measures: number[]): number | null {
  const copy = `${databasePath}.main-only`;
  const remove = () => ["", "-wal", "-shm"].forEach((suffix) => fs.rmSync(copy + suffix, { force: true }));
  remove();
  fs.copyFileSync(databasePath, copy);
  try {
    const sqlite = new Database(copy, { fileMustExist: true });
    try {
      return (sqlite.prepare(`SELECT count(*) AS n FROM supports WHERE measure_id IN (${placeholders(measures.length)})`).get(...measures) as { n: number }).n;
    } catch {
      return null;
    } finally {
      sqlite.close();
    }
  } finally {
    remove();
  }
}

describe(`${ROUNDS} rounds: SIGKILL while ${REQUESTS} supports are in flight`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: every answered support survives, no duplicates, counters exact, integrity ok`, async () => {
      onTestFailed(() => console.log(`Server output (round ${round}):\n${server?.output() ?? "(none)"}`));
      const roundStarted = performance.now();
      const random = seededRandom(SEED + round);
      const roundMeasures = measureIds.slice((round - 1) * MEASURES_PER_ROUND, round * MEASURES_PER_ROUND);

      // Start on the file the previous round's SIGKILL left behind.
      server = await startServer({ port: await freePort(), databasePath, timeoutMs: 90_000 });
      const startMs = Math.round(performance.now() - roundStarted);
      const live = server;

      // Every (resident, measure) pair once, in a seeded random order, alternately as fetcher and as form.
      const pairs = residents.flatMap((resident, r) => roundMeasures.map((measureId, j) => ({ resident, r, measureId, knelpuntId: knelpuntIds[j % KNELPUNTEN]! })));
      for (let i = pairs.length - 1; i > 0; i--) {
        const k = Math.floor(random() * (i + 1));
        [pairs[i], pairs[k]] = [pairs[k]!, pairs[i]!];
      }
      const killAfter = Math.floor(((round - 1 + random()) * KILL_BEFORE) / ROUNDS);

      const answers: (SupportAnswer | undefined)[] = new Array(REQUESTS);
      let answered = 0;
      let successes = 0;
      let committed = 0;
      let atKill: { answered: number; successes: number; committed: number; before: Set<number> } | undefined;
      let killed: Promise<void> | undefined;
      // The server's progress: the round's committed supports, read every 2 ms on a read-only connection.
      const watcher = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 0 });
      const countRound = watcher.prepare(`SELECT count(*) AS n FROM supports WHERE measure_id IN (${placeholders(roundMeasures.length)})`).pluck();
      const kill = () => {
        if (killed) return;
        killed = live.kill("SIGKILL");
        atKill = { answered, successes, committed, before: new Set(answers.flatMap((answer, i) => (answer ? [i] : []))) };
        stopWatching?.();
      };
      const poll = setInterval(() => {
        try {
          committed = countRound.get(...roundMeasures) as number;
        } catch {
          return; // busy for a moment: look again at the next tick
        }
        if (committed >= killAfter) kill();
      }, 2);
      // A watchdog only: the kill point is always reached first unless requests hang.
      const watchdog = setTimeout(kill, 120_000);
      stopWatching = () => {
        clearInterval(poll);
        clearTimeout(watchdog);
        if (watcher.open) watcher.close();
        stopWatching = undefined;
      };
      const requests = pairs.map(({ resident, r, measureId, knelpuntId }, i) =>
        postSupport({
          url: live.url,
          measureId,
          knelpuntId,
          token: resident.token,
          style: (i % 2 === 0 ? "fetcher" : "form") satisfies SupportStyle,
          ip: `10.9.${r >> 8}.${r & 255}`,
        }).then((answer) => {
          answers[i] = answer;
          answered += 1;
          if (answer.outcome === "supported") successes += 1;
        }),
      );
      await Promise.all(requests);
      await killed;
      expect(live.child.signalCode).toBe("SIGKILL");
      expect(atKill!.committed).toBeGreaterThanOrEqual(killAfter); // the kill point, not the watchdog

      // Before the kill: only the app's success answers. At no time: an HTTP error (4xx/5xx).
      const all = answers as SupportAnswer[];
      const beforeKill = [...atKill!.before].map((i) => all[i]!);
      expect(beforeKill.filter((answer) => answer.outcome !== "supported").slice(0, 5)).toEqual([]);
      expect(all.filter((answer) => answer.outcome === "unexpected").slice(0, 5)).toEqual([]);
      // A fresh pair: a fetcher's success must say it changed something.
      expect(all.filter((answer) => answer.outcome === "supported" && answer.style === "fetcher" && answer.changed !== true)).toEqual([]);

      // Killed while the server had work in flight: some requests never got their answer.
      const cutOff = all.filter((answer) => answer.outcome === "no-answer");
      expect(cutOff.length).toBeGreaterThan(0);

      // The file as the crash left it.
      const inMainFile = rowsInMainFile(roundMeasures);
      const { facts, roundRows, earlierRows } = readOnly((sqlite) => ({
        facts: supportFacts(sqlite),
        roundRows: sqlite
          .prepare(`SELECT measure_id AS measureId, user_id AS userId FROM supports WHERE measure_id IN (${placeholders(roundMeasures.length)})`)
          .all(...roundMeasures) as { measureId: number; userId: string }[],
        earlierRows: (
          sqlite.prepare(`SELECT count(*) AS n FROM supports WHERE measure_id IN (${placeholders(Math.max(1, (round - 1) * MEASURES_PER_ROUND))})`).get(
            ...(round === 1 ? [-1] : measureIds.slice(0, (round - 1) * MEASURES_PER_ROUND)),
          ) as { n: number }
        ).n,
      }));
      // Taken before the checks, so a failing round does not make every later round fail too.
      const expectedEarlierRows = rowsSoFar;
      rowsSoFar = facts.rows;
      expect(facts.integrity).toEqual(["ok"]);
      expect(facts.uniqueIndexOnMeasureUser).toBe(true);
      expect(facts.duplicates).toEqual([]);
      expect(facts.measureCounterMismatches).toEqual([]);
      expect(facts.knelpuntCounterMismatches).toEqual([]);
      expect(earlierRows).toBe(expectedEarlierRows); // nothing from earlier rounds lost
      expect(facts.rows).toBe(expectedEarlierRows + roundRows.length);

      const stored = new Set(roundRows.map((row) => `${row.measureId}:${row.userId}`));
      const missing = pairs.filter((pair, i) => all[i]!.outcome === "supported" && !stored.has(`${pair.measureId}:${pair.resident.id}`));
      expect(missing.map((pair) => `${pair.measureId}:${pair.r}`)).toEqual([]);
      expect(roundRows.length).toBeGreaterThanOrEqual(successes);
      expect(roundRows.length).toBeLessThanOrEqual(REQUESTS);

      figures.push({
        round,
        startMs,
        killAfter,
        committedAtKill: atKill!.committed,
        answeredAtKill: atKill!.answered,
        successesAtKill: atKill!.successes,
        successes,
        rows: roundRows.length,
        committedUnanswered: roundRows.length - successes,
        onlyInWal: inMainFile === null ? null : roundRows.length - inMainFile,
        roundMs: Math.round(performance.now() - roundStarted),
        cutOff: tally(cutOff, (answer) => (answer.outcome === "no-answer" ? answer.error.replace(/\d+/g, "N") : "")),
      });
    }, 180_000);
  }

  it("after the last crash, a fresh server shows every measure's count as in the database and stops cleanly", async () => {
    onTestFailed(() => console.log(`Server output:\n${server?.output() ?? "(none)"}`));
    expect(figures).toHaveLength(ROUNDS); // every round ran
    // The rounds did test recovery: supports that were only in the WAL at the kill were found.
    expect(figures.reduce((sum, f) => sum + (f.onlyInWal ?? 0), 0)).toBeGreaterThan(0);
    server = await startServer({ port: await freePort(), databasePath, timeoutMs: 90_000 });
    const inDatabase = readOnly(
      (sqlite) =>
        new Map(
          (sqlite.prepare("SELECT m.id, m.support_count AS n FROM measures m").all() as { id: number; n: number }[]).map((row) => [row.id, row.n]),
        ),
    );
    let shown = 0;
    for (const knelpuntId of knelpuntIds) {
      const response = await fetch(`${server.url}/knelpunten/${knelpuntId}.data`);
      expect(response.status).toBe(200);
      const value = (await decodeSingleFetch(response)) as Record<string, { data?: { page?: { selfHelpMeasures: { id: number; supportCount: number }[] } } }>;
      const measures = Object.values(value).find((route) => route?.data?.page)?.data?.page?.selfHelpMeasures ?? [];
      expect(measures).toHaveLength((ROUNDS * MEASURES_PER_ROUND) / KNELPUNTEN);
      for (const measure of measures) {
        expect(measure.supportCount, `measure ${measure.id}`).toBe(inDatabase.get(measure.id));
        shown += measure.supportCount;
      }
    }
    expect(shown).toBe(rowsSoFar);
    const live = server;
    await live.kill("SIGTERM");
    expect(live.child.exitCode).toBe(0);
    const facts = readOnly(supportFacts);
    expect(facts).toMatchObject({ integrity: ["ok"], duplicates: [], measureCounterMismatches: [], knelpuntCounterMismatches: [], rows: rowsSoFar });
  }, 120_000);
});
