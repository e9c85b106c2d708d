import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, cycles } from "#db/schema";
import {
  createCycle,
  getCycleBySlug,
  listCycles,
  listRunningCycles,
  moveCyclePhase,
  phaseTimeline,
  updateCycle,
} from "~/domain/cycles/cycles.server";
import { cycleSchema } from "~/domain/cycles/schemas";
import { createUser, type TestUser } from "../support/factories";

let leader: TestUser;
let resident: TestUser;

const input = (title: string, extra: Record<string, string> = {}) =>
  cycleSchema.parse({
    title,
    theme: "Donkere plekken in de wijk",
    intro: "Waarom deze ronde",
    wijken: "Oosterparkwijk\nDe Hoogte, Oosterparkwijk",
    supportLimit: "3",
    supportThreshold: "5",
    minVolunteers: "2",
    ...extra,
  });

beforeAll(async () => {
  leader = await createUser({ role: "projectleider", displayName: "Leider" });
  resident = await createUser({ role: "bewoner" });
});

describe("creating and editing cycles", () => {
  it("a project leader creates a cycle in concept, with a slug from the title and deduplicated wijken", () => {
    const result = createCycle(leader, input("Enge tunnels in Oost"));
    expect(result).toMatchObject({ ok: true, slug: "enge-tunnels-in-oost" });
    const cycle = getCycleBySlug("enge-tunnels-in-oost")!;
    expect(cycle.phase).toBe("concept");
    expect(cycle.wijken).toEqual(["Oosterparkwijk", "De Hoogte"]);
    expect(cycle.supportLimit).toBe(3);
    expect(phaseTimeline(cycle.id)).toMatchObject([{ fromPhase: null, toPhase: "concept", actorName: "Leider" }]);
  });

  it("refuses a slug that exists, and a resident", () => {
    createCycle(leader, input("Dubbel"));
    expect(createCycle(leader, input("Dubbel"))).toMatchObject({ ok: false, reason: "slug_taken", field: "slug" });
    expect(createCycle(resident, input("Van een bewoner"))).toMatchObject({ ok: false, reason: "forbidden" });
    expect(getCycleBySlug("van-een-bewoner")).toBeUndefined();
  });

  it("refuses bad numbers and a bad slug in the schema with message keys", () => {
    const parsed = cycleSchema.safeParse({ title: "Ok titel", theme: "thema", supportLimit: "-1", supportThreshold: "x", minVolunteers: "1", slug: "Niet Goed!" });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toMatchObject({ supportLimit: "cycle.error.number", supportThreshold: "cycle.error.number", slug: "cycle.error.slugInvalid" });
  });

  it("edits a cycle and keeps its phase", () => {
    const created = createCycle(leader, input("Te bewerken"));
    if (!created.ok) throw new Error("setup");
    expect(updateCycle(leader, created.id, input("Nieuwe titel", { slug: "nieuw-adres" }))).toEqual({ ok: true, slug: "nieuw-adres" });
    const cycle = getCycleBySlug("nieuw-adres")!;
    expect(cycle.title).toBe("Nieuwe titel");
    expect(cycle.phase).toBe("concept");
  });
});

describe("moving phases", () => {
  it("moves one step at a time, records the timeline and the audit log", () => {
    const created = createCycle(leader, input("Fasen"));
    if (!created.ok) throw new Error("setup");
    expect(moveCyclePhase(leader, created.id, "meedenken", "concept")).toEqual({ ok: true });
    expect(moveCyclePhase(leader, created.id, "zelf_doen", "meedenken")).toEqual({ ok: true });
    const timeline = phaseTimeline(created.id);
    expect(timeline.map((e) => e.toPhase)).toEqual(["concept", "meedenken", "zelf_doen"]);
    const audits = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, String(created.id)), eq(auditLog.action, "cycle.phase_moved")))
      .all();
    expect(audits.map((a) => [a.action, a.actorId, a.details])).toEqual([
      ["cycle.phase_moved", leader.id, { from: "concept", to: "meedenken" }],
      ["cycle.phase_moved", leader.id, { from: "meedenken", to: "zelf_doen" }],
    ]);
  });

  it("refuses skipping, going back, a stale form and a non-project-leader, changing nothing", () => {
    const created = createCycle(leader, input("Weigeren"));
    if (!created.ok) throw new Error("setup");
    expect(moveCyclePhase(leader, created.id, "zelf_doen", "concept")).toMatchObject({ ok: false, reason: "not_next", message: "cycle.error.move.not_next" });
    moveCyclePhase(leader, created.id, "meedenken", "concept");
    expect(moveCyclePhase(leader, created.id, "concept", "meedenken")).toMatchObject({ ok: false, reason: "not_next" });
    expect(moveCyclePhase(leader, created.id, "zelf_doen", "concept")).toMatchObject({ ok: false, reason: "stale" });
    expect(moveCyclePhase(resident, created.id, "zelf_doen", "meedenken")).toMatchObject({ ok: false, reason: "not_project_leader" });
    const cycle = getDb().select().from(cycles).where(eq(cycles.id, created.id)).get()!;
    expect(cycle.phase).toBe("meedenken");
    expect(phaseTimeline(created.id)).toHaveLength(2);
  });

  it("refuses to move past afgerond", () => {
    const created = createCycle(leader, input("Tot het einde"));
    if (!created.ok) throw new Error("setup");
    const path = ["concept", "meedenken", "zelf_doen", "opschalen", "afgerond"] as const;
    for (let i = 1; i < path.length; i++) expect(moveCyclePhase(leader, created.id, path[i]!, path[i - 1]!)).toEqual({ ok: true });
    expect(moveCyclePhase(leader, created.id, "afgerond", "afgerond")).toMatchObject({ ok: false, reason: "already_last" });
  });
});

describe("listing", () => {
  it("hides concept cycles from residents and visitors, and lists running ones", () => {
    const concept = createCycle(leader, input("Geheim concept"));
    const running = createCycle(leader, input("Loopt al"));
    if (!concept.ok || !running.ok) throw new Error("setup");
    moveCyclePhase(leader, running.id, "meedenken", "concept");
    const slugsFor = (actor: TestUser | null) => listCycles(actor, 1).rows.map((c) => c.slug);
    expect(slugsFor(leader)).toContain("geheim-concept");
    expect(slugsFor(resident)).not.toContain("geheim-concept");
    expect(slugsFor(null)).not.toContain("geheim-concept");
    expect(slugsFor(null)).toContain("loopt-al");
    expect(listRunningCycles().map((c) => c.slug)).toContain("loopt-al");
    expect(listRunningCycles().map((c) => c.slug)).not.toContain("geheim-concept");
  });
});
