/**
 * `npm run restore <file>`: puts a backup (from `npm run backup`) in place of
 * the database at DATABASE_PATH. **Stop the server first.**
 *
 * It replaces nothing unless every check passes:
 * 1. The file is a sound SQLite database: `PRAGMA integrity_check` is `ok`
 *    (checked on a private copy next to the database, which is also exactly
 *    the file that is put in place). A file with a non-empty `-wal` next to it
 *    is refused: it is in use, or part of it is in that -wal.
 * 2. It is a Veranderlab database: it has drizzle's `__drizzle_migrations`,
 *    every migration it records is one of this code's (so it is not newer
 *    than this code), and it has every table those migrations create. An older
 *    backup is fine: the server applies the missing migrations at start.
 * 3. The current database is not in use: the script takes SQLite's exclusive
 *    lock on it (`locking_mode=EXCLUSIVE`, no waiting). Any open connection
 *    (a running server, even an idle one, or a backup) makes that fail, and
 *    the restore is refused. A current database that cannot be read at all
 *    is only replaced with `--force` (the script cannot tell then whether a
 *    server still has it open).
 *
 * Then: the current database is folded into one file (its WAL checkpointed)
 * and kept as `<db>.before-restore-<UTC time>` (a hard link, so the database
 * path never goes missing), any `-wal`/`-shm`/`-journal` left next to it goes
 * with it (a stale -wal must never meet the new file), and the checked copy
 * is renamed over the database path in one atomic step.
 *
 * Exit codes: 0 restored, 1 refused or failed (the database is unchanged),
 * 2 wrong usage.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { config } from "../app/lib/config.server";
import { fsyncPath, timestamp } from "./db-files";

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../db/migrations/", import.meta.url));

class Refusal extends Error {
  constructor(
    readonly nl: string,
    readonly en: string,
  ) {
    super(en);
  }
}

function sqliteCode(error: unknown): string {
  return (error as { code?: string })?.code ?? "";
}

type Migration = { when: number; tag: string; hash: string; statements: string[] };

/** This code's migrations, read the way drizzle's migrator reads them. */
function ourMigrations(): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: Array<{ when: number; tag: string }>;
  };
  return journal.entries.map(({ when, tag }) => {
    const query = fs.readFileSync(path.join(MIGRATIONS_FOLDER, `${tag}.sql`), "utf8");
    return {
      when,
      tag,
      hash: crypto.createHash("sha256").update(query).digest("hex"),
      statements: query.split("--> statement-breakpoint"),
    };
  });
}

/** The tables a database has after the first `count` migrations. */
function tablesAfter(migrations: Migration[], count: number): Set<string> {
  const memory = new Database(":memory:");
  try {
    for (const migration of migrations.slice(0, count)) {
      for (const statement of migration.statements) if (statement.trim()) memory.exec(statement);
    }
    return new Set(userTables(memory));
  } finally {
    memory.close();
  }
}

function userTables(db: Database.Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations'`)
    .pluck()
    .all() as string[];
}

/** Checks the copy; returns what the operator should know. Throws a Refusal. */
function checkBackup(file: string, shown: string): { pending: number; applied: number; warnings: string[] } {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new Refusal(`${shown} kan niet worden geopend (${String(error)}).`, `${shown} cannot be opened (${String(error)}).`);
  }
  try {
    let check: string[];
    try {
      check = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    } catch (error) {
      const code = sqliteCode(error);
      if (code === "SQLITE_NOTADB") {
        throw new Refusal(`${shown} is geen SQLite-database.`, `${shown} is not an SQLite database.`);
      }
      throw new Refusal(
        `${shown} is beschadigd (${(error as Error).message}).`,
        `${shown} is damaged (${(error as Error).message}).`,
      );
    }
    if (check.length !== 1 || check[0] !== "ok") {
      const detail = check.slice(0, 3).join("; ");
      throw new Refusal(`${shown} is beschadigd: integrity_check meldt ${detail}`, `${shown} is damaged: integrity_check reports ${detail}`);
    }

    const hasMigrations = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
    if (!hasMigrations) {
      throw new Refusal(
        `${shown} is geen Veranderlab-database (de tabel __drizzle_migrations ontbreekt).`,
        `${shown} is not a Veranderlab database (the table __drizzle_migrations is missing).`,
      );
    }
    const recorded = db.prepare(`SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at`).all() as Array<{
      hash: string;
      createdAt: number | string;
    }>;
    const ours = ourMigrations();
    const warnings: string[] = [];
    for (const row of recorded) {
      const known = ours.find((migration) => migration.when === Number(row.createdAt));
      if (!known) {
        const newer = Number(row.createdAt) > (ours[ours.length - 1]?.when ?? 0);
        throw new Refusal(
          newer
            ? `${shown} komt van een nieuwere versie van Veranderlab (migratie van ${new Date(Number(row.createdAt)).toISOString()} is hier onbekend). Zet eerst die versie van de code terug.`
            : `${shown} heeft een migratie die deze code niet kent (${row.createdAt}); geen back-up van deze Veranderlab.`,
          newer
            ? `${shown} comes from a newer version of Veranderlab (migration of ${new Date(Number(row.createdAt)).toISOString()} unknown here). Deploy that version of the code first.`
            : `${shown} has a migration this code does not know (${row.createdAt}); not a backup of this Veranderlab.`,
        );
      }
      if (known.hash !== row.hash) warnings.push(`migration ${known.tag}: hash differs from db/migrations (file edited since?)`);
    }
    const applied = ours.filter((migration) => recorded.some((row) => Number(row.createdAt) === migration.when)).length;
    if (applied === 0) {
      throw new Refusal(`${shown} is geen Veranderlab-database (geen migraties).`, `${shown} is not a Veranderlab database (no migrations).`);
    }
    const present = new Set(userTables(db));
    const missing = [...tablesAfter(ours, applied)].filter((table) => !present.has(table));
    if (missing.length > 0) {
      throw new Refusal(
        `${shown} is geen (volledige) Veranderlab-database; tabellen ontbreken: ${missing.join(", ")}.`,
        `${shown} is not a (complete) Veranderlab database; missing tables: ${missing.join(", ")}.`,
      );
    }
    const foreignKeyProblems = (db.pragma("foreign_key_check") as unknown[]).length;
    if (foreignKeyProblems > 0) warnings.push(`foreign_key_check: ${foreignKeyProblems} rows point nowhere`);
    db.pragma("journal_mode = DELETE"); // one self-contained file; the server switches it to WAL
    return { pending: ours.length - applied, applied, warnings };
  } finally {
    db.close();
  }
}

/**
 * Takes the exclusive lock on the current database, folds its WAL into the
 * file and closes it (SQLite then removes the -wal). Throws a Refusal when a
 * connection has it open.
 */
function quiesceCurrent(file: string, force: boolean): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT"); // takes (and, in this mode, keeps) the lock, or fails at once
    db.pragma("wal_checkpoint(TRUNCATE)");
    return null;
  } catch (error) {
    const code = sqliteCode(error);
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
      throw new Refusal(
        `de database ${file} is in gebruik. Stop eerst de server (en een lopende back-up), en probeer het dan opnieuw.`,
        `the database ${file} is in use. Stop the server (and any running backup) first, then try again.`,
      );
    }
    if (!force) {
      throw new Refusal(
        `de huidige database ${file} is niet te lezen (${(error as Error).message}), dus niet te zien of de server hem nog open heeft. ` +
          "Weet u zeker dat de server gestopt is, herhaal dan met --force.",
        `the current database ${file} cannot be read (${(error as Error).message}), so whether a server still has it open cannot be told. ` +
          "If you are sure the server is stopped, repeat with --force.",
      );
    }
    return `current database unreadable (${(error as Error).message}); kept aside as it was`;
  } finally {
    db?.close();
  }
}

function main(): number {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((arg) => arg !== "--force");
  const file = files[0];
  if (files.length !== 1 || file === undefined || file === "--help" || file === "-h") {
    console.error("Gebruik / usage: npm run restore -- <back-up.db> [--force]   (stop de server eerst / stop the server first)");
    return 2;
  }
  const source = path.resolve(file);
  const target = config().databasePath;
  const shown = file;
  const stamp = timestamp();
  const staging = `${target}.restore-${stamp}.tmp`;
  const removeStaging = () => {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(staging + suffix, { force: true });
  };

  console.log("Let op: de server moet gestopt zijn. / Note: the server must be stopped.");
  try {
    if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
      throw new Refusal(`${shown} bestaat niet of is geen bestand.`, `${shown} does not exist or is not a file.`);
    }
    if (source === target) throw new Refusal(`${shown} is de database zelf.`, `${shown} is the database itself.`);
    if (fs.statSync(source).size === 0) throw new Refusal(`${shown} is leeg.`, `${shown} is empty.`);
    const sourceWal = `${source}-wal`;
    if (fs.existsSync(sourceWal) && fs.statSync(sourceWal).size > 0) {
      throw new Refusal(
        `naast ${shown} staat een niet-lege ${path.basename(sourceWal)}: het bestand is in gebruik of niet compleet. Maak een back-up met npm run backup.`,
        `${shown} has a non-empty ${path.basename(sourceWal)} next to it: it is in use or incomplete. Make a backup with npm run backup.`,
      );
    }

    // Check a private copy in the database's directory: what was checked is
    // exactly what is put in place, and the final rename stays on one file system.
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, staging, fs.constants.COPYFILE_EXCL);
    const { pending, applied, warnings } = checkBackup(staging, shown);
    fsyncPath(staging);

    let aside: string | null = null;
    if (fs.existsSync(target)) {
      const warning = quiesceCurrent(target, force);
      if (warning) warnings.push(warning);
      aside = `${target}.before-restore-${stamp}`;
      try {
        fs.linkSync(target, aside);
      } catch {
        fs.copyFileSync(target, aside, fs.constants.COPYFILE_EXCL);
      }
      for (const suffix of ["-wal", "-shm", "-journal"]) {
        if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, aside + suffix);
      }
    }
    fs.renameSync(staging, target);
    fsyncPath(path.dirname(target));

    console.log(`Teruggezet / restored: ${source} -> ${target} (${fs.statSync(target).size} bytes, integrity_check ok)`);
    if (aside) console.log(`De vorige database staat in / the previous database is kept in: ${aside}`);
    console.log(
      pending > 0
        ? `De back-up heeft ${applied} migraties; de server voert er bij de start ${pending} uit. / The backup has ${applied} migrations; the server applies ${pending} more at start.`
        : `Migraties / migrations: ${applied}, gelijk aan deze code / same as this code.`,
    );
    for (const warning of warnings) console.log(`Waarschuwing / warning: ${warning}`);
    console.log("Start de server nu weer. / Now start the server again.");
    return 0;
  } catch (error) {
    removeStaging();
    if (error instanceof Refusal) {
      console.error(`Terugzetten geweigerd: ${error.nl}\nRestore refused: ${error.en}\nEr is niets vervangen. / Nothing was replaced.`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Terugzetten mislukt / restore failed: ${message}`);
      console.error(`Controleer ${target} en eventuele bestanden ${target}.before-restore-* / check them.`);
    }
    return 1;
  }
}

process.exit(main());
