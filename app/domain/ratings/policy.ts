/**
 * Who may rate how safe a knelpunt feels: anyone with an account (any role)
 * who is not blocked, at any time, while the knelpunt is visible to them.
 * Pure: the page and the command ask the same function.
 */
import { canViewCycle, type Phase } from "~/domain/cycles/policy";
import type { Role } from "~/domain/accounts/roles";

export type RateRefusal = "not_signed_in" | "not_visible" | "blocked" | "score_out_of_range";

export function isScore(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function rateRefusal(
  actor: { id: string; role: Role } | null,
  knelpunt: { cyclePhase: Phase },
  account: { blocked: boolean } = { blocked: false },
  score?: number,
): RateRefusal | null {
  if (!canViewCycle(actor, { phase: knelpunt.cyclePhase })) return "not_visible";
  if (!actor) return "not_signed_in";
  if (account.blocked) return "blocked";
  if (score !== undefined && !isScore(score)) return "score_out_of_range";
  return null;
}
