/**
 * The cycle's rules in one place, as pure functions. Every feature asks these
 * what is allowed now; no other code compares phase strings.
 */
import type { Role } from "~/domain/accounts/roles";
import { PHASES, type Phase } from "./phases";

export { PHASES, type Phase };

export type Actor = { id: string; role: Role } | null;

/** The phase after `phase`, or null for the last one. */
export function nextPhase(phase: Phase): Phase | null {
  const index = PHASES.indexOf(phase);
  return PHASES[index + 1] ?? null;
}

export type PhaseMoveRefusal = "not_project_leader" | "already_last" | "not_next";

/**
 * A phase moves forward one step at a time, only by a project leader.
 * Returns null when allowed, or why not.
 */
export function phaseMoveRefusal(actor: Actor, from: Phase, to: Phase): PhaseMoveRefusal | null {
  if (actor?.role !== "projectleider") return "not_project_leader";
  const next = nextPhase(from);
  if (!next) return "already_last";
  if (to !== next) return "not_next";
  return null;
}

export function canManageCycles(actor: Actor): boolean {
  return actor?.role === "projectleider";
}

/** A concept cycle (and all in it) is visible only to project leaders. */
export function canViewCycle(actor: Actor, cycle: { phase: Phase }): boolean {
  return cycle.phase !== "concept" || actor?.role === "projectleider";
}

/** What people can do in a cycle, by phase. */
export type Activity =
  | "answerQuestions"
  | "react"
  | "reportKnelpunt"
  | "proposeSelfHelp"
  | "supportSelfHelp"
  | "volunteer"
  | "escalate"
  | "proposeGovernmentMeasure"
  | "supportGovernmentMeasure"
  | "answerEscalation";

const ACTIVITIES_BY_PHASE: Record<Phase, readonly Activity[]> = {
  concept: [],
  meedenken: ["answerQuestions", "react", "reportKnelpunt"],
  zelf_doen: ["answerQuestions", "react", "reportKnelpunt", "proposeSelfHelp", "supportSelfHelp", "volunteer"],
  opschalen: [
    "answerQuestions",
    "react",
    "reportKnelpunt",
    "escalate",
    "proposeGovernmentMeasure",
    "supportGovernmentMeasure",
    "answerEscalation",
  ],
  afgerond: ["react", "escalate", "answerEscalation"],
};

/** Whether the phase opens an activity (who may do it is the area's own policy). */
export function phaseAllows(phase: Phase, activity: Activity): boolean {
  return ACTIVITIES_BY_PHASE[phase].includes(activity);
}

/** Activities open now, in order, for "what you can do now" on the home and cycle pages. */
export function activitiesNow(phase: Phase): readonly Activity[] {
  return ACTIVITIES_BY_PHASE[phase];
}

/** Residents take part (answer, support, volunteer); project leaders and officials do not vote. */
export function isResident(actor: Actor): boolean {
  return actor?.role === "bewoner";
}

/** The cycle report is public once the cycle is closed; project leaders may look before that. */
export function canViewReport(actor: Actor, cycle: { phase: Phase }): boolean {
  return cycle.phase === "afgerond" || actor?.role === "projectleider";
}
