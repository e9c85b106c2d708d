/**
 * The results of a question: per option the count and percentage as text,
 * with a bar beside it that is only decoration (aria-hidden; an SVG, so it
 * needs no inline style, which the Content-Security-Policy forbids), and the
 * answers to an open question with the author's display name, newest first.
 * Moderation: each answer has the id `antwoord-<id>` (the moderation queue
 * links to it); a held answer (only its author and project leaders get it)
 * shows that it waits, a hidden or flagged one shows the notice instead of
 * its words, and others than the author can flag ("Melden") a visible one.
 */
import type { QuestionCardData, QuestionResults as Results } from "~/domain/questions/types";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { Alert, Heading, Link, Pagination, Paragraph } from "~/ui/components";
import { FlagLink, ModeratedText } from "~/ui/moderation/moderated-text";

type Level = 1 | 2 | 3 | 4;

export function QuestionResults({
  card,
  results,
  level,
  answersHref,
}: {
  card: Pick<QuestionCardData, "id" | "kind" | "status" | "canManage">;
  results: Results;
  /** Heading level of the "results" heading. */
  level: Level;
  /** On the question page: the address of page n of the open answers. Elsewhere: a link to the question page. */
  answersHref?: (page: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const headingId = `question-${card.id}-results`;
  const answersHeadingId = `question-${card.id}-answers`;
  const sub = Math.min(level + 1, 4) as Level;
  return (
    <section className="vl-results" aria-labelledby={headingId}>
      <Heading level={level} id={headingId} className="vl-results__title">
        {t("question.resultsTitle")}
      </Heading>
      {card.status === "open" && card.canManage ? <Alert type="info">{t("question.resultsOpenForLeader")}</Alert> : null}
      <Paragraph className="vl-results__respondents">
        {t("question.resultsRespondents", { count: results.respondents })}
      </Paragraph>
      {card.kind !== "open" ? (
        <>
          <ul className="vl-results__list">
            {results.options.map((option) => (
              <li key={option.id} className="vl-results__item">
                <span className="vl-results__label">{option.label}</span>
                <span className="vl-results__value">
                  {option.count === 1
                    ? t("question.resultsVotesOne", { percent: option.percent })
                    : t("question.resultsVotes", { count: option.count, percent: option.percent })}
                </span>
                <svg
                  className="vl-results__bar"
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                  focusable="false"
                >
                  <rect className="vl-results__track" x="0" y="0" width="100" height="10" />
                  <rect className="vl-results__fill" x="0" y="0" width={option.percent} height="10" />
                </svg>
              </li>
            ))}
          </ul>
          {card.kind === "multiple" && results.respondents > 0 ? (
            <Paragraph className="vl-muted">{t("question.resultsMultipleNote")}</Paragraph>
          ) : null}
        </>
      ) : results.answers ? (
        <section aria-labelledby={answersHeadingId} className="vl-results__answers">
          <Heading level={sub} id={answersHeadingId}>
            {t("question.answersTitle")}
          </Heading>
          {results.answers.rows.length === 0 ? (
            <Paragraph>{t("question.resultsNoAnswers")}</Paragraph>
          ) : (
            <ol className="vl-answers">
              {results.answers.rows.map((answer) => (
                <li key={answer.id} id={`antwoord-${answer.id}`} className="vl-answers__item">
                  <ModeratedText view={answer.moderation}>
                    <p className="vl-answers__text">{answer.text}</p>
                  </ModeratedText>
                  <p className="vl-answers__meta">
                    {t("question.answerBy", {
                      name: answer.authorName ?? t("question.deletedParticipant"),
                      date: formatDateTime(locale, answer.answeredAt),
                    })}
                    {answer.moderation.flaggable ? (
                      <>
                        {" · "}
                        <FlagLink type="answer" id={answer.id} />
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {answersHref ? (
            <Pagination page={results.answers.page} hasNext={results.answers.hasNext} hrefFor={answersHref} />
          ) : results.answers.hasNext ? (
            <Paragraph>
              <Link to={`/vragen/${card.id}`}>{t("question.allAnswers")}</Link>
            </Paragraph>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
