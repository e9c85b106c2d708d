/**
 * The rules about measures (maatregelen), as pure functions: proposing,
 * supporting, volunteering, adopting, abandoning and progress. The same
 * functions hide or show buttons in the interface and guard the commands in
 * measures.server.ts (which call them inside the transaction, with the counts
 * read there).
 */
import type { Role } from "~/domain/accounts/roles";
import { canViewCycle, isResident, phaseAllows, type Activity, type Phase } from "~/domain/cycles/policy";
import { GOVERNMENT_MEASURE_STATUSES, SELF_HELP_STATUSES, type KnelpuntStatus } from "~/domain/knelpunten/policy";
import type { ModerationState } from "~/domain/moderation/states";
import { MEASURE_KINDS, MEASURE_STATUSES, isMeasureKind, isMeasureStatus, type MeasureKind, type MeasureStatus } from "./statuses";

export { MEASURE_KINDS, MEASURE_STATUSES, isMeasureKind, isMeasureStatus, type MeasureKind, type MeasureStatus };

export type Actor = { id: string; role: Role } | null;

/** Every status change a measure can make, as data (see the diagram in ./statuses.ts). */
export const MEASURE_TRANSITIONS: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  voorgesteld: ["aangenomen", "niet_doorgegaan"],
  aangenomen: ["in_uitvoering", "niet_doorgegaan"],
  in_uitvoering: ["uitgevoerd", "niet_doorgegaan"],
  uitgevoerd: [],
  niet_doorgegaan: [],
};

export function measureTransitionAllowed(from: MeasureStatus, to: MeasureStatus): boolean {
  return MEASURE_TRANSITIONS[from].includes(to);
}

/** Not final yet: residents can still support it and sign up. */
export const ACTIVE_MEASURE_STATUSES: readonly MeasureStatus[] = ["voorgesteld", "aangenomen", "in_uitvoering"];

/** Adopted and not abandoned. */
export const ADOPTED_MEASURE_STATUSES: readonly MeasureStatus[] = ["aangenomen", "in_uitvoering", "uitgevoerd"];

/** The statuses progress is reported with. */
export const PROGRESS_STATUSES = ["in_uitvoering", "uitgevoerd"] as const satisfies readonly MeasureStatus[];
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * Phases in which a project leader adopts a self-help measure: while residents
 * support it (zelf_doen), and in opschalen for a decision that came just after.
 */
export const ADOPTION_PHASES: readonly Phase[] = ["zelf_doen", "opschalen"];

/** How self-help went for a knelpunt, as the escalation rule needs it. */
export function selfHelpOutcome(measures: ReadonlyArray<{ kind: MeasureKind; status: MeasureStatus }>): {
  adopted: number;
  adoptedDone: number;
} {
  let adopted = 0;
  let adoptedDone = 0;
  for (const measure of measures) {
    if (measure.kind !== "zelf" || !ADOPTED_MEASURE_STATUSES.includes(measure.status)) continue;
    adopted += 1;
    if (measure.status === "uitgevoerd") adoptedDone += 1;
  }
  return { adopted, adoptedDone };
}

/** Limits shared by the schemas, the commands and the forms. */
export const MEASURE_LIMITS = {
  titleMin: 5,
  titleMax: 120,
  descriptionMin: 10,
  descriptionMax: 5000,
  reasonMin: 10,
  reasonMax: 1000,
  noteMax: 1000,
} as const;

/** Why something is refused; each has a message `measure.refusal.<reason>`. */
export type MeasureRefusal =
  /** The cycle is hidden from this person (concept): treat as not found. */
  | "not_visible"
  | "not_signed_in"
  /** Only residents propose, support and volunteer; project leaders and officials do not vote. */
  | "not_resident"
  /** The cycle's phase does not open this now. */
  | "phase"
  /** Self-help: the knelpunt is escalated or solved already. */
  | "knelpunt_status"
  /** Government measures only for an escalated knelpunt (geescaleerd, in_behandeling, toegezegd). */
  | "not_escalated"
  /** The measure is carried out or did not go ahead. */
  | "measure_status"
  /** The resident used all supports the cycle allows. */
  | "limit_reached"
  /** Volunteering and adoption are for self-help measures. */
  | "not_self_help"
  | "not_project_leader"
  /** Progress is reported by the author or a project leader. */
  | "not_author_or_leader"
  /** Government measures are decided on and updated by officials. */
  | "not_official"
  /** Not a step the status diagram allows from here. */
  | "transition"
  | "below_support_threshold"
  | "below_min_volunteers"
  /**
   * The text is not public: a measure for a knelpunt that is held or hidden by
   * moderation, or adopting a measure that is (app/domain/moderation).
   */
  | "moderated";

type CycleState = { phase: Phase };
type LimitState = CycleState & { supportLimit: number };
type ThresholdState = CycleState & { supportThreshold: number; minVolunteers: number };
/**
 * `moderation` (app/domain/moderation/states.ts): what readers see of the
 * text. Left out, it counts as visible (a caller that does not know it).
 */
type KnelpuntState = { status: KnelpuntStatus; moderation?: ModerationState };
type MeasureState = { kind: MeasureKind; status: MeasureStatus; moderation?: ModerationState };

/** Whether a text with this moderation state is public (visible). */
function isPublic(text: { moderation?: ModerationState }): boolean {
  return (text.moderation ?? "visible") === "visible";
}

/**
 * Supports and volunteers only for a measure everyone can read: a held
 * measure is invisible to others, a hidden or flagged one cannot gather
 * support, and a held knelpunt has nothing others can see.
 */
function unreadableRefusal(measure: MeasureState, knelpunt: KnelpuntState): MeasureRefusal | null {
  return isPublic(measure) && knelpunt.moderation !== "held" ? null : "not_visible";
}

const PROPOSE_ACTIVITY: Record<MeasureKind, Activity> = { zelf: "proposeSelfHelp", overheid: "proposeGovernmentMeasure" };
const SUPPORT_ACTIVITY: Record<MeasureKind, Activity> = { zelf: "supportSelfHelp", overheid: "supportGovernmentMeasure" };

function residentRefusal(actor: Actor, cycle: CycleState): MeasureRefusal | null {
  if (!canViewCycle(actor, cycle)) return "not_visible";
  if (!actor) return "not_signed_in";
  if (!isResident(actor)) return "not_resident";
  return null;
}

/** Whether the knelpunt's status lets measures of this kind be proposed and supported. */
function knelpuntRefusal(kind: MeasureKind, knelpunt: KnelpuntState): MeasureRefusal | null {
  if (kind === "zelf") return SELF_HELP_STATUSES.includes(knelpunt.status) ? null : "knelpunt_status";
  return GOVERNMENT_MEASURE_STATUSES.includes(knelpunt.status) ? null : "not_escalated";
}

/**
 * A resident proposes a measure. Self-help: in zelf_doen, for a knelpunt that
 * is open or zelf_aan_de_slag. Government: in opschalen, only for an escalated
 * knelpunt (geescaleerd, in_behandeling or toegezegd — not once it is
 * rejected or carried out). Null: allowed.
 */
export function proposeRefusal(actor: Actor, kind: MeasureKind, knelpunt: KnelpuntState, cycle: CycleState): MeasureRefusal | null {
  return (
    residentRefusal(actor, cycle) ??
    // A knelpunt nobody can read (held, or hidden by moderation) gets no new measures.
    (isPublic(knelpunt) ? null : "moderated") ??
    (phaseAllows(cycle.phase, PROPOSE_ACTIVITY[kind]) ? null : "phase") ??
    knelpuntRefusal(kind, knelpunt)
  );
}

/**
 * A resident supports a measure: while the phase opens it, the knelpunt is in
 * the right status and the measure is not final, within the cycle's limit
 * (0 = none) counted over all measures of the cycle. Supporting what one
 * supports already is allowed (it changes nothing). Null: allowed.
 */
export function supportRefusal(
  actor: Actor,
  measure: MeasureState,
  knelpunt: KnelpuntState,
  cycle: LimitState,
  usage: { used: number; alreadySupporting: boolean },
): MeasureRefusal | null {
  return (
    residentRefusal(actor, cycle) ??
    unreadableRefusal(measure, knelpunt) ??
    (phaseAllows(cycle.phase, SUPPORT_ACTIVITY[measure.kind]) ? null : "phase") ??
    knelpuntRefusal(measure.kind, knelpunt) ??
    (ACTIVE_MEASURE_STATUSES.includes(measure.status) ? null : "measure_status") ??
    (!usage.alreadySupporting && cycle.supportLimit > 0 && usage.used >= cycle.supportLimit ? "limit_reached" : null)
  );
}

/** A support can be withdrawn while the phase that opened it is open. Null: allowed. */
export function withdrawSupportRefusal(actor: Actor, measure: { kind: MeasureKind }, cycle: CycleState): MeasureRefusal | null {
  return residentRefusal(actor, cycle) ?? (phaseAllows(cycle.phase, SUPPORT_ACTIVITY[measure.kind]) ? null : "phase");
}

/** "Ik help mee": residents, self-help measures only, in zelf_doen, while the measure is not final. */
export function volunteerRefusal(actor: Actor, measure: MeasureState, knelpunt: KnelpuntState, cycle: CycleState): MeasureRefusal | null {
  return (
    residentRefusal(actor, cycle) ??
    unreadableRefusal(measure, knelpunt) ??
    (measure.kind === "zelf" ? null : "not_self_help") ??
    (phaseAllows(cycle.phase, "volunteer") ? null : "phase") ??
    knelpuntRefusal(measure.kind, knelpunt) ??
    (ACTIVE_MEASURE_STATUSES.includes(measure.status) ? null : "measure_status")
  );
}

/** Signing off again: while the phase is open. Null: allowed. */
export function withdrawVolunteerRefusal(actor: Actor, measure: { kind: MeasureKind }, cycle: CycleState): MeasureRefusal | null {
  return (
    residentRefusal(actor, cycle) ??
    (measure.kind === "zelf" ? null : "not_self_help") ??
    (phaseAllows(cycle.phase, "volunteer") ? null : "phase")
  );
}

/**
 * A project leader adopts a self-help measure (voorgesteld → aangenomen) only
 * when the cycle's thresholds are met: support_count ≥ support_threshold and
 * volunteer_count ≥ min_volunteers. Null: allowed.
 */
export function adoptionRefusal(
  actor: Actor,
  measure: MeasureState & { supportCount: number; volunteerCount: number },
  knelpunt: KnelpuntState,
  cycle: ThresholdState,
): MeasureRefusal | null {
  if (actor?.role !== "projectleider") return "not_project_leader";
  if (measure.kind !== "zelf") return "not_self_help";
  // Held: approve it in the moderation queue first; hidden or flagged: not while nobody can read it.
  if (!isPublic(measure) || knelpunt.moderation === "held") return "moderated";
  if (!ADOPTION_PHASES.includes(cycle.phase)) return "phase";
  if (!SELF_HELP_STATUSES.includes(knelpunt.status)) return "knelpunt_status";
  if (!measureTransitionAllowed(measure.status, "aangenomen")) return "transition";
  if (measure.supportCount < cycle.supportThreshold) return "below_support_threshold";
  if (measure.volunteerCount < cycle.minVolunteers) return "below_min_volunteers";
  return null;
}

/**
 * Marking a measure niet_doorgegaan (with a reason): a project leader for
 * self-help measures, an official for government measures. Null: allowed.
 */
export function abandonRefusal(actor: Actor, measure: MeasureState): MeasureRefusal | null {
  if (measure.kind === "zelf" && actor?.role !== "projectleider") return "not_project_leader";
  if (measure.kind === "overheid" && actor?.role !== "ambtenaar") return "not_official";
  if (!measureTransitionAllowed(measure.status, "niet_doorgegaan")) return "transition";
  return null;
}

/**
 * Progress (in_uitvoering, uitgevoerd): the author or a project leader for a
 * self-help measure; an official for a government measure. Null: allowed.
 */
export function progressRefusal(actor: Actor, measure: MeasureState & { authorId: string | null }, to: ProgressStatus): MeasureRefusal | null {
  if (measure.kind === "zelf") {
    const isAuthor = actor !== null && measure.authorId !== null && measure.authorId === actor.id;
    if (actor?.role !== "projectleider" && !isAuthor) return "not_author_or_leader";
  } else if (actor?.role !== "ambtenaar") {
    return "not_official";
  }
  if (!measureTransitionAllowed(measure.status, to)) return "transition";
  return null;
}
