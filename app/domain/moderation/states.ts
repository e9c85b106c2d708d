/**
 * What readers see of a text a participant wrote:
 * - visible: the text;
 * - held: nobody but its author and project leaders (the wording check or
 *   screening held it until a project leader decides);
 * - flagged: hidden after enough flags, until a project leader decides;
 * - hidden: a project leader hid it; the reason shows in its place.
 */
export const MODERATION_STATES = ["visible", "held", "flagged", "hidden"] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** The texts participants write that are checked, flagged and moderated. */
export const MODERATION_TARGETS = ["knelpunt", "measure", "reaction", "answer"] as const;
export type ModerationTarget = (typeof MODERATION_TARGETS)[number];

/** The catalog key that names each kind of text ("reactie", "maatregel", …). */
export const MODERATION_KIND_KEYS = {
  knelpunt: "moderation.kind.knelpunt",
  measure: "moderation.kind.measure",
  reaction: "moderation.kind.reaction",
  answer: "moderation.kind.answer",
} as const satisfies Record<ModerationTarget, string>;

export const HELD_FOR = ["wording", "screening"] as const;
export type HeldFor = (typeof HELD_FOR)[number];

export const FLAG_REASONS = ["profiling", "accusation", "abuse", "spam", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Whether a viewer sees the words of a text in this state (held texts: only author and moderators). */
export function textShown(state: ModerationState): boolean {
  return state === "visible" || state === "held";
}
