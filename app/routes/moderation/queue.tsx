import { data, Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/queue";
import { requireRole } from "~/auth/guards.server";
import {
  approveParticipant,
  countOpenCases,
  decide,
  listQueue,
  type QueueItem,
  type QueueTab,
} from "~/domain/moderation/moderation.server";
import { decisionSchema } from "~/domain/moderation/schemas";
import { MODERATION_KIND_KEYS, MODERATION_TARGETS } from "~/domain/moderation/states";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid } from "~/lib/http.server";
import { Badge, Button, ErrorSummary, Heading, Link, PageTitle, Paragraph, TextArea } from "~/ui/components";
import moderationCss from "~/ui/moderation.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: moderationCss }];


/** `na=<time>-<type>-<id>`: where the previous page ended (keyset). */
function parseCursor(value: string | null) {
  const match = /^(\d{1,15})-([a-z]+)-(\d{1,10})$/.exec(value ?? "");
  if (!match || !(MODERATION_TARGETS as readonly string[]).includes(match[2]!)) return null;
  return { at: Number(match[1]), type: match[2]!, id: Number(match[3]) };
}

export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireRole(request, "projectleider", "beheerder");
  const url = new URL(request.url);
  const tab: QueueTab = url.searchParams.get("tab") === "verborgen" ? "hidden" : "open";
  const cursor = parseCursor(url.searchParams.get("na"));
  const page = listQueue(user, tab, cursor);
  if (!page) throw data(null, { status: 403 });
  return {
    tab,
    items: page.items,
    next: page.next ? `${page.next.at}-${page.next.type}-${page.next.id}` : null,
    paged: cursor !== null,
    openCount: countOpenCases(),
  };
}

/** Approve, hide (reason required), restore, or approve the participant; back to the same tab with a message. */
export async function action({ request }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider", "beheerder");
  const formData = await request.formData();
  const parsed = parseForm(decisionSchema, formData);
  const item = { type: String(formData.get("type") ?? ""), id: String(formData.get("id") ?? "") };
  if (!parsed.ok) return badForm({ ...parsed, values: { ...parsed.values, ...item } });
  const { decision, type, id, reason } = parsed.data;
  const back = new URL(request.url).searchParams.get("tab") === "verborgen" ? "/moderatie?tab=verborgen" : "/moderatie";
  if (decision === "approveParticipant") {
    const info = listQueueAuthor(formData);
    if (!info) throw data(null, { status: 400 });
    const result = approveParticipant(user, info);
    if (!result.ok) throw data(null, { status: result.reason === "forbidden" ? 403 : 404 });
    throw redirectWithFlash(back, { key: "moderation.flash.participantApproved", vars: { count: result.released } });
  }
  const result = decide(user, { type, id }, decision, reason);
  if (!result.ok) {
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    if (result.reason === "not_found") throw data(null, { status: 404 });
    return invalid({ reason: result.message ?? "error.badRequest" }, { ...item, reason: reason ?? "" });
  }
  const flash = decision === "hide" ? "moderation.flash.hidden" : decision === "restore" ? "moderation.flash.restored" : "moderation.flash.approved";
  throw redirectWithFlash(back, { key: flash });
}

function listQueueAuthor(formData: FormData): string | null {
  const value = formData.get("authorId");
  return typeof value === "string" && /^[a-z0-9]{1,64}$/.test(value) ? value : null;
}

function reasonFieldId(item: { type: string; id: number | string }) {
  return `reason-${item.type}-${item.id}`;
}

export default function ModerationQueue() {
  const t = useT();
  const { tab, items, next, paged, openCount } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const failedField = failure?.values?.type ? reasonFieldId({ type: failure.values.type, id: failure.values.id ?? "" }) : undefined;
  const tabHref = (name: QueueTab) => (name === "hidden" ? "?tab=verborgen" : "?");
  return (
    <div className="vl-moderation">
      <PageTitle title={t("moderation.queue.title")} hasErrors={!!failure} />
      <Heading level={1}>{t("moderation.queue.title")}</Heading>
      <Paragraph>{t("moderation.queue.intro")}</Paragraph>
      <ErrorSummary errors={failure?.errors} fieldIds={failedField ? { reason: failedField } : undefined} />
      <nav aria-label={t("moderation.queue.tabsLabel")} className="vl-tabs">
        <ul>
          <li>
            <Link to={tabHref("open")} aria-current={tab === "open" ? "page" : undefined}>
              {t("moderation.queue.tabOpen", { count: openCount })}
            </Link>
          </li>
          <li>
            <Link to={tabHref("hidden")} aria-current={tab === "hidden" ? "page" : undefined}>
              {t("moderation.queue.tabHidden")}
            </Link>
          </li>
        </ul>
      </nav>
      {items.length === 0 ? (
        <Paragraph>{t(tab === "open" ? "moderation.queue.empty" : "moderation.queue.emptyHidden")}</Paragraph>
      ) : (
        <ol className="vl-moderation__list">
          {items.map((item) => (
            <li key={`${item.type}-${item.id}`}>
              <QueueEntry item={item} failure={failure?.values?.type === item.type && failure?.values?.id === String(item.id) ? failure : null} />
            </li>
          ))}
        </ol>
      )}
      <p className="vl-moderation__paging">
        {next ? (
          <Link to={`?${new URLSearchParams({ ...(tab === "hidden" ? { tab: "verborgen" } : {}), na: next })}`}>{t("moderation.queue.next")}</Link>
        ) : null}
        {paged ? (
          <>
            {next ? " · " : null}
            <Link to={tabHref(searchParams.get("tab") === "verborgen" ? "hidden" : "open")}>{t("moderation.queue.first")}</Link>
          </>
        ) : null}
      </p>
    </div>
  );
}

function QueueEntry({ item, failure }: { item: QueueItem; failure: { errors: Record<string, string | undefined>; values: Record<string, string> } | null }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const kind = t(MODERATION_KIND_KEYS[item.type]);
  const headingId = `item-${item.type}-${item.id}`;
  const fieldId = reasonFieldId(item);
  const error = failure?.errors?.reason as Parameters<typeof t>[0] | undefined;
  const hidden = item.state === "hidden";
  return (
    <article className="vl-moderation__item" aria-labelledby={headingId}>
      <Heading level={2} id={headingId} className="vl-moderation__title">
        {t("moderation.queue.itemTitle", { kind: kind.charAt(0).toUpperCase() + kind.slice(1), context: item.contextTitle })}
      </Heading>
      <p className="vl-moderation__meta">
        <Badge tone={item.state === "visible" ? "info" : "warning"}>{t(`moderation.queue.state.${item.state}`)}</Badge>{" "}
        {item.author ? (
          item.author.name ? (
            <>
              {t("moderation.queue.by", { name: item.author.name })}
              {item.author.blocked ? ` ${t("moderation.queue.blocked")}` : !item.author.approved && item.heldFor === "screening" ? ` ${t("moderation.queue.newParticipant")}` : null}
            </>
          ) : (
            t("moderation.queue.byDeleted")
          )
        ) : null}
        {" · "}
        <time dateTime={new Date(item.createdAt).toISOString()}>{t("moderation.queue.written", { date: formatDateTime(locale, item.createdAt) })}</time>
        {" · "}
        <Link to={item.href}>{t("moderation.queue.view")}</Link>
      </p>
      {item.state === "held" && item.heldFor === "wording" ? (
        <Paragraph className="vl-moderation__why">{t("moderation.queue.heldWording", { words: item.matchedWords.join(", ") })}</Paragraph>
      ) : null}
      {item.state === "held" && item.heldFor === "screening" ? (
        <Paragraph className="vl-moderation__why">{t("moderation.queue.heldScreening")}</Paragraph>
      ) : null}
      {hidden && item.moderationReason ? (
        <Paragraph className="vl-moderation__why">{t("moderation.queue.hiddenReason", { reason: item.moderationReason })}</Paragraph>
      ) : null}
      <blockquote className="vl-moderation__text">
        {item.title ? (
          <p>
            <strong>{item.title}</strong>
          </p>
        ) : null}
        <p className="vl-pre-line">{item.text}</p>
      </blockquote>
      {item.flags.length > 0 ? (
        <div className="vl-moderation__flags">
          <Heading level={3}>{t("moderation.queue.flags", { count: item.flags.length })}</Heading>
          <ul>
            {item.flags.map((flag, index) => (
              <li key={index}>
                {t(`moderation.flag.reason.${flag.reason}`)}
                {flag.note ? <span className="vl-muted">: “{flag.note}”</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="vl-moderation__decisions" role="group" aria-label={t("moderation.queue.decisionsLabel")}>
        {hidden ? (
          <Form method="post" className="vl-form">
            <Hidden item={item} decision="restore" />
            <TextArea
              id={fieldId}
              name="reason"
              label={t("moderation.queue.restoreReasonLabel")}
              rows={2}
              maxLength={300}
              defaultValue={failure?.values?.reason}
              error={error}
            />
            <Button type="submit" disabled={busy}>
              {t("moderation.queue.restore")}
            </Button>
          </Form>
        ) : (
          <>
            <div className="vl-moderation__approve">
              <Form method="post">
                <Hidden item={item} decision="approve" />
                <Button type="submit" disabled={busy}>
                  {t(item.state === "held" ? "moderation.queue.approve" : "moderation.queue.approveFlagged")}
                </Button>
              </Form>
              {item.state === "held" && item.heldFor === "screening" && item.author && !item.author.approved ? (
                <Form method="post">
                  <Hidden item={item} decision="approveParticipant" />
                  <input type="hidden" name="authorId" value={item.author.id} />
                  <Button type="submit" variant="secondary" disabled={busy} aria-describedby={`${headingId}-participant-hint`}>
                    {t("moderation.queue.approveParticipant")}
                  </Button>
                  <p className="vl-muted" id={`${headingId}-participant-hint`}>
                    {t("moderation.queue.approveParticipantHint")}
                  </p>
                </Form>
              ) : null}
            </div>
            <Form method="post" className="vl-form vl-moderation__hide">
              <Hidden item={item} decision="hide" />
              <TextArea
                id={fieldId}
                name="reason"
                label={t("moderation.queue.reasonLabel")}
                description={t("moderation.queue.reasonHint")}
                rows={2}
                maxLength={300}
                aria-required="true"
                defaultValue={failure?.values?.reason}
                error={error}
              />
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("moderation.queue.hide")}
              </Button>
            </Form>
          </>
        )}
        {item.author?.name ? (
          <p>
            <Link to={`/moderatie/deelnemers/${item.author.id}`}>{t("moderation.queue.participant")}</Link>
          </p>
        ) : null}
      </div>
    </article>
  );
}

function Hidden({ item, decision }: { item: QueueItem; decision: string }) {
  return (
    <>
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="type" value={item.type} />
      <input type="hidden" name="id" value={item.id} />
    </>
  );
}
