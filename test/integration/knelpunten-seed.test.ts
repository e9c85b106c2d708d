import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpuntStatusChanges, knelpunten, measureStatusChanges, measures } from "#db/schema";
import { seedCycles } from "#db/seed/cycles";
import type { SeedContext } from "#db/seed/context";
import { seedKnelpunten } from "#db/seed/knelpunten";
import type { Role } from "~/domain/accounts/roles";
import { escalationDecision } from "~/domain/escalation/policy";
import { isInNetherlands, knelpuntTransitionAllowed } from "~/domain/knelpunten/policy";
import { knelpuntSchema } from "~/domain/knelpunten/schemas";
import { listKnelpunten } from "~/domain/knelpunten/knelpunten.server";
import { measureTransitionAllowed, selfHelpOutcome } from "~/domain/measures/policy";
import { measureSchema } from "~/domain/measures/schemas";
import { createUser } from "../support/factories";

const DEMO: Array<[string, Role]> = [
  ["bewoner@veranderlab.test", "bewoner"],
  ["projectleider@veranderlab.test", "projectleider"],
  ["ambtenaar@veranderlab.test", "ambtenaar"],
  ["ingrid@veranderlab.test", "bewoner"],
  ["youssef@veranderlab.test", "bewoner"],
  ["annemarie@veranderlab.test", "bewoner"],
  ["bart@veranderlab.test", "bewoner"],
  ["lotte@veranderlab.test", "bewoner"],
  ["henk@veranderlab.test", "bewoner"],
  ["mila@veranderlab.test", "bewoner"],
];

let cycleId: number;
const now = new Date("2026-04-20T12:00:00Z");

beforeAll(async () => {
  const db = getDb();
  const context: SeedContext = { db, now, users: {}, cycles: {}, posts: {} };
  for (const [email, role] of DEMO) context.users[email] = (await createUser({ email, role })).id;
  db.transaction(() => {
    seedCycles(context);
    seedKnelpunten(context);
  });
  cycleId = context.cycles["enge-fietstunnels"]!;
});

describe("demo knelpunten", () => {
  it("fills the demo cycle with about ten knelpunten at places in Groningen", () => {
    const rows = getDb().select().from(knelpunten).where(eq(knelpunten.cycleId, cycleId)).all();
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const row of rows) {
      // Every demo text passes the same form rules residents meet.
      expect(() => knelpuntSchema.parse({ ...row, lat: row.lat === null ? "" : String(row.lat), lng: row.lng === null ? "" : String(row.lng) })).not.toThrow();
      if (row.lat !== null) {
        expect(isInNetherlands(row.lat, row.lng!)).toBe(true);
        expect(row.lat).toBeGreaterThan(53.19);
        expect(row.lat).toBeLessThan(53.25);
      }
      expect(row.createdAt.getTime()).toBeLessThan(now.getTime());
    }
    expect(rows.some((row) => row.lat === null)).toBe(true);
    expect(listKnelpunten({ cycleId, sort: "support" }).rows[0]!.supportCount).toBeGreaterThan(0);
  });

  it("keeps every counter equal to COUNT(*) and every resident within the limit of 10", () => {
    const client = getDb().$client;
    expect(
      client
        .prepare(
          `SELECT id FROM measures m WHERE m.support_count != (SELECT count(*) FROM supports s WHERE s.measure_id = m.id)
              OR m.volunteer_count != (SELECT count(*) FROM volunteers v WHERE v.measure_id = m.id)`,
        )
        .all(),
    ).toEqual([]);
    expect(
      client
        .prepare(
          `SELECT id FROM knelpunten k
            WHERE k.support_count != (SELECT count(*) FROM supports s JOIN measures m ON m.id = s.measure_id WHERE m.knelpunt_id = k.id)`,
        )
        .all(),
    ).toEqual([]);
    const limit = getDb().select().from(cycles).where(eq(cycles.id, cycleId)).get()!.supportLimit;
    expect(limit).toBe(10);
    expect(client.prepare(`SELECT user_id FROM supports WHERE cycle_id = ? GROUP BY user_id HAVING count(*) > ?`).all(cycleId, limit)).toEqual([]);
    expect((client.prepare(`SELECT count(*) AS n FROM supports WHERE cycle_id = ?`).get(cycleId) as { n: number }).n).toBeGreaterThan(25);
    // Only residents support and volunteer.
    expect(
      client
        .prepare(
          `SELECT u.role FROM supports s JOIN users u ON u.id = s.user_id WHERE u.role != 'bewoner'
           UNION ALL SELECT u.role FROM volunteers v JOIN users u ON u.id = v.user_id WHERE u.role != 'bewoner'`,
        )
        .all(),
    ).toEqual([]);
  });

  it("follows the status diagrams on every timeline, ending in the stored status", () => {
    const rows = getDb().select().from(knelpunten).where(eq(knelpunten.cycleId, cycleId)).all();
    for (const row of rows) {
      const timeline = getDb().select().from(knelpuntStatusChanges).where(eq(knelpuntStatusChanges.knelpuntId, row.id)).orderBy(asc(knelpuntStatusChanges.id)).all();
      expect(timeline[0]).toMatchObject({ fromStatus: null, toStatus: "open", actorId: row.reporterId });
      for (let i = 1; i < timeline.length; i++) {
        expect(timeline[i]!.fromStatus).toBe(timeline[i - 1]!.toStatus);
        expect(knelpuntTransitionAllowed(timeline[i]!.fromStatus!, timeline[i]!.toStatus)).toBe(true);
        expect(timeline[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(timeline[i - 1]!.createdAt.getTime());
      }
      expect(timeline.at(-1)!.toStatus).toBe(row.status);
    }
    const ms = getDb().select().from(measures).where(eq(measures.cycleId, cycleId)).all();
    expect(ms.length).toBeGreaterThanOrEqual(8);
    for (const measure of ms) {
      expect(() => measureSchema.parse(measure)).not.toThrow();
      const changes = getDb().select().from(measureStatusChanges).where(eq(measureStatusChanges.measureId, measure.id)).orderBy(asc(measureStatusChanges.id)).all();
      expect(changes[0]).toMatchObject({ fromStatus: null, toStatus: "voorgesteld" });
      for (let i = 1; i < changes.length; i++) expect(measureTransitionAllowed(changes[i]!.fromStatus!, changes[i]!.toStatus)).toBe(true);
      expect(changes.at(-1)!.toStatus).toBe(measure.status);
    }
  });

  it("has adopted measures only at the thresholds, one knelpunt solved by self-help and one fast-tracked", () => {
    const cycle = getDb().select().from(cycles).where(eq(cycles.id, cycleId)).get()!;
    expect(cycle.phase).toBe("zelf_doen");
    const ms = getDb().select().from(measures).where(eq(measures.cycleId, cycleId)).all();
    for (const m of ms.filter((m) => m.adoptedAt)) {
      expect(m.supportCount).toBeGreaterThanOrEqual(cycle.supportThreshold);
      expect(m.volunteerCount).toBeGreaterThanOrEqual(cycle.minVolunteers);
    }
    // One measure is ready for the project leader to adopt.
    expect(ms.some((m) => m.status === "voorgesteld" && m.supportCount >= cycle.supportThreshold && m.volunteerCount >= cycle.minVolunteers)).toBe(true);

    const rows = getDb().select().from(knelpunten).where(eq(knelpunten.cycleId, cycleId)).all();
    const solved = rows.filter((k) => k.status === "opgelost");
    expect(solved).toHaveLength(1);
    expect(ms.some((m) => m.knelpuntId === solved[0]!.id && m.status === "uitgevoerd" && m.completedAt)).toBe(true);
    expect(rows.some((k) => k.status === "zelf_aan_de_slag")).toBe(true);

    const escalated = rows.filter((k) => k.status === "geescaleerd");
    expect(escalated).toHaveLength(1);
    const e = escalated[0]!;
    expect(e.fastTrackReason!.length).toBeGreaterThanOrEqual(10);
    // The same rule the command applies would have allowed it, as a fast-track, in this phase.
    const decision = escalationDecision({
      role: "projectleider",
      knelpuntStatus: "open",
      phase: cycle.phase,
      selfHelp: selfHelpOutcome(ms.filter((m) => m.knelpuntId === e.id)),
      stillUnsafe: false,
      fastTrackReason: e.fastTrackReason,
    });
    expect(decision).toEqual({ allowed: true, fastTrack: true });
    const audits = getDb().select().from(auditLog).all().map((a) => a.action);
    expect(audits).toEqual(expect.arrayContaining(["knelpunt.escalated", "knelpunt.resolved", "measure.adopted", "measure.abandoned"]));
  });
});
