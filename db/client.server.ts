import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";
import { config } from "../app/lib/config.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.resolve("db/migrations");

/**
 * Opens (and creates) the SQLite file, sets the pragmas the app relies on and
 * applies pending migrations.
 *
 * - WAL: readers never block the writer.
 * - synchronous=NORMAL, chosen on purpose (see docs/reliability.md). In WAL
 *   mode a COMMIT appends the transaction to the -wal file with write(): once
 *   it returns (better-sqlite3 is synchronous, so before any answer is sent)
 *   the kernel holds it, and a crash of the process (SIGKILL, out of memory,
 *   a failed deploy) cannot lose it. test/stress/crash.test.ts proves that:
 *   20 SIGKILLs with 1,000 supports in flight, every answered support found.
 *   Only a power cut or a kernel crash can lose the last commits not yet
 *   written to disk (fsync happens at each checkpoint); on a disk that honours
 *   fsync that never corrupts the database (the WAL's checksums end recovery
 *   at the last whole transaction). FULL would fsync the WAL inside every write transaction,
 *   on the one event loop that serves every request: measured 5× slower
 *   commits on an idle disk (33 → 175 µs) and up to 3.7 ms per commit when
 *   the disk was busy. Switch to FULL only if losing the last seconds of
 *   writes on a power cut is not acceptable.
 * - foreign_keys=ON and a busy timeout so parallel writers wait instead of failing.
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  keepPreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

const KEPT_STATEMENTS = 1000;

/**
 * drizzle prepares every query's SQL again on each run (`client.prepare(sql)`):
 * about 4% of the server's time on a signed-in page (docs/performance.md).
 * The SQL of a query is the same each time (values are parameters), so this
 * keeps the prepared statement per SQL text, at most KEPT_STATEMENTS (the
 * oldest used dropped first). A kept statement is handed out in its default
 * mode: drizzle switches some to `raw()` for the run it makes right after
 * preparing (better-sqlite3 is synchronous, so no run is interleaved).
 * Nothing here iterates a statement, which would tie it up.
 */
function keepPreparedStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = kept.get(source);
    if (statement) {
      kept.delete(source);
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
    } else {
      statement = prepare(source);
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
    }
    kept.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

let instance: Db | undefined;

/** The app's database, opened on first use from DATABASE_PATH. */
export function getDb(): Db {
  instance ??= openDatabase(config().databasePath);
  return instance;
}

let opened = 0;
let versionStatement: { db: Db; statement: Database.Statement } | undefined;

/**
 * A value that changes whenever a change is committed to the database: by
 * this connection (`total_changes()`) or by any other connection or process
 * (`PRAGMA data_version`, which SQLite bumps when it sees another writer's
 * commit). The visitors' page cache keeps a page only while this stays the
 * same, so worker processes of a cluster never serve a page older than a
 * change another worker made. About 1 µs.
 */
export function databaseVersion(): string {
  const db = getDb();
  if (versionStatement?.db !== db) {
    opened += 1;
    versionStatement = {
      db,
      statement: db.$client.prepare(
        `SELECT ${opened} || ':' || (SELECT data_version FROM pragma_data_version()) || ':' || total_changes()`,
      ),
    };
  }
  return versionStatement.statement.pluck().get() as string;
}

/**
 * `PRAGMA optimize` (hourly job): SQLite refreshes the planner's statistics of
 * tables that changed a lot. The query-plan test checks plans both without
 * statistics and after ANALYZE, so either state plans well.
 */
export function optimizeDatabase() {
  getDb().$client.pragma("optimize");
}

export function closeDb() {
  instance?.$client.close();
  instance = undefined;
}
