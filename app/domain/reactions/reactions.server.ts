/**
 * Reactions (reageren) under posts, and later knelpunten and measures: plain
 * text, keyed by (targetType, targetId). Reading uses reactions_target_idx.
 */
import { and, desc, eq, ne, or, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { reactions, users, type ReactionTarget } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import { preparedQuery } from "~/lib/prepared-query.server";
import { WRITE } from "~/domain/knelpunten/status.server";
import {
  closeHeldCaseIfReleased,
  gateContribution,
  NO_CONTRIBUTION_INPUT,
  recordContribution,
  stateAfterEdit,
  type ContributionInput,
  type GateRefusal,
} from "~/domain/moderation/gate.server";
import { forgetModeration, heldForOf } from "~/domain/moderation/moderation.server";
import { canModerate } from "~/domain/moderation/policy";
import { reactionCycle } from "~/domain/moderation/targets.server";
import { moderatedView, type ModeratedView } from "~/domain/moderation/view";
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
  /** What the viewer may see of it; `body` is "" when they may not read it. */
  moderation: ModeratedView;
};

/**
 * Held reactions are listed only for their author and moderators; the
 * condition rides along on reactions_target_idx (a held reaction is rare).
 */
function listedBy(actor: Actor): "moderator" | "author" | "visitor" {
  return canModerate(actor) ? "moderator" : actor ? "author" : "visitor";
}

/** A page of reactions for each kind of reader, built once (every page with reactions runs it), values as placeholders. */
function reactionPageQuery(listed: "moderator" | "author" | "visitor") {
  return preparedQuery((db) =>
    db
      .select({
        id: reactions.id,
        body: reactions.body,
        authorId: reactions.authorId,
        authorName: users.displayName,
        authorDeletedAt: users.deletedAt,
        createdAt: reactions.createdAt,
        updatedAt: reactions.updatedAt,
        moderation: reactions.moderation,
        moderationReason: reactions.moderationReason,
      })
      .from(reactions)
      .leftJoin(users, eq(users.id, reactions.authorId))
      .where(
        and(
          eq(reactions.targetType, sql.placeholder("targetType")),
          eq(reactions.targetId, sql.placeholder("targetId")),
          listed === "moderator"
            ? undefined
            : listed === "author"
              ? or(ne(reactions.moderation, "held"), eq(reactions.authorId, sql.placeholder("actorId")))
              : ne(reactions.moderation, "held"),
        ),
      )
      .orderBy(desc(reactions.createdAt), desc(reactions.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  );
}
const reactionPages = { moderator: reactionPageQuery("moderator"), author: reactionPageQuery("author"), visitor: reactionPageQuery("visitor") };

/** At most this many reactions are shown under one thing: the newest, in the order they were written. */
export const REACTIONS_SHOWN = 50;

/**
 * A page of the reactions under a thing, shown oldest first. Page 1 holds
 * the newest REACTIONS_SHOWN (so a new reaction is always on it), page 2 the
 * REACTIONS_SHOWN before those, and so on; `more` says there are older ones.
 * Reads at most REACTIONS_SHOWN + 1 rows from the index after skipping the
 * newer pages, newest first, and turns them round.
 */
export function listReactions(
  actor: Actor,
  targetType: ReactionTarget,
  targetId: number,
  { page = 1, limit = REACTIONS_SHOWN }: { page?: number; limit?: number } = {},
): { rows: ReactionView[]; more: boolean; page: number } {
  const rows = reactionPages[listedBy(actor)]().all({
    targetType,
    targetId,
    actorId: actor?.id ?? null,
    limit: limit + 1,
    offset: (page - 1) * limit,
  });
  const more = rows.length > limit;
  const shown = rows.slice(0, limit).reverse();
  const held = heldForOf("reaction", shown.filter((row) => row.moderation === "held").map((row) => row.id));
  return {
    more,
    page,
    rows: shown.map((row) => {
      const moderation = moderatedView(actor, row, held.get(row.id) ?? null);
      return {
        id: row.id,
        body: moderation.shown ? row.body : "",
        authorName: row.authorDeletedAt ? null : row.authorName,
        createdAt: row.createdAt,
        edited: row.updatedAt.getTime() - row.createdAt.getTime() > 1000,
        own: canEditReaction(actor, row),
        moderation,
      };
    }),
  };
}

type Refused<R extends string> = { ok: false; reason: R; message?: MessageKey };

/** A signed-in person who is not blocked (a blocked account has no session, but a command checks for itself). */
function activeAuthor(actor: Actor): boolean {
  if (!actor) return false;
  const row = getDb().select({ blockedAt: users.blockedAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, actor.id)).get();
  return !!row && !row.blockedAt && !row.deletedAt;
}

/**
 * Someone signed in reacts under a thing they can see, while reacting is open
 * there. The text passes the gate (code of conduct, wording check,
 * screening) in the same transaction; `held` says it waits for a project leader.
 */
export function createReaction(
  actor: Actor,
  target: { type: ReactionTarget; id: number },
  body: string,
  now = new Date(),
  contribution: ContributionInput = NO_CONTRIBUTION_INPUT,
): { ok: true; id: number; href: string; held: boolean } | Refused<"not_found" | "closed" | "blocked"> | GateRefusal {
  const resolved = resolveReactionTarget(actor, target.type, target.id);
  if (!resolved || !resolved.visible) return { ok: false, reason: "not_found" };
  if (!actor || !activeAuthor(actor)) return { ok: false, reason: "blocked" };
  if (!resolved.open) return { ok: false, reason: "closed", message: "reaction.error.closed" };
  return getDb().transaction((tx) => {
    const cycleId = reactionCycle(tx, target.type, target.id);
    const gate = gateContribution(tx, actor, cycleId, [body], contribution);
    if (!gate.ok) return gate;
    const row = tx
      .insert(reactions)
      .values({
        targetType: target.type,
        targetId: target.id,
        authorId: actor.id,
        body,
        moderation: gate.gate.moderation,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: reactions.id })
      .get();
    recordContribution(tx, { actor, target: { type: "reaction", id: row.id }, cycleId, gate: gate.gate, contribution, now });
    return { ok: true as const, id: row.id, href: resolved.href, held: gate.gate.moderation === "held" };
  }, WRITE);
}

function findReaction(id: number) {
  return getDb().select().from(reactions).where(eq(reactions.id, id)).get();
}

export type OwnReaction = { id: number; body: string; href: string; targetTitle: string | null; open: boolean };

/** A reaction its author wants to change: 404 when it (or what it hangs under) is gone, 403 when not theirs. */
export function getOwnReaction(actor: Actor, id: number): { ok: true; reaction: OwnReaction } | Refused<"not_found" | "forbidden"> {
  const reaction = findReaction(id);
  if (!reaction) return { ok: false, reason: "not_found" };
  const target = resolveReactionTarget(actor, reaction.targetType, reaction.targetId);
  if (!target) return { ok: false, reason: "not_found" };
  if (!canEditReaction(actor, reaction)) return { ok: false, reason: target.visible ? "forbidden" : "not_found" };
  return {
    ok: true,
    reaction: { id: reaction.id, body: reaction.body, href: target.href, targetTitle: target.titleShown ? target.title : null, open: target.open },
  };
}

/**
 * The author changes the text of their reaction, while reacting is still
 * open there. The new text passes the gate again; a reaction a moderator hid
 * (or flags hid) stays hidden.
 */
export function editReaction(
  actor: Actor,
  id: number,
  body: string,
  now = new Date(),
  contribution: ContributionInput = NO_CONTRIBUTION_INPUT,
): { ok: true; href: string; held: boolean } | Refused<"not_found" | "forbidden" | "closed" | "blocked"> | GateRefusal {
  const found = getOwnReaction(actor, id);
  if (!found.ok) return found;
  if (!activeAuthor(actor)) return { ok: false, reason: "blocked" };
  if (!found.reaction.open) return { ok: false, reason: "closed", message: "reaction.error.closed" };
  return getDb().transaction((tx) => {
    const current = tx.select().from(reactions).where(eq(reactions.id, id)).get();
    if (!current) return { ok: false as const, reason: "not_found" as const };
    const cycleId = reactionCycle(tx, current.targetType, current.targetId);
    const gate = gateContribution(tx, actor!, cycleId, [body], contribution);
    if (!gate.ok) return gate;
    const state = stateAfterEdit(current.moderation, gate.gate);
    tx.update(reactions).set({ body, moderation: state, updatedAt: now }).where(eq(reactions.id, id)).run();
    const target = { type: "reaction" as const, id };
    if (state === "held") recordContribution(tx, { actor: actor!, target, cycleId, gate: gate.gate, contribution, now });
    else {
      recordContribution(tx, { actor: actor!, target, cycleId, gate: { ...gate.gate, moderation: "visible" }, contribution, now });
      closeHeldCaseIfReleased(tx, target, state, now);
    }
    return { ok: true as const, href: found.reaction.href, held: state === "held" };
  }, WRITE);
}

/** The author deletes their reaction: always allowed, also when reacting has closed. */
export function deleteReaction(actor: Actor, id: number): { ok: true; href: string } | Refused<"not_found" | "forbidden"> {
  const found = getOwnReaction(actor, id);
  if (!found.ok) return found;
  getDb().transaction((tx) => {
    tx.delete(reactions).where(and(eq(reactions.id, id), eq(reactions.authorId, actor!.id))).run();
    // Nothing left to moderate: its flags and case go with it.
    forgetModeration(tx, { type: "reaction", id });
  }, WRITE);
  return { ok: true, href: found.reaction.href };
}
