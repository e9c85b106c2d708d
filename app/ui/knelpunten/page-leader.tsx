/**
 * The project leader's box on the knelpunt page: calling it solved (with a
 * public explanation) when the rule allows it, and the way to the escalation
 * form when escalation is possible at all, with the rule's reason otherwise.
 */
import { Form, useNavigation } from "react-router";
import type { KnelpuntPage } from "~/domain/knelpunten/knelpunten.server";
import { KNELPUNT_LIMITS } from "~/domain/knelpunten/policy";
import { useT } from "~/i18n";
import type { FormFailure } from "~/lib/forms";
import { Button, ButtonLink, Heading, Paragraph, TextArea } from "~/ui/components";

export const RESOLVE_EXPLANATION_ID = "opgelost-explanation";

export function LeaderBox({ page, failure }: { page: Pick<KnelpuntPage, "knelpunt" | "can">; failure?: FormFailure | null }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const { can, knelpunt } = page;
  const mine = failure && failure.values.formId === "resolve" ? failure : null;
  return (
    <section className="vl-section vl-kp-leader" aria-labelledby="projectleider-title">
      <Heading level={2} id="projectleider-title">
        {t("knelpuntPage.leaderTitle")}
      </Heading>
      {can.resolve.allowed ? (
        <Form method="post" className="vl-form" noValidate aria-labelledby="opgelost-title">
          <Heading level={3} id="opgelost-title">
            {t("knelpunt.resolveTitle")}
          </Heading>
          <Paragraph>{t("knelpunt.resolveIntro")}</Paragraph>
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="formId" value="resolve" />
          <TextArea
            id={RESOLVE_EXPLANATION_ID}
            name="explanation"
            label={t("knelpunt.field.explanation")}
            description={t("knelpunt.field.explanationDescription")}
            rows={4}
            maxLength={KNELPUNT_LIMITS.explanationMax}
            aria-required="true"
            defaultValue={mine?.values.explanation}
            error={mine?.errors.explanation}
          />
          <div>
            <Button type="submit" disabled={busy}>
              {t("knelpunt.resolve")}
            </Button>
          </div>
        </Form>
      ) : null}
      <div className="vl-kp-leader__escalate">
        <Heading level={3}>{t("knelpuntPage.escalateTitle")}</Heading>
        <Paragraph>{t(can.escalate.message)}</Paragraph>
        {can.escalate.available ? (
          <ButtonLink to={`/knelpunten/${knelpunt.id}/escaleren`} variant="secondary">
            {t("escalation.escalate")}
          </ButtonLink>
        ) : null}
      </div>
    </section>
  );
}
