import type { Actor } from "~/domain/cycles/policy";

/** Project leaders moderate; administrators may too (they run the platform). */
export function canModerate(actor: Actor): boolean {
  return actor?.role === "projectleider" || actor?.role === "beheerder";
}

/**
 * Whether a viewer sees a text with this moderation state in lists at all:
 * held texts only by their author and moderators; hidden and flagged texts
 * by everyone, but as a notice in place of the words (see textShownTo).
 */
export function listedFor(actor: Actor, text: { moderation: string; authorId: string | null }): boolean {
  if (text.moderation !== "held") return true;
  return canModerate(actor) || (actor !== null && text.authorId === actor.id);
}

/** Whether a viewer reads the words themselves (not a notice): visible texts, and held ones they may see. */
export function textShownTo(actor: Actor, text: { moderation: string; authorId: string | null }): boolean {
  if (text.moderation === "visible") return true;
  if (text.moderation === "held") return listedFor(actor, text);
  return false;
}
