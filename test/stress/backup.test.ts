/**
 * Backup and restore round trip against the production build (issue 8,
 * part 5): `npm run backup` and `npm run restore` as an operator runs them.
 *
 * 1. A demo database, grown with 120,000 audit-log rows (so the copy takes
 *    a while), serves a write load over HTTP: 40 signed-in residents
 *    volunteer for and support self-help measures (each a transaction that
 *    also updates the measures' and knelpunten's counters) and new people
 *    sign up (users, codes, mails, rate limits). `npm run backup` runs in the
 *    middle of it. The copy passes integrity_check and foreign_key_check, every
 *    table's row count lies between the counts read just before and just
 *    after the backup, and the counters equal their rows (a copy that mixed
 *    two moments would break them).
 * 2. The server is stopped, `npm run restore` puts the copy back (the previous
 *    database, with everything written after the backup, is kept aside), the
 *    server starts on it, and every table has the backup's row count; a
 *    session from before the backup still works.
 * 3. Restore refuses, with exit code 1 and the live database untouched (same
 *    bytes, nothing kept aside, no leftovers): while the server runs, a
 *    corrupt copy, a file that is no database, an SQLite database that is not
 *    Veranderlab's, and a backup from a newer version (an unknown migration).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  counterMismatches,
  countsOf,
  integrityCheck,
  killRunningScripts,
  rowCounts,
  runNpmScript,
  sha256,
  withDb,
  type RowCounts,
} from "../support/backup-helpers";
import { freePort, startServer, type ServerProcess } from "../support/server-process";

const DIR = path.resolve(`.tmp/stress-backup-${process.pid}`);
const DATABASE = path.join(DIR, "data", "veranderlab.db");
const BACKUP = path.join(DIR, "backups", "under-load.db");
const PASSWORD = "demo-veranderlab-2026";
const RESIDENTS = 40;

let server: ServerProcess | undefined;
let port = 0;
let loadRunning = false;
let loadDone: Promise<unknown> | undefined;

async function start() {
  server = await startServer({ port, databasePath: DATABASE, seedDemo: true });
  return server;
}

async function stop() {
  await server?.kill("SIGTERM");
  server = undefined;
}

function post(pathname: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server!.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server!.url, ...headers },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(120_000),
  });
}

function address(block: number, n: number): string {
  return `10.${block}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/** Files next to the database (the database, its -wal/-shm, anything kept aside or left behind). */
function filesNextToDatabase(): string[] {
  return fs.readdirSync(path.dirname(DATABASE)).sort();
}

beforeAll(async () => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  port = await freePort();
  await start();
});

afterAll(async () => {
  loadRunning = false;
  await Promise.race([loadDone?.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  killRunningScripts();
  await server?.kill("SIGKILL");
  fs.rmSync(DIR, { recursive: true, force: true });
});

describe("npm run backup under load, npm run restore", () => {
  const cookies: string[] = [];
  let before: RowCounts;
  let after: RowCounts;
  let copied: RowCounts;
  let final: RowCounts;

  it("prepares a larger database and 40 signed-in residents", async () => {
    withDb(DATABASE, (db) => {
      const insert = db.prepare(
        `INSERT INTO audit_log (actor_id, action, target_type, target_id, details, created_at) VALUES (NULL, 'stress.filler', 'none', ?, ?, ?)`,
      );
      const details = JSON.stringify({ note: "x".repeat(200) });
      db.transaction(() => {
        for (let i = 0; i < 120_000; i++) insert.run(String(i), details, Date.now() - i * 1000);
      })();
      const columns = (db.pragma("table_info(users)") as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== "id" && c !== "email");
      const copy = db.prepare(
        `INSERT INTO users (id, email, ${columns.join(", ")}) SELECT ?, ?, ${columns.join(", ")} FROM users WHERE email = 'bewoner@veranderlab.test'`,
      );
      db.transaction(() => {
        for (let i = 0; i < RESIDENTS; i++) copy.run(`stress-resident-${i}`, `stress-resident-${i}@veranderlab.test`);
      })();
    });
    for (let i = 0; i < RESIDENTS; i += 10) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          post("/inloggen", { email: `stress-resident-${i + j}@veranderlab.test`, password: PASSWORD, redirectTo: "/" }, { "X-Forwarded-For": address(1, i + j) }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(302);
        cookies.push(answer.headers.get("set-cookie")!.match(/vl_session=[^;]+/)![0]);
      }
    }
    const bytes = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
    expect(bytes(DATABASE) + bytes(`${DATABASE}-wal`)).toBeGreaterThan(20 * 1024 * 1024);
  });

  it("writes a consistent copy while the server is under write load", async () => {
    const measures = withDb(DATABASE, (db) =>
      db
        .prepare(
          `SELECT m.id FROM measures m JOIN cycles c ON c.id = m.cycle_id
           WHERE c.phase = 'zelf_doen' AND m.kind = 'zelf' AND m.status IN ('voorgesteld', 'in_uitvoering') ORDER BY m.id`,
        )
        .pluck()
        .all() as number[],
    );
    expect(measures.length).toBeGreaterThan(3);
    expect(withDb(DATABASE, counterMismatches)).toEqual([]);

    // The load: every (resident, measure, volunteer|support) once, shuffled,
    // four at a time, and sign-ups one at a time, until stopped. Only adds,
    // so every table's count only grows.
    const jobs = cookies.flatMap((cookie) => measures.flatMap((id) => [{ cookie, id, intent: "volunteer" }, { cookie, id, intent: "support" }]));
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
    }
    const statuses: Record<string, number> = {};
    const note = (kind: string, status: number) => (statuses[`${kind} ${status}`] = (statuses[`${kind} ${status}`] ?? 0) + 1);
    let writes = 0;
    loadRunning = true;
    const toggler = async () => {
      while (loadRunning) {
        const job = jobs.pop();
        if (!job) return;
        const answer = await post(`/maatregelen/${job.id}`, { intent: job.intent, redirectTo: "/" }, { Cookie: job.cookie });
        await answer.arrayBuffer();
        note(job.intent, answer.status);
        if (answer.status === 302) writes++;
      }
    };
    let signUps = 0;
    const signUpper = async () => {
      while (loadRunning) {
        const n = signUps++;
        const answer = await post(
          "/registreren",
          { email: `stress-signup-${n}@example.org`, password: "een lang genoeg wachtwoord", displayName: `Nieuw ${n}`, wijk: "", acceptConduct: "on" },
          { "X-Forwarded-For": address(2, n) },
        );
        await answer.arrayBuffer();
        note("signup", answer.status);
        if (answer.status === 302) writes++;
      }
    };
    loadDone = Promise.all([toggler(), toggler(), toggler(), toggler(), signUpper()]);

    const warmUntil = Date.now() + 120_000;
    while (writes < 20) {
      if (Date.now() > warmUntil) throw new Error(`The load wrote too little: ${JSON.stringify(statuses)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    before = countsOf(DATABASE);
    const writesBefore = writes;
    const run = await runNpmScript("backup", [BACKUP], DATABASE);
    after = countsOf(DATABASE);
    const writesDuring = writes - writesBefore;
    loadRunning = false;
    await loadDone;

    console.log(`[backup] ${run.stdout.trim()}`);
    console.log(`[backup] npm run backup took ${Math.round(run.ms)} ms (child process, tsx start included); ${writesDuring} writes answered meanwhile`);
    console.log(`[backup] load answers: ${JSON.stringify(statuses)}`);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(BACKUP);
    expect(Object.keys(statuses).every((key) => /^(volunteer|support|signup) (302|400)$/.test(key)), JSON.stringify(statuses)).toBe(true);
    expect(writesDuring).toBeGreaterThan(0);

    const size = fs.statSync(BACKUP).size;
    expect(run.stdout).toContain(`${size} bytes`);
    expect(fs.readdirSync(path.dirname(BACKUP))).toEqual([path.basename(BACKUP)]); // no .partial left
    copied = withDb(
      BACKUP,
      (db) => {
        expect(integrityCheck(db)).toEqual(["ok"]);
        expect(db.pragma("foreign_key_check")).toEqual([]);
        expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
        expect(counterMismatches(db)).toEqual([]);
        return rowCounts(db);
      },
      { readonly: true },
    );

    const table = Object.keys(after).map((name) => `${name} ${before[name]}/${copied[name]}/${after[name]}`);
    console.log(`[backup] rows before/copy/after: ${table.join(", ")}`);
    expect(Object.keys(copied)).toEqual(Object.keys(after));
    for (const name of Object.keys(after)) {
      expect(copied[name], name).toBeGreaterThanOrEqual(before[name]!);
      expect(copied[name], name).toBeLessThanOrEqual(after[name]!);
    }
    // The load wrote these tables while the backup ran.
    for (const name of ["volunteers", "supports", "users", "outbox"]) {
      expect(after[name], name).toBeGreaterThan(before[name]!);
    }
  });

  it("restore puts the copy back once the server is stopped; the server starts on it with the backup's rows", async () => {
    final = countsOf(DATABASE); // the load has stopped; the server is idle
    // Stopped as an operator would (SIGTERM); the server leaves its -wal behind,
    // which restore must fold into the database it keeps aside.
    await stop();

    const run = await runNpmScript("restore", [BACKUP], DATABASE);
    console.log(`[restore] ${run.stdout.trim()} (${Math.round(run.ms)} ms)`);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const files = filesNextToDatabase();
    const aside = files.filter((name) => /^veranderlab\.db\.before-restore-[\dTZ-]+$/.test(name));
    expect(aside, files.join(", ")).toHaveLength(1);
    // No -wal/-shm left to meet the new file; whatever went with the old one carries its name.
    expect(files.filter((name) => name !== "veranderlab.db" && !name.startsWith(aside[0]!)), files.join(", ")).toEqual([]);
    console.log(`[restore] files next to the database: ${files.join(", ")}`);
    // The previous database, with everything written after the backup, is kept whole.
    expect(withDb(path.join(path.dirname(DATABASE), aside[0]!), (db) => [integrityCheck(db), rowCounts(db)], { readonly: true })).toEqual([
      ["ok"],
      final,
    ]);
    expect(sha256(DATABASE)).toBe(sha256(BACKUP));

    await start();
    const restored = countsOf(DATABASE);
    const differences = Object.keys({ ...copied, ...restored }).filter((name) => restored[name] !== copied[name]);
    expect(differences, JSON.stringify({ copied, restored })).toEqual([]);
    expect(withDb(DATABASE, counterMismatches)).toEqual([]);

    // A session that existed at the time of the backup works again.
    const page = await fetch(`${server!.url}/account`, { headers: { Cookie: cookies[0]! }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("stress-resident-0@veranderlab.test");
  });

  describe("restore refuses and replaces nothing", () => {
    function expectRefused(run: Awaited<ReturnType<typeof runNpmScript>>, nl: string, en: string) {
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toContain("Terugzetten geweigerd");
      expect(run.stderr).toContain("Restore refused");
      expect(run.stderr).toContain(nl);
      expect(run.stderr).toContain(en);
    }

    it("while the server has the database open", async () => {
      const files = filesNextToDatabase();
      const counts = countsOf(DATABASE);
      const run = await runNpmScript("restore", [BACKUP], DATABASE);
      expectRefused(run, "is in gebruik. Stop eerst de server", "is in use. Stop the server");
      expect(filesNextToDatabase()).toEqual(files);
      expect(countsOf(DATABASE)).toEqual(counts);
      // The server still works on it.
      const page = await fetch(`${server!.url}/account`, { headers: { Cookie: cookies[0]! }, redirect: "manual" });
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    });

    it("a corrupt copy, a file that is no database, another SQLite database, a backup from a newer version", async () => {
      await stop();
      const files = filesNextToDatabase();
      const hash = sha256(DATABASE);

      const corrupt = path.join(DIR, "corrupt.db");
      fs.copyFileSync(BACKUP, corrupt);
      const fd = fs.openSync(corrupt, "r+");
      const size = fs.fstatSync(fd).size;
      for (const at of [0.3, 0.5, 0.7]) {
        const page = Math.floor((size * at) / 4096) * 4096; // three whole pages of the audit log's b-tree
        fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page);
      }
      fs.closeSync(fd);

      const noDatabase = path.join(DIR, "notes.txt");
      fs.writeFileSync(noDatabase, "Dit is geen database.\n".repeat(500));

      const other = path.join(DIR, "other-app.db");
      withDb(other, (db) => db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hallo');"), {
        fileMustExist: false,
      });

      const newer = path.join(DIR, "newer.db");
      fs.copyFileSync(BACKUP, newer);
      withDb(newer, (db) => db.prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)`).run(Date.now() + 365 * 86_400_000));

      const cases: Array<[string, string, string]> = [
        [corrupt, "is beschadigd", "is damaged"],
        [noDatabase, "is geen SQLite-database", "is not an SQLite database"],
        [other, "is geen Veranderlab-database", "is not a Veranderlab database"],
        [newer, "komt van een nieuwere versie van Veranderlab", "comes from a newer version of Veranderlab"],
      ];
      for (const [file, nl, en] of cases) {
        const run = await runNpmScript("restore", [file], DATABASE);
        console.log(`[restore] ${path.basename(file)}: exit ${run.code}: ${run.stderr.split("\n")[1]}`);
        expectRefused(run, nl, en);
        expect(filesNextToDatabase(), path.basename(file)).toEqual(files);
        expect(sha256(DATABASE), path.basename(file)).toBe(hash);
      }
      expect(withDb(DATABASE, integrityCheck)).toEqual(["ok"]);
    });
  });
});
