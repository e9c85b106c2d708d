/**
 * The four kinds of text participants write, seen from moderation: where each
 * lives, who wrote it, which cycle it belongs to, and how to change its
 * `moderation` column. One switch per question, so a fifth kind is added here.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { answers, cycles, knelpunten, measures, posts, questions, reactions } from "#db/schema";
import { canViewCycle, type Actor, type Phase } from "~/domain/cycles/policy";
import type { Tx } from "~/domain/knelpunten/status.server";
import { resolveReactionTarget } from "~/domain/reactions/targets.server";
import type { ModerationState, ModerationTarget } from "./states";

export type ModerationTargetInfo = {
  type: ModerationTarget;
  id: number;
  authorId: string | null;
  cycleId: number | null;
  /** What the text belongs to, for context ("Reactie bij: Donkere fietstunnel"). */
  contextTitle: string;
  /** The page the text is shown on, with an anchor to it. */
  href: string;
  /** The text as its author wrote it (title and description joined for knelpunten and measures). */
  title: string | null;
  text: string;
  moderation: ModerationState;
  moderationReason: string | null;
  /** Whether the actor may see this text's place at all (the page it is on). */
  visibleTo: (actor: Actor) => boolean;
};

type Db = Pick<Tx, "select">;

function cyclePhase(db: Db, cycleId: number): Phase | null {
  return db.select({ phase: cycles.phase }).from(cycles).where(eq(cycles.id, cycleId)).get()?.phase ?? null;
}

function visibleInCycle(phase: Phase | null) {
  return (actor: Actor) => phase !== null && canViewCycle(actor, { phase });
}

export function loadModerationTarget(type: ModerationTarget, id: number, db: Db = getDb()): ModerationTargetInfo | null {
  switch (type) {
    case "knelpunt": {
      const row = db.select().from(knelpunten).where(eq(knelpunten.id, id)).get();
      if (!row) return null;
      return {
        type,
        id,
        authorId: row.reporterId,
        cycleId: row.cycleId,
        contextTitle: row.title,
        href: `/knelpunten/${row.id}`,
        title: row.title,
        text: row.description,
        moderation: row.moderation,
        moderationReason: row.moderationReason,
        visibleTo: visibleInCycle(cyclePhase(db, row.cycleId)),
      };
    }
    case "measure": {
      const row = db
        .select({ measure: measures, knelpuntTitle: knelpunten.title })
        .from(measures)
        .innerJoin(knelpunten, eq(knelpunten.id, measures.knelpuntId))
        .where(eq(measures.id, id))
        .get();
      if (!row) return null;
      return {
        type,
        id,
        authorId: row.measure.authorId,
        cycleId: row.measure.cycleId,
        contextTitle: row.knelpuntTitle,
        href: `/knelpunten/${row.measure.knelpuntId}#maatregel-${row.measure.id}`,
        title: row.measure.title,
        text: row.measure.description,
        moderation: row.measure.moderation,
        moderationReason: row.measure.moderationReason,
        visibleTo: visibleInCycle(cyclePhase(db, row.measure.cycleId)),
      };
    }
    case "reaction": {
      const row = db.select().from(reactions).where(eq(reactions.id, id)).get();
      if (!row) return null;
      // The thing it hangs under decides who sees it; ask as a project leader for the place and title.
      const place = resolveReactionTarget({ id: "", role: "projectleider" }, row.targetType, row.targetId);
      if (!place) return null;
      return {
        type,
        id,
        authorId: row.authorId,
        cycleId: reactionCycle(db, row.targetType, row.targetId),
        contextTitle: place.title,
        href: `${place.href}#reactie-${row.id}`,
        title: null,
        text: row.body,
        moderation: row.moderation,
        moderationReason: row.moderationReason,
        visibleTo: (actor) => resolveReactionTarget(actor, row.targetType, row.targetId)?.visible ?? false,
      };
    }
    case "answer": {
      const row = db
        .select({ answer: answers, prompt: questions.prompt, cycleId: questions.cycleId })
        .from(answers)
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .where(eq(answers.id, id))
        .get();
      if (!row || row.answer.text === null) return null;
      return {
        type,
        id,
        authorId: row.answer.userId,
        cycleId: row.cycleId,
        contextTitle: row.prompt,
        href: `/vragen/${row.answer.questionId}#antwoord-${row.answer.id}`,
        title: null,
        text: row.answer.text,
        moderation: row.answer.moderation,
        moderationReason: row.answer.moderationReason,
        visibleTo: visibleInCycle(cyclePhase(db, row.cycleId)),
      };
    }
  }
}

export function reactionCycle(db: Db, targetType: "post" | "knelpunt" | "measure", targetId: number): number | null {
  if (targetType === "knelpunt") {
    return db.select({ cycleId: knelpunten.cycleId }).from(knelpunten).where(eq(knelpunten.id, targetId)).get()?.cycleId ?? null;
  }
  if (targetType === "measure") {
    return db.select({ cycleId: measures.cycleId }).from(measures).where(eq(measures.id, targetId)).get()?.cycleId ?? null;
  }
  // A post belongs to a cycle or (null) to the lab in general.
  return db.select({ cycleId: posts.cycleId }).from(posts).where(eq(posts.id, targetId)).get()?.cycleId ?? null;
}

/** Sets what readers see of a text; `reason` is shown in its place when hidden. */
export function setModeration(
  tx: Pick<Tx, "update">,
  target: { type: ModerationTarget; id: number },
  state: ModerationState,
  reason: string | null,
) {
  const values = { moderation: state, moderationReason: state === "hidden" ? reason : null };
  switch (target.type) {
    case "knelpunt":
      tx.update(knelpunten).set(values).where(eq(knelpunten.id, target.id)).run();
      return;
    case "measure":
      tx.update(measures).set(values).where(eq(measures.id, target.id)).run();
      return;
    case "reaction":
      tx.update(reactions).set(values).where(eq(reactions.id, target.id)).run();
      return;
    case "answer":
      tx.update(answers).set(values).where(eq(answers.id, target.id)).run();
      return;
  }
}
