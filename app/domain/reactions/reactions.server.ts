/**
 * Reactions (reageren) under posts, and later knelpunten and measures: plain
 * text, keyed by (targetType, targetId). Reading uses reactions_target_idx.
 */
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { reactions, users, type ReactionTarget } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import type { MessageKey } from "~/i18n";
import { canEditReaction } from "./policy";
import { resolveReactionTarget } from "./targets.server";

export type ReactionView = {
  id: number;
  body: string;
  authorName: string | null;
  createdAt: Date;
  edited: boolean;
  /** The actor wrote it (and so may change or delete it). */
  own: boolean;
};

/** At most this many reactions are shown under one thing: the newest, in the order they were written. */
export const REACTIONS_SHOWN = 200;

/**
 * The reactions under a thing, oldest first. When there are more than
 * REACTIONS_SHOWN, the newest REACTIONS_SHOWN (so a new reaction is always
 * on the page), and `more` is true. Reads at most REACTIONS_SHOWN + 1 rows
 * from the index, newest first, and turns them round.
 */
export function listReactions(
  actor: Actor,
  targetType: ReactionTarget,
  targetId: number,
  limit = REACTIONS_SHOWN,
): { rows: ReactionView[]; more: boolean } {
  const rows = getDb()
    .select({
      id: reactions.id,
      body: reactions.body,
      authorId: reactions.authorId,
      authorName: users.displayName,
      authorDeletedAt: users.deletedAt,
      createdAt: reactions.createdAt,
      updatedAt: reactions.updatedAt,
    })
    .from(reactions)
    .leftJoin(users, eq(users.id, reactions.authorId))
    .where(and(eq(reactions.targetType, targetType), eq(reactions.targetId, targetId)))
    .orderBy(desc(reactions.createdAt), desc(reactions.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  return {
    more,
    rows: rows
      .slice(0, limit)
      .reverse()
      .map((row) => ({
        id: row.id,
        body: row.body,
        authorName: row.authorDeletedAt ? null : row.authorName,
        createdAt: row.createdAt,
        edited: row.updatedAt.getTime() - row.createdAt.getTime() > 1000,
        own: canEditReaction(actor, row),
      })),
  };
}

type Refused<R extends string> = { ok: false; reason: R; message?: MessageKey };

/** A signed-in person who is not blocked (a blocked account has no session, but a command checks for itself). */
function activeAuthor(actor: Actor): boolean {
  if (!actor) return false;
  const row = getDb().select({ blockedAt: users.blockedAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, actor.id)).get();
  return !!row && !row.blockedAt && !row.deletedAt;
}

/** Someone signed in reacts under a thing they can see, while reacting is open there. */
export function createReaction(
  actor: Actor,
  target: { type: ReactionTarget; id: number },
  body: string,
  now = new Date(),
): { ok: true; id: number; href: string } | Refused<"not_found" | "closed" | "blocked"> {
  const resolved = resolveReactionTarget(actor, target.type, target.id);
  if (!resolved || !resolved.visible) return { ok: false, reason: "not_found" };
  if (!actor || !activeAuthor(actor)) return { ok: false, reason: "blocked" };
  if (!resolved.open) return { ok: false, reason: "closed", message: "reaction.error.closed" };
  const row = getDb()
    .insert(reactions)
    .values({ targetType: target.type, targetId: target.id, authorId: actor.id, body, createdAt: now, updatedAt: now })
    .returning({ id: reactions.id })
    .get();
  return { ok: true, id: row.id, href: resolved.href };
}

function findReaction(id: number) {
  return getDb().select().from(reactions).where(eq(reactions.id, id)).get();
}

export type OwnReaction = { id: number; body: string; href: string; targetTitle: string; open: boolean };

/** A reaction its author wants to change: 404 when it (or what it hangs under) is gone, 403 when not theirs. */
export function getOwnReaction(actor: Actor, id: number): { ok: true; reaction: OwnReaction } | Refused<"not_found" | "forbidden"> {
  const reaction = findReaction(id);
  if (!reaction) return { ok: false, reason: "not_found" };
  const target = resolveReactionTarget(actor, reaction.targetType, reaction.targetId);
  if (!target) return { ok: false, reason: "not_found" };
  if (!canEditReaction(actor, reaction)) return { ok: false, reason: target.visible ? "forbidden" : "not_found" };
  return {
    ok: true,
    reaction: { id: reaction.id, body: reaction.body, href: target.href, targetTitle: target.title, open: target.open },
  };
}

/** The author changes the text of their reaction, while reacting is still open there. */
export function editReaction(
  actor: Actor,
  id: number,
  body: string,
  now = new Date(),
): { ok: true; href: string } | Refused<"not_found" | "forbidden" | "closed" | "blocked"> {
  const found = getOwnReaction(actor, id);
  if (!found.ok) return found;
  if (!activeAuthor(actor)) return { ok: false, reason: "blocked" };
  if (!found.reaction.open) return { ok: false, reason: "closed", message: "reaction.error.closed" };
  getDb().update(reactions).set({ body, updatedAt: now }).where(eq(reactions.id, id)).run();
  return { ok: true, href: found.reaction.href };
}

/** The author deletes their reaction: always allowed, also when reacting has closed. */
export function deleteReaction(actor: Actor, id: number): { ok: true; href: string } | Refused<"not_found" | "forbidden"> {
  const found = getOwnReaction(actor, id);
  if (!found.ok) return found;
  getDb().delete(reactions).where(and(eq(reactions.id, id), eq(reactions.authorId, actor!.id))).run();
  return { ok: true, href: found.reaction.href };
}
