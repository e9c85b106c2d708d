/**
 * What a reaction hangs under. Each area that takes reactions answers, for an
 * actor: where the thing lives, whether they may see it, and whether they may
 * react now. Knelpunten and measures add their line here.
 */
import type { ReactionTarget } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import { postAsReactionTarget } from "~/domain/posts/reaction-target.server";

export type ResolvedTarget = {
  /** The page the reactions are shown on. */
  href: string;
  title: string;
  /** The actor may see the thing (and so its reactions). */
  visible: boolean;
  /** The actor may add or change a reaction now. */
  open: boolean;
};

export function resolveReactionTarget(actor: Actor, type: ReactionTarget, id: number): ResolvedTarget | null {
  switch (type) {
    case "post":
      return postAsReactionTarget(actor, id);
    case "knelpunt":
    case "measure":
      // Not built yet: nothing to react to.
      return null;
  }
}
