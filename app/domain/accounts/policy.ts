import type { Role } from "./roles";

export type Actor = { id: string; role: Role } | null;

/** Pure rules about accounts; the UI and the server ask the same function. */
export function canManageAccounts(actor: Actor): boolean {
  return actor?.role === "beheerder";
}

export function canChangeRoleOf(actor: Actor, target: { id: string }): boolean {
  return canManageAccounts(actor) && actor!.id !== target.id;
}
