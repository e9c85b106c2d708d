/**
 * Fixtures for the stress tests (test/stress/parallel-votes.test.ts and
 * crash.test.ts): a cycle in zelf_doen with a knelpunt and self-help
 * measures, residents with a session each, written straight into the test's
 * database file (DATABASE_PATH) before a real server process is started on
 * that same file. Also a seeded random generator and the database checks
 * both tests share.
 */
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { getDb } from "#db/client.server";
import { cycles } from "#db/schema";
import { createSession } from "~/auth/session.server";
import { reportKnelpunt } from "~/domain/knelpunten/knelpunten.server";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { proposeMeasure } from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import { createUser, type TestUser } from "./factories";

export type Resident = TestUser & { token: string };

/** A cycle in zelf_doen (supports open), with no per-resident limit unless asked. */
export function makeSupportCycle(settings: { supportLimit?: number; supportThreshold?: number } = {}): number {
  const now = new Date();
  return getDb()
    .insert(cycles)
    .values({
      slug: `stress-${randomUUID()}`,
      title: "Stressronde",
      theme: "Tunnels",
      phase: "zelf_doen",
      wijken: ["Oosterparkwijk"],
      supportLimit: settings.supportLimit ?? 0,
      supportThreshold: settings.supportThreshold ?? 5,
      minVolunteers: 2,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cycles.id })
    .get().id;
}

/** A knelpunt in the cycle, reported by `reporter` (visible: a resident in a cycle without screening). */
export function makeKnelpunt(reporter: TestUser, cycleId: number, title = "Donkere tunnel"): number {
  const result = reportKnelpunt(
    reporter,
    cycleId,
    knelpuntSchema.parse({ title, description: "Het is er 's avonds donker en stil.", wijk: "Oosterparkwijk", locationText: "Europaweg" }),
  );
  if (!result.ok) throw new Error(`reportKnelpunt: ${result.reason}`);
  return result.id;
}

/** A visible self-help measure for a knelpunt. */
export function makeMeasure(author: TestUser, knelpuntId: number, title: string): number {
  const result = proposeMeasure(author, knelpuntId, measureSchema.parse({ kind: "zelf", title, description: "We lopen samen door de tunnel." }));
  if (!result.ok) throw new Error(`proposeMeasure: ${result.reason}`);
  if (result.held) throw new Error("proposeMeasure: the measure is held, residents could not support it");
  return result.id;
}

/** `count` verified residents, each signed in (a session row and the cookie's token). */
export async function makeResidents(count: number, label = "Bewoner"): Promise<Resident[]> {
  const residents: Resident[] = [];
  for (let i = 0; i < count; i++) {
    // createUser hashes the (shared) default password once per worker.
    const user = await createUser({ role: "bewoner", displayName: `${label} ${i + 1}` });
    residents.push({ ...user, token: createSession(user.id).token });
  }
  return residents;
}

/** mulberry32: a small seeded generator, so a run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the database file says about supports, read with a connection of the test's own. */
export type SupportFacts = {
  integrity: string[];
  /** (measure, user) pairs with more than one row: must be empty. */
  duplicates: { measure_id: number; user_id: string; n: number }[];
  /** Measures whose support_count differs from COUNT(*) of their rows: must be empty. */
  measureCounterMismatches: { id: number; support_count: number; rows: number }[];
  /** Knelpunten whose support_count differs from the rows on all their measures: must be empty. */
  knelpuntCounterMismatches: { id: number; support_count: number; rows: number }[];
  /** Whether supports still has a unique index on exactly (measure_id, user_id). */
  uniqueIndexOnMeasureUser: boolean;
  rows: number;
};

export function supportFacts(sqlite: Database.Database): SupportFacts {
  const integrity = (sqlite.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map((row) => row.integrity_check);
  const duplicates = sqlite
    .prepare("SELECT measure_id, user_id, count(*) AS n FROM supports GROUP BY measure_id, user_id HAVING n > 1")
    .all() as SupportFacts["duplicates"];
  const measureCounterMismatches = sqlite
    .prepare(
      `SELECT m.id, m.support_count, (SELECT count(*) FROM supports s WHERE s.measure_id = m.id) AS rows
         FROM measures m WHERE m.support_count != rows`,
    )
    .all() as SupportFacts["measureCounterMismatches"];
  const knelpuntCounterMismatches = sqlite
    .prepare(
      `SELECT k.id, k.support_count,
              (SELECT count(*) FROM supports s JOIN measures m ON m.id = s.measure_id WHERE m.knelpunt_id = k.id) AS rows
         FROM knelpunten k WHERE k.support_count != rows`,
    )
    .all() as SupportFacts["knelpuntCounterMismatches"];
  const indexes = sqlite.prepare("PRAGMA index_list(supports)").all() as { name: string; unique: number }[];
  const uniqueIndexOnMeasureUser = indexes.some((index) => {
    if (index.unique !== 1) return false;
    const columns = (sqlite.prepare(`PRAGMA index_info("${index.name.replaceAll('"', '""')}")`).all() as { name: string }[]).map((c) => c.name);
    return columns.length === 2 && columns.includes("measure_id") && columns.includes("user_id");
  });
  const rows = (sqlite.prepare("SELECT count(*) AS n FROM supports").get() as { n: number }).n;
  return { integrity, duplicates, measureCounterMismatches, knelpuntCounterMismatches, uniqueIndexOnMeasureUser, rows };
}
