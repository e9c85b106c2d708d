/**
 * Helpers for test/stress/backup.test.ts: row counts and consistency checks
 * on a database file, and `npm run backup` / `npm run restore` as child
 * processes (the way an operator runs them).
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";

export type RowCounts = Record<string, number>;

export function withDb<T>(file: string, read: (db: Database.Database) => T, options: Database.Options = {}): T {
  const db = new Database(file, { fileMustExist: true, timeout: 30_000, ...options });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** COUNT(*) of every table (sqlite_* and drizzle's own included), read in one transaction. */
export function rowCounts(db: Database.Database): RowCounts {
  return db.transaction(() => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
  })();
}

export function countsOf(file: string): RowCounts {
  return withDb(file, rowCounts);
}

export function integrityCheck(db: Database.Database): string[] {
  return (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
}

/**
 * The counters the app keeps equal to COUNT(*) in the same transaction as
 * every change (db/schema.ts): a copy that mixed two moments would break them.
 * Returns the rows where they differ (none in a consistent database).
 */
export function counterMismatches(db: Database.Database): unknown[] {
  return [
    ...db
      .prepare(
        `SELECT 'measure volunteers' AS what, m.id, m.volunteer_count AS counter, (SELECT count(*) FROM volunteers v WHERE v.measure_id = m.id) AS actual
         FROM measures m WHERE counter <> actual`,
      )
      .all(),
    ...db
      .prepare(
        `SELECT 'measure supports' AS what, m.id, m.support_count AS counter, (SELECT count(*) FROM supports s WHERE s.measure_id = m.id) AS actual
         FROM measures m WHERE counter <> actual`,
      )
      .all(),
    ...db
      .prepare(
        `SELECT 'knelpunt supports' AS what, k.id, k.support_count AS counter,
           (SELECT count(*) FROM supports s JOIN measures m ON m.id = s.measure_id WHERE m.knelpunt_id = k.id) AS actual
         FROM knelpunten k WHERE counter <> actual`,
      )
      .all(),
  ];
}

export function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

const running = new Set<number>();

/** For afterAll: kills every script still running (their whole process groups). */
export function killRunningScripts() {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  running.clear();
}

export type ScriptRun = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs `npm run <script> -- <args>` with DATABASE_PATH set; kills its process group after `timeoutMs`. */
export function runNpmScript(script: "backup" | "restore", args: string[], databasePath: string, timeoutMs = 120_000): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: npm, sh, tsx and node all go on a timeout
    });
    running.add(child.pid!);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once("error", (error) => (clearTimeout(timer), running.delete(child.pid!), reject(error)));
    child.once("close", (code) => {
      clearTimeout(timer);
      running.delete(child.pid!);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}
