/**
 * What a loader sends about a text's moderation, for one viewer. Loaders
 * replace the words of a text the viewer may not read by "" before sending
 * (see moderatedView), so a hidden text never reaches the browser.
 */
import type { Actor } from "~/domain/cycles/policy";
import { canModerate, textShownTo } from "./policy";
import type { HeldFor, ModerationState } from "./states";

export type ModeratedView = {
  state: ModerationState;
  /** The viewer may read the words (visible, or held and theirs / they moderate). */
  shown: boolean;
  /** The moderator's public reason (hidden). */
  reason: string | null;
  /** Why it is held: only told to its author and moderators. */
  heldFor: HeldFor | null;
  /** The viewer may flag it (signed in, not theirs, visible). */
  flaggable: boolean;
};

export function moderatedView(
  viewer: Actor,
  row: { moderation: ModerationState; moderationReason: string | null; authorId: string | null },
  heldFor: HeldFor | null = null,
): ModeratedView {
  const shown = textShownTo(viewer, row);
  const own = viewer !== null && row.authorId === viewer.id;
  return {
    state: row.moderation,
    shown,
    reason: row.moderation === "hidden" ? row.moderationReason : null,
    heldFor: row.moderation === "held" && (own || canModerate(viewer)) ? heldFor : null,
    flaggable: viewer !== null && !own && row.moderation === "visible",
  };
}
