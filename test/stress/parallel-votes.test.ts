/**
 * Parallel votes over HTTP (issue 8, part 3).
 *
 * 100 residents, each signed in (session rows written into the database file
 * before the server starts, cookie vl_session), send 10 support requests each
 * for the same measure, all 1,000 released at once (in a seeded random order)
 * against the production build running as its own process. Half the residents
 * post the way the page's fetcher does (/maatregelen/:id.data, via=fetcher),
 * the other half as a plain form POST without JavaScript (302 + flash).
 *
 * It runs twice: with one server process, and with the cluster of two worker
 * processes that production runs on a 2-core machine (WEB_CONCURRENCY=2;
 * docs/decisions/014-a-worker-per-core.md), where the requests are spread
 * over two processes that write to the same SQLite file.
 *
 * Proves: every request gets the app's success answer (no 5xx, no 4xx, no
 * dropped connection); exactly one request per resident changes anything;
 * the database ends with exactly 100 supports (one per resident, unique
 * index intact, integrity ok); measures.support_count and
 * knelpunten.support_count equal the rows; and the knelpunt page (HTML for a
 * visitor, single-fetch data for a resident) shows 100.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { getDb } from "#db/client.server";
import { freePort, startServer, type ServerProcess } from "../support/server-process";
import { makeKnelpunt, makeMeasure, makeResidents, makeSupportCycle, seededRandom, supportFacts, type Resident } from "../support/stress-fixtures";
import { decodeSingleFetch, percentile, postSupport, tally, type SupportAnswer, type SupportStyle } from "../support/stress-http";

const RESIDENTS = 100;
const REQUESTS_EACH = 10;
const SEED = 20_260_801;

let server: ServerProcess | undefined;
let residents: Resident[];
let cycleId: number;
let knelpuntId: number;
let measureId: number;
let untouchedMeasureId: number;
/** Support rows in the file before this run (the first run's stay when the second runs). */
let rowsBefore: number;

describe.each([1, 2])("100 residents × 10 parallel support requests for one measure, over HTTP, %i server process(es)", (workers) => {
  beforeAll(async () => {
    const [author] = await makeResidents(1, "Indiener");
    residents = await makeResidents(RESIDENTS);
    // A limit of 3 per resident, so the limit's count runs in every request too (each resident supports one measure).
    cycleId = makeSupportCycle({ supportLimit: 3, supportThreshold: 5 });
    knelpuntId = makeKnelpunt(author!, cycleId);
    measureId = makeMeasure(author!, knelpuntId, "Samen door de tunnel");
    untouchedMeasureId = makeMeasure(author!, knelpuntId, "Meer licht");
    rowsBefore = supportFacts(getDb().$client).rows;
    // The test's own connection stays open (WAL: the server and the test read and write the same file).
    server = await startServer({ port: await freePort(), databasePath: process.env.DATABASE_PATH!, env: { WEB_CONCURRENCY: String(workers) } });
  });

  afterAll(async () => {
    await server?.kill("SIGKILL");
  });

  /** The measure's data and the page's support usage, as the knelpunt page's loader sends them to `resident`. */
  async function knelpuntData(resident: Resident) {
    const response = await fetch(`${server!.url}/knelpunten/${knelpuntId}.data`, { headers: { cookie: `vl_session=${resident.token}` } });
    expect(response.status).toBe(200);
    const value = (await decodeSingleFetch(response)) as Record<string, { data?: { page?: { selfHelpMeasures: { id: number; supportCount: number; viewerSupports: boolean }[]; supportUsage: { used: number; limit: number } | null } } }>;
    const page = Object.values(value).find((route) => route?.data?.page)?.data?.page;
    if (!page) throw new Error(`no knelpunt page in ${JSON.stringify(value).slice(0, 300)}`);
    return page;
  }

  it("gives exactly 100 supports, counters equal to the rows, the page shows 100, and no failed request", async () => {
      onTestFailed(() => console.log(`Server output:\n${server?.output()}`));
      const random = seededRandom(SEED);
      const styleOf = (index: number): SupportStyle => (index % 2 === 0 ? "fetcher" : "form");
      const requests = residents.flatMap((resident, index) =>
        Array.from({ length: REQUESTS_EACH }, () => ({ resident, index, style: styleOf(index) })),
      );
      // A seeded shuffle, so one resident's 10 requests are spread over the burst.
      for (let i = requests.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [requests[i], requests[j]] = [requests[j]!, requests[i]!];
      }

      const started = performance.now();
      const answers: SupportAnswer[] = await Promise.all(
        requests.map(({ resident, index, style }) =>
          postSupport({ url: server!.url, measureId, knelpuntId, token: resident.token, style, ip: `10.8.${index >> 8}.${index & 255}` }),
        ),
      );
      const elapsed = Math.round(performance.now() - started);
      const latencies = answers.map((answer) => answer.ms);
      console.log(
        `[parallel-votes] ${answers.length} requests in ${elapsed} ms; latency p50 ${percentile(latencies, 50)} ms, ` +
          `p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms; ` +
          `answers ${JSON.stringify(tally(answers, (a) => (a.outcome === "no-answer" ? `no-answer ${a.error}` : `${a.style} ${a.status} ${a.outcome}`)))}`,
      );

      // Every request answered with the app's success answer: no 5xx, no refusal, no dropped connection.
      const failures = answers.filter((answer) => answer.outcome !== "supported");
      expect(failures.slice(0, 5), `${failures.length} requests failed`).toEqual([]);
      expect(answers.filter((answer) => "status" in answer && answer.status >= 500)).toEqual([]);
      expect(tally(answers, (a) => `${a.style} ${"status" in a ? a.status : "-"}`)).toEqual({ "fetcher 200": 500, "form 302": 500 });

      // Per fetcher resident: exactly one of their 10 requests changed something, the other 9 found the support there.
      const byResident = new Map<number, SupportAnswer[]>();
      requests.forEach((request, i) => byResident.set(request.index, [...(byResident.get(request.index) ?? []), answers[i]!]));
      const changedCounts: number[] = [];
      for (const [index, own] of byResident) {
        if (styleOf(index) !== "fetcher") continue;
        const changed = own.filter((answer) => answer.outcome === "supported" && answer.changed === true);
        expect(changed, `resident ${index}`).toHaveLength(1);
        changedCounts.push((changed[0] as Extract<SupportAnswer, { outcome: "supported" }>).supportCount!);
      }
      expect(changedCounts).toHaveLength(RESIDENTS / 2);
      // Each insert saw its own new total: the counts the changing requests got back are distinct, all within 1..100.
      expect(new Set(changedCounts).size).toBe(changedCounts.length);
      expect(changedCounts.every((n) => n >= 1 && n <= RESIDENTS)).toBe(true);
      // Every answered count is a count that existed: never above 100.
      for (const answer of answers) {
        if (answer.outcome === "supported" && answer.supportCount !== null) expect(answer.supportCount).toBeLessThanOrEqual(RESIDENTS);
      }

      // The database: exactly one row per resident, counters equal to the rows.
      const sqlite = getDb().$client;
      const rows = sqlite.prepare("SELECT user_id FROM supports WHERE measure_id = ?").all(measureId) as { user_id: string }[];
      expect(rows).toHaveLength(RESIDENTS);
      expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set(residents.map((resident) => resident.id)));
      const counters = sqlite
        .prepare("SELECT m.support_count AS measure, k.support_count AS knelpunt FROM measures m JOIN knelpunten k ON k.id = m.knelpunt_id WHERE m.id = ?")
        .get(measureId);
      expect(counters).toEqual({ measure: RESIDENTS, knelpunt: RESIDENTS });
      expect(sqlite.prepare("SELECT count(*) AS n FROM supports WHERE measure_id = ?").get(untouchedMeasureId)).toEqual({ n: 0 });
      const facts = supportFacts(sqlite);
      expect(facts).toMatchObject({ integrity: ["ok"], duplicates: [], measureCounterMismatches: [], knelpuntCounterMismatches: [], uniqueIndexOnMeasureUser: true, rows: rowsBefore + RESIDENTS });

      // What the app shows: the page for a visitor (no JavaScript) and the data the page's loader sends a resident.
      const html = await (await fetch(`${server!.url}/knelpunten/${knelpuntId}`)).text();
      const shown = new RegExp(`<li id="maatregel-${measureId}"[\\s\\S]*?<p class="vl-measure__counts">([^<]*)</p>`).exec(html)?.[1];
      expect(shown).toBe(`${RESIDENTS} van 5 steunbetuigingen, 0 van 2 meehelpers`);
      const page = await knelpuntData(residents[7]!);
      expect(page.selfHelpMeasures.find((m) => m.id === measureId)).toMatchObject({ supportCount: RESIDENTS, viewerSupports: true });
      expect(page.selfHelpMeasures.find((m) => m.id === untouchedMeasureId)).toMatchObject({ supportCount: 0, viewerSupports: false });
      expect(page.supportUsage).toEqual({ used: 1, limit: 3 });
    });
});
