import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import { config } from "~/lib/config.server";

/** Guards the test set-up itself: never the real database, always a fresh one. */
describe("test database", () => {
  it("is a per-worker file under .tmp/test-db, not the app's database", () => {
    const file = config().databasePath;
    expect(path.relative(process.cwd(), file)).toMatch(/^\.tmp\/test-db\/worker-\d+-\d+\.db$/);
    expect(getDb().$client.name).toBe(file);
  });

  it("starts empty and migrated, without demo data or SMTP", () => {
    expect(config().seedDemo).toBe(false);
    expect(config().smtpUrl).toBeUndefined();
    expect(getDb().select({ n: sql<number>`count(*)` }).from(users).get()?.n).toBe(0);
    const tables = getDb()
      .$client.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["users", "sessions", "one_time_codes", "outbox", "rate_limits", "audit_log"]));
  });
});
