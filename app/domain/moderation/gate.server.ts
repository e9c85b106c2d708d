/**
 * The gate every text a participant posts goes through (knelpunt, measure,
 * reaction, open answer), in the same transaction as the write:
 *
 * 1. the current code of conduct must be accepted (a checkbox on the form
 *    when someone accepted an older version, or none);
 * 2. the wording check (content/gevoelige-woorden.txt): a match sends the form
 *    back with the text intact; the author rephrases or posts anyway, and then
 *    the text is held until a project leader decides;
 * 3. screening: in a cycle with screening on, a resident a project leader has
 *    not approved yet has their texts held.
 *
 * Staff (project leaders, officials, administrators) write under their own
 * name and role; their texts are not checked or held.
 */
import { and, eq } from "drizzle-orm";
import { cycles, moderationCases, participantApprovals, users } from "#db/schema";
import type { Actor } from "~/domain/cycles/policy";
import type { Tx } from "~/domain/knelpunten/status.server";
import { needsCodeOfConduct } from "./code-of-conduct";
import { recordCodeOfConductAcceptance } from "./code-of-conduct.server";
import type { HeldFor, ModerationState, ModerationTarget } from "./states";
import { findProfilingWords } from "./wording";

/** What the form says besides the text: "post anyway" after the nudge, and acceptance of the code. */
export type ContributionInput = { postAnyway: boolean; acceptCode: boolean };

export const NO_CONTRIBUTION_INPUT: ContributionInput = { postAnyway: false, acceptCode: false };

/** Reads the two fields every contribution form has (see app/ui/moderation/contribution-fields.tsx). */
export function contributionInput(formData: FormData): ContributionInput {
  return { postAnyway: formData.get("postAnyway") === "1", acceptCode: formData.get("acceptCode") === "1" };
}

export type Gate = { moderation: Extract<ModerationState, "visible" | "held">; heldFor: HeldFor | null; words: string[] };

export type GateRefusal =
  | { ok: false; reason: "code_of_conduct" }
  | { ok: false; reason: "wording"; words: string[] };

export type GateResult = { ok: true; gate: Gate } | GateRefusal;

type Db = Pick<Tx, "select" | "insert" | "update">;

/**
 * Decides, before a text is saved, whether it may be saved and whether it is
 * public at once. `cycleId` is the cycle the text belongs to (null for a
 * reaction under a general post: no screening there).
 */
export function gateContribution(
  tx: Db,
  actor: NonNullable<Actor>,
  cycleId: number | null,
  texts: string[],
  input: ContributionInput,
): GateResult {
  const person = tx
    .select({ version: users.codeOfConductVersion })
    .from(users)
    .where(eq(users.id, actor.id))
    .get();
  if (needsCodeOfConduct(person?.version) && !input.acceptCode) return { ok: false, reason: "code_of_conduct" };
  if (actor.role !== "bewoner") return { ok: true, gate: { moderation: "visible", heldFor: null, words: [] } };

  const words = [...new Set(texts.flatMap((text) => findProfilingWords(text)))];
  if (words.length > 0 && !input.postAnyway) return { ok: false, reason: "wording", words };
  if (words.length > 0) return { ok: true, gate: { moderation: "held", heldFor: "wording", words } };
  if (cycleId !== null && awaitsScreening(tx, actor.id, cycleId)) {
    return { ok: true, gate: { moderation: "held", heldFor: "screening", words: [] } };
  }
  return { ok: true, gate: { moderation: "visible", heldFor: null, words: [] } };
}

/** The cycle screens new participants and this one was not approved yet. */
function awaitsScreening(tx: Db, userId: string, cycleId: number): boolean {
  const cycle = tx.select({ screening: cycles.screening }).from(cycles).where(eq(cycles.id, cycleId)).get();
  if (!cycle?.screening) return false;
  const approved = tx
    .select({ userId: participantApprovals.userId })
    .from(participantApprovals)
    .where(eq(participantApprovals.userId, userId))
    .get();
  return !approved;
}

/**
 * After the text is written: stores acceptance of the code (when given) and
 * opens a case for a held text. For an edit, `previous` is the text's state
 * before: a hidden or flagged text stays so (editing does not undo a
 * moderator's decision); otherwise the gate decides again.
 */
export function recordContribution(
  tx: Db,
  input: {
    actor: NonNullable<Actor>;
    target: { type: ModerationTarget; id: number };
    cycleId: number | null;
    gate: Gate;
    contribution: ContributionInput;
    now: Date;
  },
) {
  const { actor, target, cycleId, gate, contribution, now } = input;
  if (contribution.acceptCode) {
    const person = tx.select({ version: users.codeOfConductVersion }).from(users).where(eq(users.id, actor.id)).get();
    if (needsCodeOfConduct(person?.version)) recordCodeOfConductAcceptance(tx, actor.id, now);
  }
  if (gate.moderation !== "held") return;
  tx.insert(moderationCases)
    .values({
      targetType: target.type,
      targetId: target.id,
      authorId: actor.id,
      cycleId,
      state: "held",
      heldFor: gate.heldFor,
      matchedWords: gate.words,
      openFlags: 0,
      open: true,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [moderationCases.targetType, moderationCases.targetId],
      set: { state: "held", heldFor: gate.heldFor, matchedWords: gate.words, open: true, updatedAt: now },
    })
    .run();
}

/** The state an edited text gets: a moderator's hide or the flags' hide stays; otherwise the gate's answer. */
export function stateAfterEdit(previous: ModerationState, gate: Gate): ModerationState {
  if (previous === "hidden" || previous === "flagged") return previous;
  return gate.moderation;
}

/** Whether an edit leaves a case that was open for a held text with nothing to decide (it is visible now). */
export function closeHeldCaseIfReleased(tx: Db, target: { type: ModerationTarget; id: number }, state: ModerationState, now: Date) {
  if (state !== "visible") return;
  tx.update(moderationCases)
    .set({ state: "visible", heldFor: null, open: false, updatedAt: now })
    .where(
      and(
        eq(moderationCases.targetType, target.type),
        eq(moderationCases.targetId, target.id),
        eq(moderationCases.state, "held"),
      ),
    )
    .run();
}
