/**
 * Escalation: a project leader sends a knelpunt to the municipality
 * (geescaleerd), when the "self-help first" rule (./policy.ts) allows it.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { auditLog, cycles, knelpunten } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import { escalationRefusalMessage, type Refused } from "~/domain/knelpunten/messages";
import { KNELPUNT_LIMITS } from "~/domain/knelpunten/policy";
import { WRITE, changeKnelpuntStatus } from "~/domain/knelpunten/status.server";
import { selfHelpOutcomeOf } from "~/domain/measures/measures.server";
import { escalationDecision, type EscalationRefusal } from "./policy";

export type EscalateInput = {
  /** For the officials: what was tried and what is needed (10–2000 characters). Public. */
  explanation: string;
  /** The project leader states the place is still unsafe after the self-help measures. */
  stillUnsafe: boolean;
  /** Acute danger, for a fast-track: kept and shown publicly. Null when not given. */
  fastTrackReason: string | null;
};

/**
 * Escalates a knelpunt when escalationDecision allows it, refusing with the
 * rule's reason otherwise. Sets status geescaleerd, escalated_at/by, the
 * explanation and (for a fast-track) the public reason; adds a timeline row
 * and an audit row, in one transaction.
 */
export function escalateKnelpunt(
  actor: Actor,
  knelpuntId: number,
  input: EscalateInput,
  now = new Date(),
): { ok: true; fastTrack: boolean } | Refused<"not_found" | "explanation" | EscalationRefusal> {
  const explanation = input.explanation.trim();
  const length = [...explanation].length;
  if (length < KNELPUNT_LIMITS.explanationMin || length > KNELPUNT_LIMITS.explanationMax) {
    return {
      ok: false,
      reason: "explanation",
      field: "explanation",
      message: length < KNELPUNT_LIMITS.explanationMin ? "escalation.error.explanationTooShort" : "escalation.error.explanationTooLong",
    };
  }
  return getDb().transaction((tx) => {
    const knelpunt = tx
      .select({ id: knelpunten.id, status: knelpunten.status, moderation: knelpunten.moderation, phase: cycles.phase })
      .from(knelpunten)
      .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
      .where(eq(knelpunten.id, knelpuntId))
      .get();
    if (!knelpunt) return { ok: false as const, reason: "not_found" as const, message: "knelpunt.error.notFound" as const };
    const selfHelp = selfHelpOutcomeOf(tx, knelpunt.id);
    const fastTrackReason = input.fastTrackReason?.trim() || null;
    const decision = escalationDecision({
      role: actor?.role ?? null,
      knelpuntStatus: knelpunt.status,
      phase: knelpunt.phase,
      selfHelp,
      stillUnsafe: input.stillUnsafe,
      fastTrackReason,
      moderation: knelpunt.moderation,
    });
    if (!decision.allowed) {
      return {
        ok: false as const,
        reason: decision.reason,
        message: escalationRefusalMessage(decision.reason),
        ...(decision.reason === "fast_track_reason_too_short" ? { field: "fastTrackReason" } : {}),
      };
    }
    const storedReason = decision.fastTrack ? fastTrackReason : null;
    changeKnelpuntStatus(tx, {
      knelpuntId: knelpunt.id,
      from: knelpunt.status,
      to: "geescaleerd",
      actorId: actor!.id,
      explanation,
      fastTrackReason: storedReason,
      now,
      set: { escalatedAt: now, escalatedBy: actor!.id, escalationExplanation: explanation, fastTrackReason: storedReason },
    });
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "knelpunt.escalated",
        targetType: "knelpunt",
        targetId: String(knelpunt.id),
        reason: storedReason ?? explanation,
        details: {
          from: knelpunt.status,
          phase: knelpunt.phase,
          fastTrack: decision.fastTrack,
          stillUnsafe: input.stillUnsafe,
          selfHelp,
          explanation,
        },
        createdAt: now,
      })
      .run();
    return { ok: true as const, fastTrack: decision.fastTrack };
  }, WRITE);
}
