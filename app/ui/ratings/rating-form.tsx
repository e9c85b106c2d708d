/**
 * The rating form: a radio group 1–5 in a fieldset with a legend. It posts
 * to /knelpunten/:id/veiligheid. Without JavaScript that is a plain POST
 * that redirects back with a flash message; with JavaScript a fetcher sends
 * it in place and the person's rating changes at once (optimistic).
 */
import { useId } from "react";
import { Form, useFetcher } from "react-router";
import { SCORES } from "~/domain/ratings/scores";
import { useT, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Button } from "~/ui/components";
import { useHydrated } from "~/ui/use-hydrated";

/** What /knelpunten/:id/veiligheid answers a fetcher (a plain POST gets a redirect instead). */
export type RatingActionData = { ok: true; score: number; day: string } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export const ratingFetcherKey = (knelpuntId: number) => `rating-${knelpuntId}`;
export const RATING_FIELD_ID = "rating-score";

export function ratingAction(knelpuntId: number): string {
  return `/knelpunten/${knelpuntId}/veiligheid`;
}

/** The fieldset with the five choices (ids `rating-score-1` … `-5`). */
export function ScoreFieldset({ checked, error }: { checked: number | null; error?: MessageKey }) {
  const t = useT();
  const uid = useId();
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;
  return (
    <div className={`utrecht-form-fieldset vl-rating-fieldset${error ? " utrecht-form-fieldset--invalid" : ""}`}>
      <fieldset
        className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(" ")}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend vl-rating-fieldset__legend">
          {t("rating.legend")}
        </legend>
        <div className="utrecht-form-field-description" id={hintId}>
          {t("rating.hint")}
        </div>
        {error ? (
          <p className="utrecht-form-field-error-message" id={errorId}>
            {t(error)}
          </p>
        ) : null}
        <div className="vl-rating-options">
          {SCORES.map((score) => {
            const id = `${RATING_FIELD_ID}-${score}`;
            return (
              <div key={score} className="utrecht-form-field utrecht-form-field--radio vl-rating-option">
                <div className="utrecht-form-field__input">
                  <input
                    id={id}
                    type="radio"
                    name="score"
                    value={score}
                    defaultChecked={checked === score}
                    className={`utrecht-radio-button utrecht-radio-button--html-input${error ? " utrecht-radio-button--invalid" : ""}`}
                  />
                </div>
                <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                  <label htmlFor={id} className="utrecht-form-label utrecht-form-label--radio">
                    {t(`rating.score.${score}`)}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** On the knelpunt page: through a fetcher once JavaScript runs, a plain form before. */
export function RatingForm({
  knelpuntId,
  todayScore,
}: {
  knelpuntId: number;
  /** Today's score, to pre-select. */
  todayScore: number | null;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const fetcher = useFetcher<RatingActionData>({ key: ratingFetcherKey(knelpuntId) });
  const busy = fetcher.state === "submitting";
  const error = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? (fetcher.data.errors.score ?? fetcher.data.errors.form) : undefined;
  return (
    <fetcher.Form method="post" action={ratingAction(knelpuntId)} className="vl-form vl-rating-form" noValidate>
      <input type="hidden" name="redirectTo" value={`/knelpunten/${knelpuntId}#veiligheid`} />
      {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
      <ScoreFieldset checked={todayScore} error={error} />
      <Button type="submit" disabled={busy}>
        {busy ? t("rating.saving") : t("rating.submit")}
      </Button>
    </fetcher.Form>
  );
}

/** After a refused plain POST: the same fieldset in a plain form, with the message at the field. */
export function PlainRatingForm({ knelpuntId, error }: { knelpuntId: number; error?: MessageKey }) {
  const t = useT();
  return (
    <Form method="post" action={ratingAction(knelpuntId)} className="vl-form vl-rating-form" noValidate>
      <ScoreFieldset checked={null} error={error} />
      <Button type="submit">{t("rating.submit")}</Button>
    </Form>
  );
}
