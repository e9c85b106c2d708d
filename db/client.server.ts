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
 * - synchronous=NORMAL: in WAL mode a committed transaction survives a crash
 *   of the process (SIGKILL); only a power cut can lose the last commits.
 * - foreign_keys=ON and a busy timeout so parallel writers wait instead of failing.
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

let instance: Db | undefined;

/** The app's database, opened on first use from DATABASE_PATH. */
export function getDb(): Db {
  instance ??= openDatabase(config().databasePath);
  return instance;
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
