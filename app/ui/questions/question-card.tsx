/**
 * One question: its prompt and explanation, the answer form (for a resident
 * who may answer), or why the viewer cannot answer, the results when the
 * viewer may see them, and for project leaders closing/reopening and the CSV
 * download. The question page uses it, and so can the post and cycle pages:
 * every form posts to /vragen/:id with a hidden `redirectTo`.
 *
 * Without JavaScript the answer form is a plain POST; a refusal then shows on
 * the question page with what was typed. With JavaScript it is sent by a
 * fetcher, so a refusal shows in place on the page that embeds the card.
 *
 * Moderation: the answer form has the code of conduct box and, after the
 * wording check, "Toch plaatsen" (ids per question, so several cards can
 * share a page). The author's own answer shows whether it waits for
 * approval or was hidden.
 */
import { useId } from "react";
import { Form, useFetcher, useNavigation } from "react-router";
import type { QuestionCardData } from "~/domain/questions/types";
import { formatDate, formatDateTime, useLocale, useT, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Alert, Badge, Button, ErrorSummary, Heading, Link, Paragraph, RichText } from "~/ui/components";
import { CodeOfConductField, PostAnyway } from "~/ui/moderation/contribution-fields";
import { ModerationNotice } from "~/ui/moderation/moderated-text";
import { ChoiceGroup, choiceInputId } from "./choice-group";
import { QuestionResults } from "./question-results";

type Level = 1 | 2 | 3;

/** What the answer action returns on a refusal (status 400). */
export type AnswerFormFailure = {
  errors: FieldErrors;
  values: Record<string, string>;
  /** The words the wording check found (for its message). */
  vars?: Record<string, string | number>;
  /** The wording check sent it back: offer "Toch plaatsen". */
  nudge?: boolean;
};

/** The id prefix of the moderation fields of a question's answer form. */
export function questionIdPrefix(card: Pick<QuestionCardData, "id">) {
  return `question-${card.id}`;
}

export function questionFieldIds(card: Pick<QuestionCardData, "id" | "kind" | "options">) {
  const group = `question-${card.id}-option`;
  const first = card.options[0];
  return {
    text: `question-${card.id}-text`,
    group,
    options: first ? choiceInputId(group, String(first.id)) : group,
    acceptCode: `${questionIdPrefix(card)}-acceptCode`,
  };
}

export function QuestionCard({
  card,
  redirectTo,
  headingLevel = 2,
  failure,
  answersHref,
}: {
  card: QuestionCardData;
  /** Where to go after answering, closing or reopening (a path on this site). Default: the question page. */
  redirectTo?: string;
  /** 1 on the question page; 2 or 3 where the card sits inside another page. */
  headingLevel?: Level;
  /** A refusal returned by the answer action after a submit without JavaScript. */
  failure?: AnswerFormFailure | null;
  /** On the question page: the address of page n of the open answers. */
  answersHref?: (page: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const back = redirectTo ?? `/vragen/${card.id}`;
  const sub = (headingLevel + 1) as 2 | 3 | 4;
  return (
    <section className={`vl-question vl-question--level-${headingLevel}`} aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId} className="vl-question__prompt">
        {headingLevel === 1 ? card.prompt : <Link to={`/vragen/${card.id}`}>{card.prompt}</Link>}
      </Heading>
      <p className="vl-question__meta">
        <Badge tone={card.status === "open" ? "info" : "neutral"}>{t(`question.status.${card.status}`)}</Badge>{" "}
        <Badge>{t(`question.kind.${card.kind}`)}</Badge>{" "}
        <span className="vl-question__where">
          {t("question.cycleLabel")} <Link to={`/rondes/${card.cycle.slug}`}>{card.cycle.title}</Link>
          {card.post ? (
            <>
              {" · "}
              {t("question.postLabel")} <Link to={`/berichten/${card.post.slug}`}>{card.post.title}</Link>
            </>
          ) : null}
        </span>
      </p>
      {card.descriptionHtml ? <RichText html={card.descriptionHtml} className="vl-question__description" /> : null}

      {card.canAnswer ? (
        <AnswerForm
          // A fresh form (and fetcher) for another question or after the answer changed.
          key={`${card.id}-${card.myAnswer ? new Date(card.myAnswer.answeredAt).getTime() : 0}`}
          card={card}
          redirectTo={back}
          failure={failure}
        />
      ) : (
        <Refusal card={card} redirectTo={back} />
      )}

      {card.closedAt && card.status === "closed" ? (
        <Paragraph className="vl-muted">{t("question.closedOn", { date: formatDate(locale, card.closedAt) })}</Paragraph>
      ) : null}

      {card.canManage ? <ManageQuestion card={card} redirectTo={back} level={sub} /> : null}

      {card.results ? (
        <QuestionResults card={card} results={card.results} level={sub} answersHref={answersHref} />
      ) : card.status === "open" ? (
        <Paragraph className="vl-muted vl-question__count">{t("question.respondents", { count: card.respondents })}</Paragraph>
      ) : null}
    </section>
  );
}

function AnswerForm({ card, redirectTo, failure }: { card: QuestionCardData; redirectTo: string; failure?: AnswerFormFailure | null }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<AnswerFormFailure>();
  const mine = (value: AnswerFormFailure | null | undefined) =>
    value && value.values?.questionId === String(card.id) ? value : null;
  const shown = mine(fetcher.data) ?? mine(failure);
  const errors = shown?.errors ?? {};
  const ids = questionFieldIds(card);
  const idPrefix = questionIdPrefix(card);
  const refused = shown ? { ok: false as const, ...shown } : null;
  const busy = fetcher.state !== "idle";
  const legend = (
    <>
      {t("question.yourAnswer")}
      <span className="vl-question-sr"> {t("question.yourAnswerFor", { prompt: card.prompt })}</span>
    </>
  );
  const defaultText = shown ? (shown.values.text ?? "") : (card.myAnswer?.text ?? "");
  const defaultOptions = shown
    ? (shown.values.options ?? "").split(",").filter(Boolean)
    : (card.myAnswer?.optionIds.map(String) ?? []);
  return (
    <fetcher.Form
      method="post"
      action={`/vragen/${card.id}`}
      className="vl-form vl-question__form"
      noValidate
    >
      <ErrorSummary
        errors={errors}
        labels={{ acceptCode: t("moderation.code.label") }}
        vars={shown?.vars}
        fieldIds={{ text: ids.text, options: ids.options, acceptCode: ids.acceptCode }}
      />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {card.myAnswer ? (
        <Paragraph className="vl-question__answered">
          {t("question.youAnswered", { date: formatDateTime(locale, card.myAnswer.answeredAt) })}
        </Paragraph>
      ) : null}
      {card.myAnswer ? <ModerationNotice view={card.myAnswer.moderation} /> : null}
      {card.kind === "open" ? (
        <OpenAnswerField card={card} id={ids.text} defaultValue={defaultText} error={errors.text} errorVars={shown?.vars} />
      ) : (
        <ChoiceGroup
          type={card.kind === "single" ? "radio" : "checkbox"}
          id={ids.group}
          name="option"
          legend={legend}
          hint={t(card.kind === "single" ? "question.answerHintSingle" : "question.answerHintMultiple")}
          options={card.options.map((option) => ({ value: String(option.id), label: option.label }))}
          defaultValues={defaultOptions}
          error={errors.options}
        />
      )}
      <CodeOfConductField idPrefix={idPrefix} failure={refused} />
      <div>
        <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
          {t(card.myAnswer ? "question.answerChange" : "question.answerSubmit")}
        </Button>
      </div>
      <PostAnyway idPrefix={idPrefix} failure={refused} busy={busy} />
    </fetcher.Form>
  );
}

/**
 * The answer textarea. Like the shared TextArea, but with an id per question
 * (several questions can share a page) and the question in the label for
 * screen readers, so the answer fields are told apart.
 */
function OpenAnswerField({
  card,
  id,
  defaultValue,
  error,
  errorVars,
}: {
  card: QuestionCardData;
  id: string;
  defaultValue: string;
  error?: MessageKey;
  errorVars?: Record<string, string | number>;
}) {
  const t = useT();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`utrecht-form-field utrecht-form-field--text vl-question__text${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {t("question.yourAnswer")}
          <span className="vl-question-sr"> {t("question.yourAnswerFor", { prompt: card.prompt })}</span>
        </label>
      </div>
      <div className="utrecht-form-field-description" id={hintId}>
        {t("question.answerHintOpen")}
      </div>
      {error ? (
        <p className="utrecht-form-field-error-message" id={errorId}>
          {t(error, errorVars)}
        </p>
      ) : null}
      <div className="utrecht-form-field__input">
        <textarea
          id={id}
          name="text"
          rows={5}
          maxLength={2000}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          className={`utrecht-textarea utrecht-textarea--html-textarea${error ? " utrecht-textarea--invalid" : ""}`}
        />
      </div>
    </div>
  );
}

function Refusal({ card, redirectTo }: { card: QuestionCardData; redirectTo: string }) {
  const t = useT();
  if (!card.refusal) return null;
  const answerText =
    card.myAnswer &&
    (card.myAnswer.text ??
      card.options
        .filter((option) => card.myAnswer!.optionIds.includes(option.id))
        .map((option) => option.label)
        .join("; "));
  return (
    <div className="vl-question__refusal">
      {card.refusalReason === "not_signed_in" ? (
        <Paragraph>
          {t(card.refusal)}{" "}
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("question.logIn")}</Link>
        </Paragraph>
      ) : card.refusalReason === "not_resident" ? (
        <Alert type="info">{t(card.refusal)}</Alert>
      ) : (
        <Paragraph>{t(card.refusal)}</Paragraph>
      )}
      {answerText ? (
        <Paragraph className="vl-question__mine">
          <strong>{t("question.yourAnswerWas")}</strong> {answerText}
        </Paragraph>
      ) : null}
      {card.myAnswer ? <ModerationNotice view={card.myAnswer.moderation} /> : null}
    </div>
  );
}

function ManageQuestion({ card, redirectTo, level }: { card: QuestionCardData; redirectTo: string; level: 2 | 3 | 4 }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const headingId = `question-${card.id}-manage`;
  const closing = card.status === "open";
  return (
    <section className="vl-question__manage" aria-labelledby={headingId}>
      <Heading level={level} id={headingId}>
        {t("question.manageTitle")}
      </Heading>
      <Paragraph>{t(closing ? "question.closeHint" : "question.reopenHint")}</Paragraph>
      <div className="vl-button-group">
        <Form method="post" action={`/vragen/${card.id}`} className="vl-inline-form">
          <input type="hidden" name="intent" value={closing ? "close" : "reopen"} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Button type="submit" variant={closing ? "primary" : "secondary"} disabled={busy}>
            {t(closing ? "question.close" : "question.reopen")}
          </Button>
        </Form>
        <Link to={`/vragen/${card.id}/antwoorden.csv`} reloadDocument>
          {t("question.downloadCsv")}
        </Link>
      </div>
    </section>
  );
}
