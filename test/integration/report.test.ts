import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { cycles } from "#db/schema";
import { seedClosedCycle } from "#db/seed/closed-cycle";
import type { SeedContext } from "#db/seed/context";
import { cycleOpenData, cycleReport, median, reportCsv } from "~/domain/reports/report.server";
import { createUser } from "../support/factories";

const EMAILS = [
  "projectleider",
  "ambtenaar",
  "politie",
  "bewoner",
  "ingrid",
  "youssef",
  "annemarie",
  "bart",
  "lotte",
  "henk",
  "mila",
].map((name) => `${name}@veranderlab.test`);

let cycleId: number;
const now = new Date("2026-11-28T12:00:00Z");

beforeAll(async () => {
  const context: SeedContext = { db: getDb(), now, users: {}, cycles: {}, posts: {} };
  for (const email of EMAILS) {
    const role = email.startsWith("projectleider") ? "projectleider" : email.startsWith("ambtenaar") || email.startsWith("politie") ? "ambtenaar" : "bewoner";
    context.users[email] = (await createUser({ email, role, displayName: email.split("@")[0] })).id;
  }
  getDb().transaction(() => seedClosedCycle(context));
  cycleId = context.cycles["donkere-steegjes-binnenstad"]!;
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([4, 7])).toBe(5.5);
    expect(median([9, 1, 4])).toBe(4);
  });
});

describe("the cycle report on known data", () => {
  it("counts participants, places, self-help, escalations, answers and days to answer", () => {
    const report = cycleReport({ id: cycleId });
    expect(report.participants).toBe(6);
    expect(report.knelpunten).toBe(4);
    expect(report.byStatus).toEqual({ opgelost: 1, uitgevoerd: 1, afgewezen: 1, open: 1 });
    expect(report.solvedBySelfHelp).toBe(1);
    expect(report.escalated).toBe(2);
    expect(report.selfHelpMeasures).toBe(1);
    expect(report.selfHelpDone).toBe(1);
    // First answers: in behandeling 4 days after escalation, afgewezen after 7.
    expect(report.answers.map((a) => [a.status, a.daysToAnswer])).toEqual([
      ["in_behandeling", 4],
      ["afgewezen", 7],
    ]);
    expect(report.medianDaysToAnswer).toBe(5.5);
  });

  it("compares the first and last 30 days of safety ratings", () => {
    const { ratings } = cycleReport({ id: cycleId });
    expect(ratings.firstCount).toBe(12);
    expect(ratings.firstAverage).toBeCloseTo(2, 5);
    expect(ratings.lastCount).toBe(12);
    expect(ratings.lastAverage).toBeCloseTo(23 / 6, 5);
  });

  it("writes CSV with quoted cells and exports open data without personal data", () => {
    const cycle = getDb().select().from(cycles).where(eq(cycles.id, cycleId)).get()!;
    const report = cycleReport(cycle);
    const labels = new Proxy({} as Record<string, string>, { get: (_, key) => String(key) });
    const csv = reportCsv(cycle, report, labels);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain('"knelpunten","4"');
    const data = JSON.stringify(cycleOpenData(cycle));
    expect(data).not.toContain("@veranderlab.test");
    expect(JSON.parse(data).knelpunten).toHaveLength(4);
  });
});
