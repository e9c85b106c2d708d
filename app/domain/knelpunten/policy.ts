/**
 * The rules about knelpunten (unsafe places), as pure functions. The same
 * functions hide or show buttons in the interface and guard the commands in
 * knelpunten.server.ts. Escalation ("self-help first") has its own policy in
 * ~/domain/escalation/policy.ts.
 */
import type { Role } from "~/domain/accounts/roles";
import { canViewCycle, isResident, phaseAllows, type Phase } from "~/domain/cycles/policy";
import { KNELPUNT_STATUSES, NL_BOUNDS, isKnelpuntStatus, type KnelpuntStatus } from "./statuses";

export { KNELPUNT_STATUSES, NL_BOUNDS, isKnelpuntStatus, type KnelpuntStatus };

export type Actor = { id: string; role: Role } | null;

/**
 * Every status change a knelpunt can make, as data (see the diagram in
 * ./statuses.ts). geescaleerd → toegezegd/afgewezen directly: an official may
 * decide at once, without an "in behandeling" step first.
 */
export const KNELPUNT_TRANSITIONS: Readonly<Record<KnelpuntStatus, readonly KnelpuntStatus[]>> = {
  open: ["zelf_aan_de_slag", "geescaleerd"],
  zelf_aan_de_slag: ["opgelost", "geescaleerd"],
  opgelost: [],
  geescaleerd: ["in_behandeling", "toegezegd", "afgewezen"],
  in_behandeling: ["toegezegd", "afgewezen"],
  toegezegd: ["uitgevoerd"],
  uitgevoerd: [],
  afgewezen: [],
};

export function knelpuntTransitionAllowed(from: KnelpuntStatus, to: KnelpuntStatus): boolean {
  return KNELPUNT_TRANSITIONS[from].includes(to);
}

/**
 * Who moves a knelpunt into a status. The project leader runs self-help and
 * escalation (zelf_aan_de_slag follows from adopting a self-help measure);
 * officials answer escalated knelpunten.
 */
export const KNELPUNT_STATUS_SETTER: Readonly<Record<Exclude<KnelpuntStatus, "open">, Role>> = {
  zelf_aan_de_slag: "projectleider",
  opgelost: "projectleider",
  geescaleerd: "projectleider",
  in_behandeling: "ambtenaar",
  toegezegd: "ambtenaar",
  uitgevoerd: "ambtenaar",
  afgewezen: "ambtenaar",
};

export type StatusChangeRefusal = "not_allowed_role" | "transition";

/**
 * Whether `actor` may move a knelpunt from `from` to `to`, as far as the
 * status diagram and roles go (null: allowed). The specific commands add
 * their own conditions (escalationDecision, resolveRefusal, ...).
 */
export function knelpuntStatusChangeRefusal(actor: Actor, from: KnelpuntStatus, to: KnelpuntStatus): StatusChangeRefusal | null {
  if (to === "open" || !actor || actor.role !== KNELPUNT_STATUS_SETTER[to]) return "not_allowed_role";
  if (!knelpuntTransitionAllowed(from, to)) return "transition";
  return null;
}

/** Statuses after escalation in which government measures can be proposed and supported. */
export const GOVERNMENT_MEASURE_STATUSES: readonly KnelpuntStatus[] = ["geescaleerd", "in_behandeling", "toegezegd"];

/** Statuses in which residents still work on it themselves (self-help measures). */
export const SELF_HELP_STATUSES: readonly KnelpuntStatus[] = ["open", "zelf_aan_de_slag"];

/** A final status: nothing happens to the knelpunt any more. */
export function isFinalKnelpuntStatus(status: KnelpuntStatus): boolean {
  return KNELPUNT_TRANSITIONS[status].length === 0;
}

/** Limits shared by the schemas, the commands and the forms. */
export const KNELPUNT_LIMITS = {
  titleMin: 5,
  titleMax: 120,
  descriptionMin: 10,
  descriptionMax: 5000,
  wijkMin: 2,
  wijkMax: 80,
  locationMin: 3,
  locationMax: 200,
  explanationMin: 10,
  explanationMax: 2000,
} as const;

/** Whether a point lies (roughly) in the Netherlands. */
export function isInNetherlands(lat: number, lng: number): boolean {
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    lat >= NL_BOUNDS.latMin &&
    lat <= NL_BOUNDS.latMax &&
    lng >= NL_BOUNDS.lngMin &&
    lng <= NL_BOUNDS.lngMax
  );
}

type CycleState = { phase: Phase };

/** Why someone cannot report a knelpunt (message `knelpunt.refusal.<reason>`). */
export type ReportRefusal = "not_visible" | "not_signed_in" | "not_resident" | "phase";

/** Residents report knelpunten from meedenken on (phaseAllows "reportKnelpunt"). Null: allowed. */
export function reportRefusal(actor: Actor, cycle: CycleState): ReportRefusal | null {
  if (!canViewCycle(actor, cycle)) return "not_visible";
  if (!actor) return "not_signed_in";
  if (!isResident(actor)) return "not_resident";
  if (!phaseAllows(cycle.phase, "reportKnelpunt")) return "phase";
  return null;
}

/** Why a project leader cannot confirm a knelpunt solved. */
export type ResolveRefusal = "not_project_leader" | "status" | "no_measure_done";

/**
 * The project leader confirms a knelpunt solved (opgelost): only while
 * residents are at it themselves (zelf_aan_de_slag) and when at least one
 * adopted self-help measure has been carried out. Null: allowed.
 */
export function resolveRefusal(
  actor: Actor,
  knelpunt: { status: KnelpuntStatus },
  selfHelp: { adoptedDone: number },
): ResolveRefusal | null {
  if (knelpuntStatusChangeRefusal(actor, knelpunt.status, "opgelost") === "not_allowed_role") return "not_project_leader";
  if (!knelpuntTransitionAllowed(knelpunt.status, "opgelost")) return "status";
  if (selfHelp.adoptedDone < 1) return "no_measure_done";
  return null;
}

/** One of the cycle's wijken as the cycle spells it, when it matches (ignoring case); else the text as typed. */
export function canonicalWijk(wijk: string, cycleWijken: readonly string[]): string {
  const typed = wijk.trim().replace(/\s+/g, " ");
  const key = typed.toLocaleLowerCase("nl");
  return cycleWijken.find((name) => name.toLocaleLowerCase("nl") === key) ?? typed;
}
