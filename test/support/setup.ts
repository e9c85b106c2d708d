/**
 * Runs before each test file, in the worker that runs it, and before the test
 * file imports any app module. Every worker gets its own SQLite file under
 * .tmp/test-db/, deleted first so each file starts from an empty, freshly
 * migrated database (getDb() opens DATABASE_PATH lazily on first use).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

const dir = fileURLToPath(new URL("../../.tmp/test-db/", import.meta.url));
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const file = path.join(dir, `worker-${worker}-${process.pid}.db`);

function removeDatabase() {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

fs.mkdirSync(dir, { recursive: true });
removeDatabase();

process.env.DATABASE_PATH = file;
process.env.NODE_ENV = "test";
process.env.SEED_DEMO = "false";
process.env.PUBLIC_URL = "http://localhost:3000";
delete process.env.SMTP_URL;
delete process.env.MAIL_PREVIEW;

afterAll(async () => {
  const { closeDb } = await import("#db/client.server");
  closeDb();
  removeDatabase();
});
