/**
 * "Self-help first": when a knelpunt may go to the municipality (geëscaleerd).
 * One pure function decides; the escalation form, the knelpunt page and
 * escalateKnelpunt() all ask it. test/unit/escalation-policy.test.ts checks it
 * over every status × phase × role × self-help outcome × fast-track reason.
 *
 * The rule (SPEC.md, "Knelpunt"):
 * - only a project leader escalates, and only a knelpunt that is open or
 *   zelf_aan_de_slag (not solved, not escalated already);
 * - never while the cycle is in concept;
 * - normally only in phase opschalen or later (opschalen, afgerond), and
 *   only when no self-help measure was adopted, or all adopted ones are
 *   carried out (uitgevoerd) and the project leader states that the place is
 *   still unsafe;
 * - otherwise (meedenken, zelf_doen, or self-help still under way) only as a
 *   fast-track of acute danger, with a reason of at least 10 characters that
 *   is kept and shown publicly.
 *
 * The phases come from the cycle policy (phaseAllows(phase, "escalate")):
 * opschalen and afgerond, "opschalen or later" as the spec says.
 */
import type { Role } from "~/domain/accounts/roles";
import { PHASES, phaseAllows, type Phase } from "~/domain/cycles/policy";
import { SELF_HELP_STATUSES, type KnelpuntStatus } from "~/domain/knelpunten/policy";
import type { ModerationState } from "~/domain/moderation/states";

/** Phases in which a knelpunt can be escalated without a fast-track. */
export const NORMAL_ESCALATION_PHASES: readonly Phase[] = PHASES.filter((phase) => phaseAllows(phase, "escalate"));

/** The shortest fast-track reason (in characters, after trimming). */
export const FAST_TRACK_REASON_MIN = 10;

export type SelfHelpOutcome = {
  /** Self-help measures adopted and not abandoned (aangenomen, in_uitvoering, uitgevoerd). */
  adopted: number;
  /** Of those, how many were carried out (uitgevoerd). */
  adoptedDone: number;
};

export type EscalationInput = {
  role: Role | null;
  knelpuntStatus: KnelpuntStatus;
  phase: Phase;
  selfHelp: SelfHelpOutcome;
  /** The project leader states that the place is still unsafe after the self-help measures. */
  stillUnsafe: boolean;
  /** Acute danger: why it cannot wait for self-help. Null or blank when not given. */
  fastTrackReason: string | null;
  /**
   * What readers see of the knelpunt (app/domain/moderation). A held one is
   * approved in the moderation queue first; hidden or flagged ones may still
   * go to the municipality (the officials see the notice, not the words).
   * Left out: visible.
   */
  moderation?: ModerationState;
};

/** Why escalation is refused; each has a message `escalation.refusal.<reason>`. */
export type EscalationRefusal =
  /** Only a project leader escalates. */
  | "not_project_leader"
  /** The knelpunt is solved or escalated already. */
  | "status"
  /** The cycle is still being prepared. */
  | "concept"
  /** Before opschalen: residents first try self-help; only a fast-track with a reason. */
  | "too_early"
  /** Adopted self-help measures are not all carried out yet; only a fast-track with a reason. */
  | "self_help_under_way"
  /** Self-help was carried out; escalate only when the place is still unsafe (or as a fast-track). */
  | "not_still_unsafe"
  /** A fast-track needs a reason of at least 10 characters. */
  | "fast_track_reason_too_short"
  /** The knelpunt waits for a project leader's approval (moderation). */
  | "held";

export const ESCALATION_REFUSALS: readonly EscalationRefusal[] = [
  "not_project_leader",
  "status",
  "concept",
  "too_early",
  "self_help_under_way",
  "not_still_unsafe",
  "fast_track_reason_too_short",
  "held",
];

export type EscalationDecision = { allowed: true; fastTrack: boolean } | { allowed: false; reason: EscalationRefusal };

function reasonLength(reason: string | null): number {
  return reason ? [...reason.trim()].length : 0;
}

/** The one rule: may this knelpunt be escalated now, and is it a fast-track? */
export function escalationDecision(input: EscalationInput): EscalationDecision {
  if (input.role !== "projectleider") return { allowed: false, reason: "not_project_leader" };
  if (input.moderation === "held") return { allowed: false, reason: "held" };
  if (!SELF_HELP_STATUSES.includes(input.knelpuntStatus)) return { allowed: false, reason: "status" };
  if (input.phase === "concept") return { allowed: false, reason: "concept" };

  const { adopted, adoptedDone } = input.selfHelp;
  let why: EscalationRefusal;
  if (!NORMAL_ESCALATION_PHASES.includes(input.phase)) why = "too_early";
  else if (adopted === 0) return { allowed: true, fastTrack: false };
  else if (adoptedDone < adopted) why = "self_help_under_way";
  else if (input.stillUnsafe) return { allowed: true, fastTrack: false };
  else why = "not_still_unsafe";

  const length = reasonLength(input.fastTrackReason);
  if (length >= FAST_TRACK_REASON_MIN) return { allowed: true, fastTrack: true };
  return { allowed: false, reason: length > 0 ? "fast_track_reason_too_short" : why };
}

/**
 * What the escalation form should offer, from the same rule:
 * - "normal": escalate now;
 * - "still_unsafe": only after stating the place is still unsafe (or as a fast-track);
 * - "fast_track": only as a fast-track with a reason (`why` says why not normally);
 * or not at all, with the reason.
 */
export type EscalationAvailability =
  | { available: true; mode: "normal" | "still_unsafe" | "fast_track"; why: EscalationRefusal | null }
  | { available: false; reason: EscalationRefusal };

export function escalationAvailability(input: Omit<EscalationInput, "stillUnsafe" | "fastTrackReason">): EscalationAvailability {
  const plain = escalationDecision({ ...input, stillUnsafe: false, fastTrackReason: null });
  if (plain.allowed) return { available: true, mode: "normal", why: null };
  if (escalationDecision({ ...input, stillUnsafe: true, fastTrackReason: null }).allowed) {
    return { available: true, mode: "still_unsafe", why: plain.reason };
  }
  const fastTrack = escalationDecision({ ...input, stillUnsafe: false, fastTrackReason: "x".repeat(FAST_TRACK_REASON_MIN) });
  if (fastTrack.allowed) return { available: true, mode: "fast_track", why: plain.reason };
  return { available: false, reason: plain.reason };
}
