import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditLog, cyclePhaseChanges, cycles, users } from "#db/schema";
import { slugify } from "~/lib/slug";
import { canManageCycles, canViewCycle, phaseMoveRefusal, type Actor, type Phase } from "./policy";
import type { CycleInput } from "./schemas";

export type Cycle = typeof cycles.$inferSelect;

export function getCycleById(id: number): Cycle | undefined {
  return getDb().select().from(cycles).where(eq(cycles.id, id)).get();
}

export function getCycleBySlug(slug: string): Cycle | undefined {
  return getDb().select().from(cycles).where(eq(cycles.slug, slug)).get();
}

const RUNNING: Phase[] = ["meedenken", "zelf_doen", "opschalen"];

/** Cycles in the phases where residents take part, newest first (few by nature; capped). */
export function listRunningCycles(limit = 10): Cycle[] {
  return getDb()
    .select()
    .from(cycles)
    .where(inArray(cycles.phase, RUNNING))
    .orderBy(desc(cycles.createdAt))
    .limit(limit)
    .all();
}

export const CYCLES_PAGE_SIZE = 20;

/** All cycles the actor may see, newest first, a page at a time. */
export function listCycles(actor: Actor, page = 1): { rows: Cycle[]; hasNext: boolean } {
  const rows = getDb()
    .select()
    .from(cycles)
    .where(canManageCycles(actor) ? undefined : ne(cycles.phase, "concept"))
    .orderBy(desc(cycles.createdAt), desc(cycles.id))
    .limit(CYCLES_PAGE_SIZE + 1)
    .offset((page - 1) * CYCLES_PAGE_SIZE)
    .all();
  return { rows: rows.slice(0, CYCLES_PAGE_SIZE), hasNext: rows.length > CYCLES_PAGE_SIZE };
}

/** Cycles a project leader can attach posts and questions to (not closed), for a select box. */
export function listCyclesForSelect(): Array<{ id: number; title: string; phase: Phase }> {
  return getDb()
    .select({ id: cycles.id, title: cycles.title, phase: cycles.phase })
    .from(cycles)
    .where(ne(cycles.phase, "afgerond"))
    .orderBy(desc(cycles.createdAt))
    .limit(100)
    .all();
}

export type TimelineEntry = { id: number; fromPhase: Phase | null; toPhase: Phase; actorName: string | null; createdAt: Date };

export function phaseTimeline(cycleId: number): TimelineEntry[] {
  return getDb()
    .select({
      id: cyclePhaseChanges.id,
      fromPhase: cyclePhaseChanges.fromPhase,
      toPhase: cyclePhaseChanges.toPhase,
      actorName: users.displayName,
      createdAt: cyclePhaseChanges.createdAt,
    })
    .from(cyclePhaseChanges)
    .leftJoin(users, eq(users.id, cyclePhaseChanges.actorId))
    .where(eq(cyclePhaseChanges.cycleId, cycleId))
    .orderBy(asc(cyclePhaseChanges.id))
    .all();
}

type Refused<R extends string> = { ok: false; reason: R; field?: string; message?: import("~/i18n").MessageKey };

function slugTaken(slug: string, exceptId?: number): boolean {
  const row = getDb()
    .select({ id: cycles.id })
    .from(cycles)
    .where(exceptId ? and(eq(cycles.slug, slug), ne(cycles.id, exceptId)) : eq(cycles.slug, slug))
    .get();
  return !!row;
}

function values(input: CycleInput) {
  return {
    title: input.title,
    theme: input.theme,
    intro: input.intro,
    wijken: input.wijken,
    supportLimit: input.supportLimit,
    supportThreshold: input.supportThreshold,
    minVolunteers: input.minVolunteers,
    screening: input.screening,
  };
}

/** A project leader starts a cycle, in phase concept. */
export function createCycle(
  actor: Actor,
  input: CycleInput,
  now = new Date(),
): { ok: true; slug: string; id: number } | Refused<"forbidden" | "slug_taken"> {
  if (!canManageCycles(actor)) return { ok: false, reason: "forbidden" };
  const slug = input.slug ?? slugify(input.title);
  if (!slug || slugTaken(slug)) {
    return { ok: false, reason: "slug_taken", field: "slug", message: "cycle.error.slugTaken" };
  }
  const db = getDb();
  return db.transaction((tx) => {
    const row = tx
      .insert(cycles)
      .values({ ...values(input), slug, phase: "concept", createdBy: actor!.id, createdAt: now, updatedAt: now })
      .returning({ id: cycles.id })
      .get();
    tx.insert(cyclePhaseChanges).values({ cycleId: row.id, fromPhase: null, toPhase: "concept", actorId: actor!.id, createdAt: now }).run();
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "cycle.created",
        targetType: "cycle",
        targetId: String(row.id),
        details: { settings: settingsOf(input) },
        createdAt: now,
      })
      .run();
    return { ok: true as const, slug, id: row.id };
  });
}

/** The settings that decide how residents take part: their values go into the audit log. */
const SETTINGS = ["screening", "supportLimit", "supportThreshold", "minVolunteers"] as const;

function settingsOf(input: Pick<Cycle, (typeof SETTINGS)[number]>) {
  return Object.fromEntries(SETTINGS.map((field) => [field, input[field]]));
}

/** The names of the fields an edit changes (wijken compared as lists). */
function changedFields(cycle: Cycle, next: ReturnType<typeof values> & { slug: string }): string[] {
  const fields = ["title", "slug", "theme", "intro", "wijken", ...SETTINGS] as const;
  return fields.filter((field) =>
    field === "wijken" ? JSON.stringify(cycle.wijken) !== JSON.stringify(next.wijken) : cycle[field] !== next[field],
  );
}

export function updateCycle(
  actor: Actor,
  cycleId: number,
  input: CycleInput,
  now = new Date(),
): { ok: true; slug: string } | Refused<"forbidden" | "not_found" | "slug_taken"> {
  if (!canManageCycles(actor)) return { ok: false, reason: "forbidden" };
  const cycle = getCycleById(cycleId);
  if (!cycle) return { ok: false, reason: "not_found" };
  const slug = input.slug ?? cycle.slug;
  if (slugTaken(slug, cycle.id)) {
    return { ok: false, reason: "slug_taken", field: "slug", message: "cycle.error.slugTaken" };
  }
  const next = { ...values(input), slug };
  getDb().transaction((tx) => {
    // Compared with the cycle as it is now, under the write lock.
    const current = tx.select().from(cycles).where(eq(cycles.id, cycle.id)).get() ?? cycle;
    const changed = changedFields(current, next);
    tx.update(cycles)
      .set({ ...next, updatedAt: now })
      .where(eq(cycles.id, cycle.id))
      .run();
    // Audited: which fields changed, and for the participation settings the old and new values.
    if (changed.length) {
      const settings = SETTINGS.filter((field) => changed.includes(field));
      tx.insert(auditLog)
        .values({
          actorId: actor!.id,
          action: "cycle.updated",
          targetType: "cycle",
          targetId: String(cycle.id),
          details: {
            changed,
            ...(settings.length
              ? {
                  before: Object.fromEntries(settings.map((field) => [field, current[field]])),
                  after: Object.fromEntries(settings.map((field) => [field, next[field]])),
                }
              : {}),
          },
          createdAt: now,
        })
        .run();
    }
  }, { behavior: "immediate" });
  return { ok: true, slug };
}

/**
 * A project leader moves the cycle one phase forward. Refused (with the
 * policy's reason) when it skips a step, goes back, or the cycle has moved on
 * meanwhile. Recorded on the timeline and in the audit log.
 */
export function moveCyclePhase(
  actor: Actor,
  cycleId: number,
  to: Phase,
  expectedFrom: Phase,
  now = new Date(),
): { ok: true } | Refused<"not_found" | "stale" | NonNullable<ReturnType<typeof phaseMoveRefusal>>> {
  const db = getDb();
  return db.transaction((tx) => {
    const cycle = tx.select().from(cycles).where(eq(cycles.id, cycleId)).get();
    if (!cycle) return { ok: false as const, reason: "not_found" as const };
    if (cycle.phase !== expectedFrom) return { ok: false as const, reason: "stale" as const, message: "cycle.error.stale" as const };
    const refusal = phaseMoveRefusal(actor, cycle.phase, to);
    if (refusal) return { ok: false as const, reason: refusal, message: `cycle.error.move.${refusal}` as const };
    tx.update(cycles).set({ phase: to, updatedAt: now }).where(eq(cycles.id, cycle.id)).run();
    tx.insert(cyclePhaseChanges).values({ cycleId: cycle.id, fromPhase: cycle.phase, toPhase: to, actorId: actor!.id, createdAt: now }).run();
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "cycle.phase_moved",
        targetType: "cycle",
        targetId: String(cycle.id),
        details: { from: cycle.phase, to },
        createdAt: now,
      })
      .run();
    return { ok: true as const };
  });
}

export function countVisibleCycles(actor: Actor): number {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(cycles)
    .where(canManageCycles(actor) ? undefined : ne(cycles.phase, "concept"))
    .get();
  return row?.n ?? 0;
}

export { canViewCycle };
