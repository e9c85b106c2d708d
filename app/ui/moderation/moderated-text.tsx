/**
 * A participant's text as a reader sees it, by its moderation state:
 * - visible: the text itself;
 * - held: the text, with a notice that it waits for approval (only its author
 *   and project leaders get it from the server at all);
 * - flagged: a notice instead of the text (hidden after enough flags);
 * - hidden: "Verborgen door de moderator: <reason>" instead of the text.
 * The server decides what a viewer may read; loaders send no words of a
 * hidden or flagged text (see moderationView in app/domain/moderation/view.ts).
 */
import type { ReactNode } from "react";
import { useT } from "~/i18n";
import type { ModeratedView } from "~/domain/moderation/view";
import { Link } from "~/ui/components";
import { MODERATION_KIND_KEYS, type ModerationTarget } from "~/domain/moderation/states";

export function ModerationNotice({ view }: { view: ModeratedView }) {
  const t = useT();
  switch (view.state) {
    case "visible":
      return null;
    case "held":
      return (
        <p className="vl-moderation-notice vl-moderation-notice--held">
          {view.heldFor === "screening"
            ? t("moderation.notice.heldScreening")
            : view.heldFor === "wording"
              ? t("moderation.notice.heldWording")
              : t("moderation.notice.heldForModerator")}
        </p>
      );
    case "flagged":
      return <p className="vl-moderation-notice">{t("moderation.notice.flagged")}</p>;
    case "hidden":
      return <p className="vl-moderation-notice">{t("moderation.notice.hidden", { reason: view.reason ?? "" })}</p>;
  }
}

/** The text (children) when it may be read, with the notice for held texts; only the notice otherwise. */
export function ModeratedText({ view, children }: { view: ModeratedView; children: ReactNode }) {
  return (
    <>
      <ModerationNotice view={view} />
      {view.shown ? children : null}
    </>
  );
}


/** "Melden": to the flag page of a text. Shown to people signed in, not on their own text. */
export function FlagLink({ type, id, className }: { type: ModerationTarget; id: number; className?: string }) {
  const t = useT();
  return (
    <Link to={`/melden/${type}/${id}`} className={className ?? "vl-flag-link"} rel="nofollow">
      {t("moderation.flag.link")}
      <span className="vl-visually-hidden"> — {t("moderation.flag.linkLabel", { kind: t(MODERATION_KIND_KEYS[type]) })}</span>
    </Link>
  );
}
