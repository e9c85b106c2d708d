/**
 * Who may see, write and react to blog posts. Pure functions: the pages use
 * them to show or hide buttons, the commands use them to refuse.
 */
import { canViewCycle, phaseAllows, type Actor, type Phase } from "~/domain/cycles/policy";

export type { Actor };

export type PostStatus = "draft" | "published";

/** Only project leaders write, publish and unpublish posts. */
export function canManagePosts(actor: Actor): boolean {
  return actor?.role === "projectleider";
}

/**
 * Project leaders see every post. Anyone else sees a post only when it is
 * published and, when it belongs to a cycle, that cycle is visible to them
 * (a concept cycle's posts stay hidden).
 */
export function canViewPost(actor: Actor, post: { status: PostStatus }, cycle: { phase: Phase } | null): boolean {
  if (canManagePosts(actor)) return true;
  if (post.status !== "published") return false;
  return cycle === null || canViewCycle(actor, cycle);
}

/**
 * Whether reacting under a post is open at all: the post is published and
 * either about the lab in general or in a cycle whose phase allows reactions.
 */
export function postOpenForReactions(post: { status: PostStatus }, cycle: { phase: Phase } | null): boolean {
  return post.status === "published" && (cycle === null || phaseAllows(cycle.phase, "react"));
}

/** Anyone signed in may react to a post they can see, while reacting is open. */
export function canReactToPost(actor: Actor, post: { status: PostStatus }, cycle: { phase: Phase } | null): boolean {
  return actor !== null && canViewPost(actor, post, cycle) && postOpenForReactions(post, cycle);
}
