/**
 * `npm run backup [file-or-directory]`: a consistent copy of the live
 * database, made while the server keeps running and writing.
 *
 * How: `VACUUM INTO` on a connection of its own. It reads the whole database
 * inside one read transaction, so the copy is one snapshot (every commit
 * before it, none after), and in WAL mode that read blocks no writer. We chose
 * it over better-sqlite3's `db.backup()` (the online backup API): that copies
 * a few pages per step and starts over whenever another connection (the
 * server) writes between two steps, so under steady writes it can take very
 * long or never finish; in one single step it would be a snapshot too, but
 * VACUUM INTO also writes a compact file and needs no second connection.
 *
 * The copy is written to `<file>.partial-<pid>`, switched to a single file
 * (journal_mode=DELETE), checked with `PRAGMA integrity_check`, flushed to
 * disk (VACUUM INTO does not fsync) and only then renamed to its name, so a
 * file with the final name is always complete. An existing file is never
 * overwritten.
 *
 * Default file: `backups/veranderlab-<UTC time>.db` in the directory that
 * holds the data directory (data/veranderlab.db -> backups/...). The database
 * is DATABASE_PATH, as for the app. Exit code 0 when the copy is written and
 * sound, 1 otherwise (nothing is left behind then).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { config } from "../app/lib/config.server";
import { fsyncPath, timestamp } from "./db-files";

function fail(nl: string, en: string): never {
  console.error(`Back-up mislukt: ${nl}\nBackup failed: ${en}`);
  process.exit(1);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h") || args.length > 1) {
  console.log("Gebruik / usage: npm run backup [-- <bestand of map / file or directory>]");
  process.exit(args.length > 1 ? 2 : 0);
}

const source = config().databasePath;
if (!fs.existsSync(source)) {
  fail(`database ${source} bestaat niet (DATABASE_PATH).`, `database ${source} does not exist (DATABASE_PATH).`);
}

const name = `veranderlab-${timestamp()}.db`;
let target = args[0]
  ? path.resolve(args[0])
  : path.join(path.dirname(path.dirname(source)), "backups", name);
// A directory (an existing one, or any path written with a trailing slash) gets the default name.
if (args[0] && (/[\\/]$/.test(args[0]) || (fs.existsSync(target) && fs.statSync(target).isDirectory()))) {
  target = path.join(target, name);
}
if (fs.existsSync(target)) {
  fail(`${target} bestaat al; een back-up overschrijft nooit een bestand.`, `${target} already exists; a backup never overwrites a file.`);
}
if (path.resolve(target) === source) fail("het doel is de database zelf.", "the target is the database itself.");
fs.mkdirSync(path.dirname(target), { recursive: true });
const partial = `${target}.partial-${process.pid}`;

function removePartial() {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(partial + suffix, { force: true });
}

const started = performance.now();
try {
  // Its own connection; no migrations, no pragmas that change the live file.
  // The busy timeout only matters while another connection recovers the WAL.
  const live = new Database(source, { fileMustExist: true, timeout: 30_000 });
  try {
    live.prepare("VACUUM INTO ?").run(partial);
  } finally {
    live.close();
  }
  const copyMs = performance.now() - started;

  const copy = new Database(partial, { fileMustExist: true });
  let tables = 0;
  let rows = 0;
  try {
    copy.pragma("journal_mode = DELETE"); // one self-contained file, whatever the live journal mode
    const check = copy.pragma("integrity_check") as Array<{ integrity_check: string }>;
    if (check.length !== 1 || check[0]?.integrity_check !== "ok") {
      throw new Error(`integrity_check: ${check.map((row) => row.integrity_check).slice(0, 5).join("; ")}`);
    }
    const names = copy
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
      .pluck()
      .all() as string[];
    tables = names.length;
    for (const table of names) {
      rows += copy.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number;
    }
  } finally {
    copy.close();
  }
  fsyncPath(partial);
  fs.renameSync(partial, target);
  fsyncPath(path.dirname(target));

  const size = fs.statSync(target).size;
  const totalMs = performance.now() - started;
  console.log(`Back-up geschreven / backup written: ${target}`);
  console.log(
    `  ${size} bytes (${formatSize(size)}), ${tables} tabellen/tables, ${rows} rijen/rows; ` +
      `integrity_check ok; kopie/copy ${Math.round(copyMs)} ms, totaal/total ${Math.round(totalMs)} ms`,
  );
} catch (error) {
  removePartial();
  const message = error instanceof Error ? error.message : String(error);
  fail(`${message} (er is niets geschreven)`, `${message} (nothing was written)`);
}
