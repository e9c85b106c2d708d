/**
 * What every form that posts a participant's text adds:
 * - <CodeOfConductField> above its button: the code of conduct checkbox, when
 *   the person has not accepted the current version yet;
 * - <PostAnyway> after its button: once the wording check sent the form back
 *   (failure.nudge), a short explanation and a "Toch plaatsen" button that
 *   posts the same form again with postAnyway=1. It comes after the form's
 *   own button so Enter in a field still submits normally. The text itself
 *   stays in its field, with the message next to it.
 */
import { useT } from "~/i18n";
import { useRootData } from "~/lib/root-data";
import type { ActionFailure } from "~/lib/http.server";
import { CODE_OF_CONDUCT_VERSION } from "~/domain/moderation/code-of-conduct";
import { Button, Checkbox, Link, Paragraph } from "~/ui/components";

type Props = {
  /** Unique per form on the page (ids must not repeat). */
  idPrefix: string;
  /** The refused submit of this form, if it was this one. */
  failure?: ActionFailure | null;
};

export function CodeOfConductField({ idPrefix, failure }: Props) {
  const t = useT();
  const user = useRootData()?.user;
  if (!user?.needsCodeOfConduct) return null;
  return (
    <div className="vl-code-of-conduct">
      <Checkbox
        id={`${idPrefix}-acceptCode`}
        name="acceptCode"
        value="1"
        required
        label={t("moderation.code.label")}
        description={
          <>
            {t("moderation.code.hintNew", { version: CODE_OF_CONDUCT_VERSION })}{" "}
            <Link to="/gedragscode" target="_blank">
              {t("moderation.code.link")}
            </Link>
          </>
        }
        error={failure?.errors?.acceptCode}
        defaultChecked={failure?.values?.acceptCode === "1"}
      />
    </div>
  );
}

export function PostAnyway({
  idPrefix,
  failure,
  busy = false,
}: Props & { busy?: boolean }) {
  const t = useT();
  if (!failure?.nudge) return null;
  return (
    <div
      className="vl-nudge"
      role="group"
      aria-labelledby={`${idPrefix}-nudge-title`}
    >
      <p className="vl-nudge__title" id={`${idPrefix}-nudge-title`}>
        <strong>{t("moderation.nudge.title")}</strong>
      </p>
      <Paragraph>{t("moderation.nudge.body")}</Paragraph>
      <Paragraph className="vl-muted">
        {t("moderation.nudge.example")}
      </Paragraph>
      <Button
        type="submit"
        name="postAnyway"
        value="1"
        variant="secondary"
        disabled={busy}
      >
        {t("moderation.nudge.postAnyway")}
      </Button>
    </div>
  );
}
