import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { keptUntilChange } from "~/lib/kept-until-change.server";

describe("keptUntilChange", () => {
  it("computes once, and again after any commit to the database, by this process or another", () => {
    const sqlite = getDb().$client;
    sqlite.exec("CREATE TABLE IF NOT EXISTS kept_probe (x INTEGER)");
    let runs = 0;
    const count = keptUntilChange(() => {
      runs += 1;
      return (sqlite.prepare("SELECT count(*) AS n FROM kept_probe").get() as { n: number }).n;
    });
    expect(count()).toBe(0);
    expect(count()).toBe(0);
    expect(runs).toBe(1);

    sqlite.prepare("INSERT INTO kept_probe VALUES (1)").run();
    expect(count()).toBe(1);
    expect(runs).toBe(2);

    const other = new Database(process.env.DATABASE_PATH!); // another worker of the cluster
    try {
      other.prepare("INSERT INTO kept_probe VALUES (2)").run();
    } finally {
      other.close();
    }
    expect(count()).toBe(2);
    expect(count()).toBe(2);
    expect(runs).toBe(3);
  });
});
