/**
 * Reactions under a post (and later a knelpunt or measure): the list, oldest
 * first, and the form to add one. Plain <Form> POSTs that work without
 * JavaScript; the page's action handles intent "react" and redirects back to
 * `#reacties`.
 */
import { useEffect, useRef } from "react";
import { Form, useLocation, useNavigation } from "react-router";
import { formatDateTime, useLocale, useT, type MessageKey, type Vars } from "~/i18n";
import type { ModeratedView } from "~/domain/moderation/view";
import type { ActionFailure } from "~/lib/http.server";
import { Alert, Button, Heading, Link, Paragraph, TextArea } from "~/ui/components";
import { CodeOfConductField, PostAnyway } from "~/ui/moderation/contribution-fields";
import { FlagLink, ModeratedText } from "~/ui/moderation/moderated-text";

export type ReactionItem = {
  id: number;
  body: string;
  authorName: string | null;
  createdAt: Date;
  edited: boolean;
  own: boolean;
  moderation: ModeratedView;
};

export function Reactions({
  reactions,
  more,
  page,
  pageHref,
  canReact,
  signedIn,
  openForReactions,
  loginHref,
  error,
  errorVars,
  typed,
  failure,
}: {
  reactions: ReactionItem[];
  /** There are older reactions, on page `page + 1`. */
  more: boolean;
  /** 1: the newest; 2: the ones before those; … */
  page: number;
  pageHref: (page: number) => string;
  /** The viewer may react now. */
  canReact: boolean;
  signedIn: boolean;
  /** Reacting is open here for people signed in. */
  openForReactions: boolean;
  loginHref: string;
  /** A refused reaction: the message at the field, and what was typed. */
  error?: MessageKey;
  errorVars?: Vars;
  typed?: string;
  /** The refused reaction itself: for the code of conduct box and "post anyway". */
  failure?: ActionFailure | null;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const busy = useNavigation().state === "submitting";
  const heading = useRef<HTMLHeadingElement>(null);

  // After posting (a redirect to #reacties), bring focus to the reactions
  // so keyboard and screen reader users land where their text now is.
  useEffect(() => {
    if (location.hash === "#reacties") heading.current?.focus();
  }, [location.key, location.hash]);

  return (
    <section id="reacties" className="vl-section vl-reactions" aria-labelledby="reacties-title">
      <Heading level={2} id="reacties-title" ref={heading} tabIndex={-1}>
        {t("reaction.title")}
      </Heading>
      {page > 1 ? (
        <Paragraph className="vl-muted">{t("reaction.olderPage", { page })}</Paragraph>
      ) : more ? (
        <Paragraph className="vl-muted">{t("reaction.more", { count: reactions.length })}</Paragraph>
      ) : null}
      {more || page > 1 ? (
        <nav aria-label={t("reaction.pagesLabel")} className="vl-reaction-pages">
          {more ? <Link to={pageHref(page + 1)}>{t("reaction.older")}</Link> : null}
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("reaction.newer")}</Link> : null}
        </nav>
      ) : null}
      {reactions.length === 0 ? (
        <Paragraph>{t("reaction.none")}</Paragraph>
      ) : (
        <ol className="vl-reaction-list">
          {reactions.map((reaction) => {
            const time = formatDateTime(locale, reaction.createdAt);
            return (
              <li key={reaction.id} id={`reactie-${reaction.id}`} className="vl-reaction">
                <article aria-labelledby={`reactie-${reaction.id}-by`}>
                  <p className="vl-reaction__meta" id={`reactie-${reaction.id}-by`}>
                    <strong>{reaction.authorName ?? t("reaction.unknownAuthor")}</strong>
                    {reaction.own ? <span className="vl-muted"> {t("reaction.you")}</span> : null}
                    <span className="vl-reaction__time">
                      {" · "}
                      <time dateTime={new Date(reaction.createdAt).toISOString()}>{time}</time>
                      {reaction.edited ? ` (${t("reaction.edited")})` : null}
                    </span>
                  </p>
                  <ModeratedText view={reaction.moderation}>
                    <p className="vl-reaction__body">{reaction.body}</p>
                  </ModeratedText>
                  {reaction.own || reaction.moderation.flaggable ? (
                    <p className="vl-reaction__actions">
                      {reaction.own ? (
                        <Link to={`/reacties/${reaction.id}`}>
                          {t("reaction.editLink")}
                          <span className="vl-visually-hidden"> {t("reaction.editLinkHidden", { time })}</span>
                        </Link>
                      ) : (
                        <FlagLink type="reaction" id={reaction.id} />
                      )}
                    </p>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ol>
      )}

      {canReact ? (
        <Form method="post" className="vl-form vl-reaction-form" noValidate key={location.key}>
          <Heading level={3}>{t("reaction.formTitle")}</Heading>
          <input type="hidden" name="intent" value="react" />
          <TextArea
            name="body"
            label={t("reaction.field.body")}
            description={t("reaction.field.bodyDescription")}
            rows={5}
            maxLength={2000}
            aria-required="true"
            defaultValue={typed}
            error={error}
            errorVars={errorVars}
          />
          <CodeOfConductField idPrefix="reaction" failure={failure} />
          <div>
            <Button type="submit" disabled={busy} aria-disabled={busy || undefined}>
              {t("reaction.submit")}
            </Button>
          </div>
          <PostAnyway idPrefix="reaction" failure={failure} busy={busy} />
        </Form>
      ) : !signedIn && openForReactions ? (
        <Paragraph>
          {t("reaction.loginPrompt")
            .split(/\{(login|signup)\}/)
            .map((part, index) =>
              index % 2 === 0 ? (
                part
              ) : (
                <Link key={part} to={part === "login" ? loginHref : "/registreren"}>
                  {t(part === "login" ? "reaction.loginLink" : "reaction.signupLink")}
                </Link>
              ),
            )}
        </Paragraph>
      ) : signedIn ? (
        <Alert type="info">{t("reaction.closed")}</Alert>
      ) : null}
    </section>
  );
}
