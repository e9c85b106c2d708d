/**
 * What a reaction hangs under. Each area that takes reactions answers, for an
 * actor: where the thing lives, whether they may see it, and whether they may
 * react now. Knelpunten and measures add their line here.
 */
import { eq, sql } from "drizzle-orm";
import { cycles, knelpunten, type ReactionTarget } from "#db/schema";
import { canViewCycle, phaseAllows, type Actor } from "~/domain/cycles/policy";
import { listedFor, textShownTo } from "~/domain/moderation/policy";
import { preparedQuery } from "~/lib/prepared-query.server";
import { postAsReactionTarget } from "~/domain/posts/reaction-target.server";

export type ResolvedTarget = {
  /** The page the reactions are shown on. */
  href: string;
  title: string;
  /** The actor may read the title (false for a knelpunt a moderator hid, or flags hid). */
  titleShown: boolean;
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
      return knelpuntAsReactionTarget(actor, id);
    case "measure":
      // Not built yet: nothing to react to.
      return null;
  }
}

/**
 * A knelpunt: visible when its page is (its cycle is visible to the actor);
 * open for someone signed in while the cycle's phase allows reacting.
 */
const knelpuntTarget = preparedQuery((db) =>
  db
    .select({ title: knelpunten.title, phase: cycles.phase, moderation: knelpunten.moderation, authorId: knelpunten.reporterId })
    .from(knelpunten)
    .innerJoin(cycles, eq(cycles.id, knelpunten.cycleId))
    .where(eq(knelpunten.id, sql.placeholder("id")))
    .prepare(),
);

function knelpuntAsReactionTarget(actor: Actor, knelpuntId: number): ResolvedTarget | null {
  const row = knelpuntTarget().get({ id: knelpuntId });
  if (!row) return null;
  // A held knelpunt is there only for its reporter and moderators.
  const visible = canViewCycle(actor, row) && listedFor(actor, row);
  return {
    href: `/knelpunten/${knelpuntId}`,
    title: row.title,
    titleShown: textShownTo(actor, row),
    visible,
    open: actor !== null && visible && phaseAllows(row.phase, "react"),
  };
}
