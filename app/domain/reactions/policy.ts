import type { Actor } from "~/domain/cycles/policy";

/** Only the author changes or deletes their own reaction (moderation is its own area). */
export function canEditReaction(actor: Actor, reaction: { authorId: string | null }): boolean {
  return actor !== null && reaction.authorId !== null && reaction.authorId === actor.id;
}
