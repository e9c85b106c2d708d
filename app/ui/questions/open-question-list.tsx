/**
 * A short list of open questions (from listOpenQuestions), for the home page:
 * each links to its question page.
 */
import type { OpenQuestionSummary } from "~/domain/questions/types";
import { useT } from "~/i18n";
import { Heading, Link, Paragraph } from "~/ui/components";

export function OpenQuestionList({
  questions,
  headingLevel = 2,
  title,
}: {
  questions: OpenQuestionSummary[];
  headingLevel?: 2 | 3;
  /** The heading above the list; default "Open vragen". */
  title?: string;
}) {
  const t = useT();
  const headingId = "open-questions-title";
  return (
    <section className="vl-open-questions" aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId}>
        {title ?? t("question.openListTitle")}
      </Heading>
      {questions.length === 0 ? (
        <Paragraph>{t("question.openListNone")}</Paragraph>
      ) : (
        <ul className="vl-open-questions__list">
          {questions.map((question) => (
            <li key={question.id} className="vl-open-questions__item">
              <Link to={`/vragen/${question.id}`} className="vl-open-questions__link">
                {question.prompt}
              </Link>
              <span className="vl-open-questions__meta">
                {t("question.cycleLabel")} {question.cycle.title} · {t(`question.kind.${question.kind}`)} ·{" "}
                {t("question.respondents", { count: question.respondents })}
                {question.answered ? ` · ${t("question.openListAnswered")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
