/**
 * Writing a knelpunt's status, always together with its timeline row. Used
 * inside the commands' transactions (knelpunten, measures, escalation).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { knelpuntStatusChanges, knelpunten } from "#db/schema";
import { notifyStatusChange } from "~/domain/notifications/notifications.server";
import { knelpuntTransitionAllowed, type KnelpuntStatus } from "./policy";

/** The transaction handle drizzle passes to `db.transaction(tx => ...)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A write transaction: takes SQLite's write lock at BEGIN, so a read-check-write cannot race another connection. */
export const WRITE = { behavior: "immediate" } as const;

export type StatusChange = {
  knelpuntId: number;
  from: KnelpuntStatus;
  to: KnelpuntStatus;
  actorId: string | null;
  explanation?: string | null;
  fastTrackReason?: string | null;
  measureId?: number | null;
  /** An official's answer: their organisation now, and for toegezegd the department and expected date. */
  organisation?: string | null;
  department?: string | null;
  expectedDate?: string | null;
  now: Date;
  /** Further columns to set on the knelpunt with the status. */
  set?: Partial<Pick<typeof knelpunten.$inferInsert, "escalatedAt" | "escalatedBy" | "escalationExplanation" | "fastTrackReason" | "resolvedAt">>;
};

/**
 * Moves the knelpunt from `from` to `to`, appends the timeline row and tells
 * the followers (see app/domain/notifications). The
 * caller checked the policy; an impossible transition, or a knelpunt that is
 * no longer in `from`, is a programming error and throws (rolling back).
 */
export function changeKnelpuntStatus(tx: Tx, change: StatusChange): { statusChangeId: number } {
  if (!knelpuntTransitionAllowed(change.from, change.to)) {
    throw new Error(`Knelpunt ${change.knelpuntId}: ${change.from} → ${change.to} is not a transition`);
  }
  const updated = tx
    .update(knelpunten)
    .set({ ...change.set, status: change.to, updatedAt: change.now })
    .where(and(eq(knelpunten.id, change.knelpuntId), eq(knelpunten.status, change.from)))
    .run();
  if (updated.changes !== 1) throw new Error(`Knelpunt ${change.knelpuntId} is no longer ${change.from}`);
  const row = tx
    .insert(knelpuntStatusChanges)
    .values({
      knelpuntId: change.knelpuntId,
      fromStatus: change.from,
      toStatus: change.to,
      actorId: change.actorId,
      explanation: change.explanation ?? null,
      fastTrackReason: change.fastTrackReason ?? null,
      measureId: change.measureId ?? null,
      organisation: change.organisation ?? null,
      department: change.department ?? null,
      expectedDate: change.expectedDate ?? null,
      createdAt: change.now,
    })
    .returning({ id: knelpuntStatusChanges.id })
    .get();
  // Followers hear of it in the same transaction (mail or digest line), so a
  // rolled-back change never sends mail.
  notifyStatusChange(tx, {
    knelpuntId: change.knelpuntId,
    statusChangeId: row.id,
    to: change.to,
    actorId: change.actorId,
    explanation: change.explanation ?? null,
    now: change.now,
  });
  return { statusChangeId: row.id };
}
