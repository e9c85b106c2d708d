/**
 * Measures (maatregelen): proposing, supporting, volunteering, adopting,
 * abandoning and progress. Every command checks the pure policy (./policy.ts)
 * inside one synchronous write transaction (BEGIN IMMEDIATE, so the counts it
 * checks cannot change before it writes) and returns
 * `{ ok: true, ... } | { ok: false, reason, message }`.
 *
 * Counts are exact: supports and volunteers are inserted with ON CONFLICT DO
 * NOTHING (the unique indexes make one per resident per measure a fact), and
 * measures.support_count / volunteer_count and knelpunten.support_count are
 * changed only when a row was really inserted or deleted (`changes`), in the
 * same transaction.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpunten, measureStatusChanges, measures, supports, volunteers } from "#db/schema";
import { canViewCycle } from "~/domain/cycles/policy";
import { measureRefusalMessage, type Refused } from "~/domain/knelpunten/messages";
import { preparedQuery } from "~/lib/prepared-query.server";
import { WRITE, changeKnelpuntStatus, type Tx } from "~/domain/knelpunten/status.server";
import {
  gateContribution,
  NO_CONTRIBUTION_INPUT,
  recordContribution,
  type ContributionInput,
  type GateRefusal,
} from "~/domain/moderation/gate.server";
import { listedFor } from "~/domain/moderation/policy";
import {
  abandonRefusal,
  adoptionRefusal,
  measureTransitionAllowed,
  progressRefusal,
  proposeRefusal,
  selfHelpOutcome,
  supportRefusal,
  volunteerRefusal,
  withdrawSupportRefusal,
  withdrawVolunteerRefusal,
  type Actor,
  type MeasureRefusal,
  type MeasureStatus,
} from "./policy";
import type { AbandonInput, MeasureInput, ProgressInput } from "./schemas";

export type { Actor };

function refused<R extends MeasureRefusal>(reason: R): Refused<R> {
  return { ok: false, reason, message: measureRefusalMessage(reason) };
}

const measureNotFound = { ok: false, reason: "not_found", message: "measure.error.notFound" } as const satisfies Refused<"not_found">;
const knelpuntNotFound = { ok: false, reason: "not_found", message: "knelpunt.error.notFound" } as const satisfies Refused<"not_found">;

/** A measure with what the policies need: its knelpunt's status (and moderation) and its cycle's settings. */
function loadMeasure(tx: Tx, measureId: number) {
  return tx
    .select({
      id: measures.id,
      kind: measures.kind,
      status: measures.status,
      title: measures.title,
      authorId: measures.authorId,
      moderation: measures.moderation,
      supportCount: measures.supportCount,
      volunteerCount: measures.volunteerCount,
      knelpuntId: measures.knelpuntId,
      knelpuntStatus: knelpunten.status,
      knelpuntModeration: knelpunten.moderation,
      cycleId: cycles.id,
      phase: cycles.phase,
      supportLimit: cycles.supportLimit,
      supportThreshold: cycles.supportThreshold,
      minVolunteers: cycles.minVolunteers,
    })
    .from(measures)
    .innerJoin(knelpunten, eq(knelpunten.id, measures.knelpuntId))
    .innerJoin(cycles, eq(cycles.id, measures.cycleId))
    .where(eq(measures.id, measureId))
    .get();
}

type LoadedMeasure = NonNullable<ReturnType<typeof loadMeasure>>;

/** The knelpunt as the measure policies see it. */
function knelpuntStateOf(measure: LoadedMeasure) {
  return { status: measure.knelpuntStatus, moderation: measure.knelpuntModeration };
}

/** How many supports a resident gave in a cycle (over all its measures): read on supports_user_cycle_idx. */
function countSupportsInCycle(db: Pick<Tx, "select">, userId: string, cycleId: number): number {
  return db.select({ n: count() }).from(supports).where(and(eq(supports.userId, userId), eq(supports.cycleId, cycleId))).get()?.n ?? 0;
}

/** The same queries as countSupportsInCycle and the cycle's limit, built once (the knelpunt page runs them on every view). */
const supportsInCycle = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(supports)
    .where(and(eq(supports.userId, sql.placeholder("userId")), eq(supports.cycleId, sql.placeholder("cycleId"))))
    .prepare(),
);
const cycleSupportLimit = preparedQuery((db) =>
  db.select({ limit: cycles.supportLimit }).from(cycles).where(eq(cycles.id, sql.placeholder("cycleId"))).prepare(),
);

/** Supports the resident used in a cycle and the cycle's limit (0 = none), for "3 of 10 used". */
export function supportUsage(userId: string, cycleId: number): { used: number; limit: number } {
  const cycle = cycleSupportLimit().get({ cycleId });
  return { used: supportsInCycle().get({ userId, cycleId })?.n ?? 0, limit: cycle?.limit ?? 0 };
}

function changeMeasureStatus(
  tx: Tx,
  change: {
    measure: LoadedMeasure;
    to: MeasureStatus;
    actorId: string;
    reason?: string | null;
    now: Date;
    set?: Partial<Pick<typeof measures.$inferInsert, "adoptedAt" | "startedAt" | "completedAt" | "statusReason">>;
  },
) {
  const { measure } = change;
  if (!measureTransitionAllowed(measure.status, change.to)) {
    throw new Error(`Measure ${measure.id}: ${measure.status} → ${change.to} is not a transition`);
  }
  const updated = tx
    .update(measures)
    .set({ ...change.set, status: change.to, updatedAt: change.now })
    .where(and(eq(measures.id, measure.id), eq(measures.status, measure.status)))
    .run();
  if (updated.changes !== 1) throw new Error(`Measure ${measure.id} is no longer ${measure.status}`);
  tx.insert(measureStatusChanges)
    .values({
      measureId: measure.id,
      fromStatus: measure.status,
      toStatus: change.to,
      actorId: change.actorId,
      reason: change.reason ?? null,
      createdAt: change.now,
    })
    .run();
}

// ---------------------------------------------------------------------------
// Proposing
// ---------------------------------------------------------------------------

/**
 * A resident proposes a measure for a knelpunt: self-help in zelf_doen (while
 * the knelpunt is open or zelf_aan_de_slag), government in opschalen (only
 * for an escalated knelpunt). Refused with the policy's reason otherwise; a
 * knelpunt held for someone else is not found, one hidden by moderation gets
 * no new measures ("moderated"). The text passes the moderation gate (code of
 * conduct, wording check, screening) in the same transaction; `held` says it
 * waits for a project leader.
 */
export function proposeMeasure(
  actor: Actor,
  knelpuntId: number,
  input: MeasureInput,
  now = new Date(),
  contribution: ContributionInput = NO_CONTRIBUTION_INPUT,
): { ok: true; id: number; held: boolean } | Refused<"not_found" | MeasureRefusal> | GateRefusal {
  return getDb().transaction((tx) => {
    const knelpunt = tx
      .select({
        id: knelpunten.id,
        status: knelpunten.status,
        moderation: knelpunten.moderation,
        reporterId: knelpunten.reporterId,
        cycleId: knelpunten.cycleId,
        phase: cycles.phase,
      })
      .from(knelpunten)
      .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
      .where(eq(knelpunten.id, knelpuntId))
      .get();
    if (!knelpunt || !listedFor(actor, { moderation: knelpunt.moderation, authorId: knelpunt.reporterId })) return knelpuntNotFound;
    const refusal = proposeRefusal(actor, input.kind, knelpunt, knelpunt);
    if (refusal) return refusal === "not_visible" ? knelpuntNotFound : refused(refusal);
    const gate = gateContribution(tx, actor!, knelpunt.cycleId, [input.title, input.description], contribution);
    if (!gate.ok) return gate;
    const row = tx
      .insert(measures)
      .values({
        knelpuntId: knelpunt.id,
        cycleId: knelpunt.cycleId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        authorId: actor!.id,
        status: "voorgesteld",
        moderation: gate.gate.moderation,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: measures.id })
      .get();
    tx.insert(measureStatusChanges).values({ measureId: row.id, fromStatus: null, toStatus: "voorgesteld", actorId: actor!.id, createdAt: now }).run();
    recordContribution(tx, { actor: actor!, target: { type: "measure", id: row.id }, cycleId: knelpunt.cycleId, gate: gate.gate, contribution, now });
    return { ok: true as const, id: row.id, held: gate.gate.moderation === "held" };
  }, WRITE);
}

// ---------------------------------------------------------------------------
// Supporting and volunteering
// ---------------------------------------------------------------------------

export type SupportResult = {
  ok: true;
  /** False when nothing changed (already supported, or nothing to withdraw). */
  changed: boolean;
  supportCount: number;
  /** Supports the resident now uses in the cycle. */
  used: number;
  /** The cycle's limit (0 = none). */
  limit: number;
};

/**
 * A resident supports a measure: one support per resident per measure, within
 * the cycle's limit counted over all its measures. Supporting twice changes
 * nothing (and is not an error); parallel requests give one row.
 */
export function supportMeasure(actor: Actor, measureId: number, now = new Date()): SupportResult | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const already =
      actor !== null &&
      !!tx.select({ id: supports.id }).from(supports).where(and(eq(supports.measureId, measure.id), eq(supports.userId, actor.id))).get();
    const used = actor ? countSupportsInCycle(tx, actor.id, measure.cycleId) : 0;
    const refusal = supportRefusal(actor, measure, knelpuntStateOf(measure), measure, { used, alreadySupporting: already });
    if (refusal) return refusal === "not_visible" ? measureNotFound : refused(refusal);
    const inserted = tx
      .insert(supports)
      .values({ measureId: measure.id, cycleId: measure.cycleId, userId: actor!.id, createdAt: now })
      .onConflictDoNothing()
      .run();
    let supportCount = measure.supportCount;
    if (inserted.changes === 1) {
      supportCount = bumpSupportCounters(tx, measure, +1);
    }
    return { ok: true as const, changed: inserted.changes === 1, supportCount, used: used + inserted.changes, limit: measure.supportLimit };
  }, WRITE);
}

/** Withdraws a support while the phase is open. Withdrawing what is not there changes nothing. */
export function withdrawSupport(actor: Actor, measureId: number): SupportResult | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const refusal = withdrawSupportRefusal(actor, measure, measure);
    if (refusal) return refusal === "not_visible" ? measureNotFound : refused(refusal);
    const deleted = tx
      .delete(supports)
      .where(and(eq(supports.measureId, measure.id), eq(supports.userId, actor!.id)))
      .run();
    let supportCount = measure.supportCount;
    if (deleted.changes === 1) {
      supportCount = bumpSupportCounters(tx, measure, -1);
    }
    const used = countSupportsInCycle(tx, actor!.id, measure.cycleId);
    return { ok: true as const, changed: deleted.changes === 1, supportCount, used, limit: measure.supportLimit };
  }, WRITE);
}

/** Adds `delta` to the measure's and its knelpunt's support counters; returns the measure's new count. */
function bumpSupportCounters(tx: Tx, measure: LoadedMeasure, delta: 1 | -1): number {
  tx.update(knelpunten)
    .set({ supportCount: sql`${knelpunten.supportCount} + ${delta}` })
    .where(eq(knelpunten.id, measure.knelpuntId))
    .run();
  const row = tx
    .update(measures)
    .set({ supportCount: sql`${measures.supportCount} + ${delta}` })
    .where(eq(measures.id, measure.id))
    .returning({ supportCount: measures.supportCount })
    .get();
  return row!.supportCount;
}

export type VolunteerResult = { ok: true; changed: boolean; volunteerCount: number };

/** "Ik help mee": a resident signs up for a self-help measure. Twice changes nothing. */
export function volunteerForMeasure(actor: Actor, measureId: number, now = new Date()): VolunteerResult | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const refusal = volunteerRefusal(actor, measure, knelpuntStateOf(measure), measure);
    if (refusal) return refusal === "not_visible" ? measureNotFound : refused(refusal);
    const inserted = tx
      .insert(volunteers)
      .values({ measureId: measure.id, userId: actor!.id, createdAt: now })
      .onConflictDoNothing()
      .run();
    const volunteerCount = inserted.changes === 1 ? bumpVolunteerCounter(tx, measure.id, +1) : measure.volunteerCount;
    return { ok: true as const, changed: inserted.changes === 1, volunteerCount };
  }, WRITE);
}

/** Signing off again, while the phase is open. */
export function withdrawVolunteer(actor: Actor, measureId: number): VolunteerResult | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const refusal = withdrawVolunteerRefusal(actor, measure, measure);
    if (refusal) return refusal === "not_visible" ? measureNotFound : refused(refusal);
    const deleted = tx
      .delete(volunteers)
      .where(and(eq(volunteers.measureId, measure.id), eq(volunteers.userId, actor!.id)))
      .run();
    const volunteerCount = deleted.changes === 1 ? bumpVolunteerCounter(tx, measure.id, -1) : measure.volunteerCount;
    return { ok: true as const, changed: deleted.changes === 1, volunteerCount };
  }, WRITE);
}

function bumpVolunteerCounter(tx: Tx, measureId: number, delta: 1 | -1): number {
  const row = tx
    .update(measures)
    .set({ volunteerCount: sql`${measures.volunteerCount} + ${delta}` })
    .where(eq(measures.id, measureId))
    .returning({ volunteerCount: measures.volunteerCount })
    .get();
  return row!.volunteerCount;
}

// ---------------------------------------------------------------------------
// Deciding and progress
// ---------------------------------------------------------------------------

/**
 * A project leader adopts a self-help measure once the cycle's thresholds are
 * met. The first adopted self-help measure of a knelpunt moves it from open to
 * zelf_aan_de_slag (a timeline row naming the measure). Audited.
 */
export function adoptMeasure(
  actor: Actor,
  measureId: number,
  now = new Date(),
): { ok: true; knelpuntStatus: typeof knelpunten.$inferSelect.status } | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const refusal = adoptionRefusal(actor, measure, knelpuntStateOf(measure), measure);
    if (refusal) return refused(refusal);
    changeMeasureStatus(tx, { measure, to: "aangenomen", actorId: actor!.id, now, set: { adoptedAt: now } });
    let knelpuntStatus = measure.knelpuntStatus;
    if (knelpuntStatus === "open") {
      changeKnelpuntStatus(tx, {
        knelpuntId: measure.knelpuntId,
        from: "open",
        to: "zelf_aan_de_slag",
        actorId: actor!.id,
        measureId: measure.id,
        now,
      });
      knelpuntStatus = "zelf_aan_de_slag";
    }
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "measure.adopted",
        targetType: "measure",
        targetId: String(measure.id),
        details: {
          knelpuntId: measure.knelpuntId,
          supportCount: measure.supportCount,
          volunteerCount: measure.volunteerCount,
          supportThreshold: measure.supportThreshold,
          minVolunteers: measure.minVolunteers,
        },
        createdAt: now,
      })
      .run();
    return { ok: true as const, knelpuntStatus };
  }, WRITE);
}

/**
 * Marks a measure niet_doorgegaan with a public reason: a project leader for
 * self-help, an official for government measures. The knelpunt keeps its
 * status (a knelpunt whose only adopted measure stopped can be escalated in
 * opschalen: no self-help measure is adopted any more). Audited.
 */
export function abandonMeasure(actor: Actor, measureId: number, input: AbandonInput, now = new Date()): { ok: true } | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const refusal = abandonRefusal(actor, measure);
    if (refusal) return refused(refusal);
    changeMeasureStatus(tx, { measure, to: "niet_doorgegaan", actorId: actor!.id, reason: input.reason, now, set: { statusReason: input.reason } });
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "measure.abandoned",
        targetType: "measure",
        targetId: String(measure.id),
        reason: input.reason,
        details: { knelpuntId: measure.knelpuntId, from: measure.status },
        createdAt: now,
      })
      .run();
    return { ok: true as const };
  }, WRITE);
}

/**
 * Progress of an adopted measure: started (in_uitvoering, records started_at)
 * or carried out (uitgevoerd, records completed_at), by its author or a
 * project leader (an official for government measures).
 */
export function reportMeasureProgress(actor: Actor, measureId: number, input: ProgressInput, now = new Date()): { ok: true } | Refused<"not_found" | MeasureRefusal> {
  return getDb().transaction((tx) => {
    const measure = loadMeasure(tx, measureId);
    if (!measure) return measureNotFound;
    const refusal = progressRefusal(actor, measure, input.to);
    if (refusal) return refused(refusal);
    changeMeasureStatus(tx, {
      measure,
      to: input.to,
      actorId: actor!.id,
      reason: input.note,
      now,
      set: input.to === "in_uitvoering" ? { startedAt: now } : { completedAt: now },
    });
    if (measure.authorId !== actor!.id) {
      // Someone else's measure (a project leader, or an official on a government measure): on the record.
      tx.insert(auditLog)
        .values({
          actorId: actor!.id,
          action: "measure.progress",
          targetType: "measure",
          targetId: String(measure.id),
          reason: input.note,
          details: { from: measure.status, to: input.to },
          createdAt: now,
        })
        .run();
    }
    return { ok: true as const };
  }, WRITE);
}

/** How self-help went for a knelpunt (adopted / carried out), as the escalation rule needs it. */
const selfHelpRows = preparedQuery((db) =>
  db
    .select({ kind: measures.kind, status: measures.status })
    .from(measures)
    .where(and(eq(measures.knelpuntId, sql.placeholder("knelpuntId")), eq(measures.kind, "zelf")))
    .prepare(),
);

/** selfHelpOutcomeOf outside a transaction, with the query built once (the knelpunt page). */
export function pageSelfHelpOutcome(knelpuntId: number): { adopted: number; adoptedDone: number } {
  return selfHelpOutcome(selfHelpRows().all({ knelpuntId }));
}

export function selfHelpOutcomeOf(db: Pick<Tx, "select">, knelpuntId: number): { adopted: number; adoptedDone: number } {
  const rows = db
    .select({ kind: measures.kind, status: measures.status })
    .from(measures)
    .where(and(eq(measures.knelpuntId, knelpuntId), eq(measures.kind, "zelf")))
    .all();
  return selfHelpOutcome(rows);
}


/**
 * The knelpunt a measure belongs to, when the viewer may see its cycle and
 * the measure and knelpunt are not held for someone else (for links to a measure).
 */
export function knelpuntOfMeasure(viewer: Actor, measureId: number): number | null {
  const row = getDb()
    .select({
      knelpuntId: measures.knelpuntId,
      phase: cycles.phase,
      moderation: measures.moderation,
      authorId: measures.authorId,
      knelpuntModeration: knelpunten.moderation,
      reporterId: knelpunten.reporterId,
    })
    .from(measures)
    .innerJoin(cycles, eq(cycles.id, measures.cycleId))
    .innerJoin(knelpunten, eq(knelpunten.id, measures.knelpuntId))
    .where(eq(measures.id, measureId))
    .get();
  if (!row || !canViewCycle(viewer, row)) return null;
  if (!listedFor(viewer, row) || !listedFor(viewer, { moderation: row.knelpuntModeration, authorId: row.reporterId })) return null;
  return row.knelpuntId;
}
