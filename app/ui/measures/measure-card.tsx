/**
 * One measure on the knelpunt page: title, description, author, status, exact
 * counts and the thresholds, and the buttons the domain's `can` flags allow.
 *
 * Every form posts to /maatregelen/:id with an `intent` and a hidden
 * `redirectTo`. Without JavaScript that is a plain POST that redirects back
 * with a flash message. With JavaScript, supporting and volunteering go
 * through a fetcher: the count and the button change at once (optimistic,
 * from fetcher.formData), the server's answer then takes over, and the change
 * is announced in a polite live region; a refusal is shown next to the button.
 *
 * Moderation: a held measure (only its author and project leaders get it)
 * shows the notice above its description; a hidden or flagged one shows
 * "Verborgen maatregel" and the notice in place of its words. Others than
 * the author can flag ("Melden") a visible measure.
 */
import { useEffect, useState } from "react";
import { useFetcher, useLocation } from "react-router";
import type { MeasureView } from "~/domain/knelpunten/knelpunten.server";
import { measureStatusMessage } from "~/domain/knelpunten/messages";
import { formatDate, useLocale, useT, type MessageKey, type Translate } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { Badge, Button, Heading, Paragraph, RichText, TextArea } from "~/ui/components";
import { useHydrated } from "~/ui/use-hydrated";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { FlagLink, ModeratedText } from "~/ui/moderation/moderated-text";


/** What /maatregelen/:id answers a fetcher (a plain POST gets a redirect instead). */
export type MeasureActionData =
  | { ok: true; intent: "support" | "withdrawSupport"; changed: boolean; supportCount: number; used: number; limit: number }
  | { ok: true; intent: "volunteer" | "withdrawVolunteer"; changed: boolean; volunteerCount: number }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The page's thresholds (from the cycle). */
export type Thresholds = { supportThreshold: number; minVolunteers: number };

export function measureAnchor(id: number): string {
  return `maatregel-${id}`;
}

export function countText(t: Translate, what: "support" | "volunteer", count: number): string {
  const key: MessageKey =
    what === "support"
      ? count === 1
        ? "knelpuntPage.measure.supportCount.one"
        : "knelpuntPage.measure.supportCount.other"
      : count === 1
        ? "knelpuntPage.measure.volunteerCount.one"
        : "knelpuntPage.measure.volunteerCount.other";
  return t(key, { count });
}

type Fetcher = ReturnType<typeof useFetcher<MeasureActionData>>;

/**
 * The state to show for a toggle (support or volunteer): while a submit is on
 * its way, what it asked for; once the server answered (and the page is being
 * reloaded), the server's count; otherwise the page's data.
 */
function toggleState(
  fetcher: Fetcher,
  on: { intent: string; off: string },
  current: { active: boolean; count: number },
  serverCount: (data: MeasureActionData) => number | null,
): { active: boolean; count: number } {
  const intent = fetcher.formData?.get("intent");
  if (fetcher.state === "idle" || (intent !== on.intent && intent !== on.off)) return current;
  const active = intent === on.intent;
  if (fetcher.state === "loading" && fetcher.data) {
    const count = serverCount(fetcher.data);
    if (count !== null) return { active, count };
  }
  const delta = active === current.active ? 0 : active ? 1 : -1;
  return { active, count: Math.max(0, current.count + delta) };
}

const supportCountOf = (data: MeasureActionData) => (data.ok && "supportCount" in data ? data.supportCount : null);
const volunteerCountOf = (data: MeasureActionData) => (data.ok && "volunteerCount" in data ? data.volunteerCount : null);

/** The optimistic support state of a measure, also used for the page's "x of y supports used". */
export function optimisticSupport(fetcher: Fetcher, measure: Pick<MeasureView, "viewerSupports" | "supportCount">) {
  return toggleState(fetcher, { intent: "support", off: "withdrawSupport" }, { active: measure.viewerSupports, count: measure.supportCount }, supportCountOf);
}

function liveText(t: Translate, data: MeasureActionData | undefined): string {
  if (!data?.ok) return "";
  switch (data.intent) {
    case "support":
      return t("knelpuntPage.live.supported", { count: countText(t, "support", data.supportCount) });
    case "withdrawSupport":
      return t("knelpuntPage.live.withdrawn", { count: countText(t, "support", data.supportCount) });
    case "volunteer":
      return t("knelpuntPage.live.volunteered", { count: countText(t, "volunteer", data.volunteerCount) });
    case "withdrawVolunteer":
      return t("knelpuntPage.live.unvolunteered", { count: countText(t, "volunteer", data.volunteerCount) });
  }
}

function refusalOf(data: MeasureActionData | undefined, state: Fetcher["state"]): MessageKey | null {
  if (state !== "idle" || !data || data.ok) return null;
  return data.errors.form ?? Object.values(data.errors)[0] ?? null;
}

export function MeasureCard({
  measure,
  thresholds,
  knelpuntId,
  viewerIsLeader,
  supportFetcherKey,
}: {
  measure: MeasureView;
  thresholds: Thresholds;
  knelpuntId: number;
  viewerIsLeader: boolean;
  /** The key of this measure's support fetcher, so the page can add up supports in flight. */
  supportFetcherKey: string;
}) {
  const t = useT();
  const locale = useLocale();
  const hydrated = useHydrated();
  const title = useShownTitle()("measure", measure.title, measure.moderation.shown);
  const supportFetcher = useFetcher<MeasureActionData>({ key: supportFetcherKey });
  const volunteerFetcher = useFetcher<MeasureActionData>();
  const anchor = measureAnchor(measure.id);
  // Back to the same page of measures (?zelf=N / ?overheid=N) after a plain POST.
  const back = `/knelpunten/${knelpuntId}${useLocation().search}#${anchor}`;
  const action = `/maatregelen/${measure.id}`;
  const headingId = `${anchor}-title`;
  const selfHelp = measure.kind === "zelf";

  const support = optimisticSupport(supportFetcher, measure);
  const volunteer = toggleState(
    volunteerFetcher,
    { intent: "volunteer", off: "withdrawVolunteer" },
    { active: measure.viewerVolunteers, count: measure.volunteerCount },
    volunteerCountOf,
  );

  const canToggleSupport = support.active ? measure.can.withdrawSupport.allowed : measure.can.support.allowed;
  const canToggleVolunteer = selfHelp && (volunteer.active ? measure.can.withdrawVolunteer.allowed : measure.can.volunteer.allowed);
  const supportBlocked = !support.active && !measure.can.support.allowed && measure.can.support.reason === "limit_reached" ? measure.can.support.message : null;
  const supportRefusal = refusalOf(supportFetcher.data, supportFetcher.state);
  const volunteerRefusal = refusalOf(volunteerFetcher.data, volunteerFetcher.state);
  const forTitle = <span className="vl-visually-hidden"> {t("knelpuntPage.measure.for", { title })}</span>;
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={back} />
      {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
    </>
  );

  const adoptionHint =
    viewerIsLeader && selfHelp && measure.status === "voorgesteld" && !measure.can.adopt.allowed &&
    (measure.can.adopt.reason === "below_support_threshold" || measure.can.adopt.reason === "below_min_volunteers")
      ? measure.can.adopt.message
      : null;

  return (
    <li id={anchor} className={`vl-measure vl-measure--${measure.status}`} tabIndex={-1}>
      <article aria-labelledby={headingId}>
        <div className="vl-measure__head">
          <Heading level={3} id={headingId} className="vl-measure__title">
            {title}
          </Heading>
          <Badge tone={statusTone(measure.status)}>{t(measureStatusMessage(measure.status))}</Badge>
        </div>
        <p className="vl-measure__meta">
          {t("measure.proposedBy", { name: measure.authorName ?? t("knelpunt.deletedParticipant") })}{" "}
          <time dateTime={new Date(measure.createdAt).toISOString()}>
            {t("knelpuntPage.measure.proposedOn", { date: formatDate(locale, measure.createdAt) })}
          </time>
          {measure.completedAt ? (
            <>
              {" · "}
              {t("measure.completedOn", { date: formatDate(locale, measure.completedAt) })}
            </>
          ) : null}
        </p>
        <ModeratedText view={measure.moderation}>
          <RichText html={measure.descriptionHtml} className="vl-measure__description" />
        </ModeratedText>
        {measure.moderation.flaggable ? (
          <p className="vl-measure__flag">
            <FlagLink type="measure" id={measure.id} />
          </p>
        ) : null}
        {measure.status === "niet_doorgegaan" && measure.statusReason ? (
          <div className="vl-measure__reason">
            <strong>{t("knelpuntPage.measure.statusReason")}</strong> {measure.statusReason}
          </div>
        ) : null}

        <p className="vl-measure__counts">
          {selfHelp
            ? t("knelpuntPage.measure.progress", {
                supports: support.count,
                threshold: thresholds.supportThreshold,
                volunteers: volunteer.count,
                minVolunteers: thresholds.minVolunteers,
              })
            : countText(t, "support", support.count)}
        </p>
        {selfHelp && measure.status === "voorgesteld" && measure.thresholdsMet ? (
          <p className="vl-measure__ready">{t("knelpuntPage.measure.thresholdsMet")}</p>
        ) : null}

        {support.active || volunteer.active ? (
          <p className="vl-measure__mine">
            {support.active ? t("measure.youSupport") : null}
            {support.active && volunteer.active ? " " : null}
            {volunteer.active ? t("measure.youVolunteer") : null}
          </p>
        ) : null}

        {canToggleSupport || canToggleVolunteer || supportBlocked ? (
          <div className="vl-measure__actions">
            {canToggleSupport ? (
              <supportFetcher.Form method="post" action={action} className="vl-inline-form">
                {hidden(support.active ? "withdrawSupport" : "support")}
                <Button variant={support.active ? "secondary" : "primary"}>
                  {t(support.active ? "measure.withdrawSupport" : "measure.support")}
                  {forTitle}
                </Button>
              </supportFetcher.Form>
            ) : null}
            {canToggleVolunteer ? (
              <volunteerFetcher.Form method="post" action={action} className="vl-inline-form">
                {hidden(volunteer.active ? "withdrawVolunteer" : "volunteer")}
                <Button variant="secondary">
                  {t(volunteer.active ? "measure.withdrawVolunteer" : "measure.volunteer")}
                  {forTitle}
                </Button>
              </volunteerFetcher.Form>
            ) : null}
            {supportBlocked ? <p className="vl-measure__refusal">{t(supportBlocked)}</p> : null}
          </div>
        ) : null}
        <div aria-live="polite" className="vl-measure__live">
          {supportRefusal ? <p className="vl-measure__refusal">{t(supportRefusal)}</p> : null}
          {volunteerRefusal ? <p className="vl-measure__refusal">{t(volunteerRefusal)}</p> : null}
          <span className="vl-visually-hidden">{supportFetcher.state === "idle" ? liveText(t, supportFetcher.data) : ""}</span>
          <span className="vl-visually-hidden">{volunteerFetcher.state === "idle" ? liveText(t, volunteerFetcher.data) : ""}</span>
        </div>

        {adoptionHint ? (
          <p className="vl-measure__hint">
            {t("knelpuntPage.measure.notYetAdoptable")} {t(adoptionHint)}
          </p>
        ) : null}
        <ManageMeasure measure={measure} action={action} back={back} forTitle={forTitle} />
      </article>
    </li>
  );
}

function statusTone(status: MeasureView["status"]): "neutral" | "info" | "ok" | "warning" {
  switch (status) {
    case "voorgesteld":
      return "info";
    case "aangenomen":
    case "in_uitvoering":
    case "uitgevoerd":
      return "ok";
    case "niet_doorgegaan":
      return "neutral";
  }
}

/**
 * For the project leader (adopt, not going ahead) and the author or project
 * leader (started, carried out). Sent by fetchers, so a refusal shows here;
 * success redirects back with a flash message. Plain POSTs without JavaScript.
 */
function ManageMeasure(props: { measure: MeasureView; action: string; back: string; forTitle: React.ReactNode }) {
  const { can } = props.measure;
  // Most people may do none of this: no fetchers for them (a busy page has 40 cards).
  if (!can.adopt.allowed && !can.abandon.allowed && !can.markStarted.allowed && !can.markDone.allowed) return null;
  return <ManageMeasureForms {...props} />;
}

function ManageMeasureForms({ measure, action, back, forTitle }: { measure: MeasureView; action: string; back: string; forTitle: React.ReactNode }) {
  const t = useT();
  const adopt = useFetcher<MeasureActionData>();
  const abandon = useFetcher<MeasureActionData>();
  const progress = useFetcher<MeasureActionData>();
  const { can } = measure;
  const progressTo = can.markStarted.allowed ? "in_uitvoering" : can.markDone.allowed ? "uitgevoerd" : null;
  const errorsOf = (fetcher: typeof adopt) => (fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {});
  const adoptErrors = errorsOf(adopt);
  const abandonErrors = errorsOf(abandon);
  const progressErrors = errorsOf(progress);
  const busy = (fetcher: typeof adopt) => fetcher.state !== "idle";
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={back} />
    </>
  );
  const anchor = measureAnchor(measure.id);
  return (
    <div className="vl-measure__manage" role="group" aria-label={t("knelpuntPage.measure.manage")}>
      {can.adopt.allowed ? (
        <adopt.Form method="post" action={action} className="vl-measure__manage-form">
          {hidden("adopt")}
          {adoptErrors.form ? <p className="vl-measure__refusal" role="alert">{t(adoptErrors.form)}</p> : null}
          <Button disabled={busy(adopt)}>
            {t("measure.adopt")}
            {forTitle}
          </Button>
        </adopt.Form>
      ) : null}
      {progressTo ? (
        <progress.Form method="post" action={action} className="vl-measure__manage-form" noValidate>
          {hidden("progress")}
          <input type="hidden" name="to" value={progressTo} />
          <p className="vl-measure__manage-title">{t("knelpuntPage.measure.progressTitle")}</p>
          {progressErrors.form ? <p className="vl-measure__refusal" role="alert">{t(progressErrors.form)}</p> : null}
          <TextArea
            id={`${anchor}-note`}
            name="note"
            label={t("measure.field.note")}
            rows={2}
            maxLength={1000}
            error={progressErrors.note ?? progressErrors.to}
          />
          <div>
            <Button variant="secondary" disabled={busy(progress)}>
              {t(progressTo === "in_uitvoering" ? "measure.markStarted" : "measure.markDone")}
              {forTitle}
            </Button>
          </div>
        </progress.Form>
      ) : null}
      {can.abandon.allowed ? (
        <details className="vl-measure__abandon" open={abandonErrors.reason || abandonErrors.form ? true : undefined}>
          <summary>{t("knelpuntPage.measure.abandonOpen")}</summary>
          <abandon.Form method="post" action={action} className="vl-measure__manage-form" noValidate>
            {hidden("abandon")}
            {abandonErrors.form ? <p className="vl-measure__refusal" role="alert">{t(abandonErrors.form)}</p> : null}
            <TextArea
              id={`${anchor}-reason`}
              name="reason"
              label={t("measure.field.reason")}
              rows={3}
              maxLength={1000}
              aria-required="true"
              error={abandonErrors.reason}
            />
            <div>
              <Button variant="danger" disabled={busy(abandon)}>
                {t("measure.abandon")}
                {forTitle}
              </Button>
            </div>
          </abandon.Form>
        </details>
      ) : null}
    </div>
  );
}

/** A list of measures, or the "none yet" text. */
export function MeasureList({
  measures,
  empty,
  ...props
}: {
  measures: MeasureView[];
  empty: MessageKey;
  thresholds: Thresholds;
  knelpuntId: number;
  viewerIsLeader: boolean;
}) {
  const t = useT();
  if (measures.length === 0) return <Paragraph>{t(empty)}</Paragraph>;
  return (
    <ol className="vl-measures">
      {measures.map((measure) => (
        <MeasureCard key={measure.id} measure={measure} supportFetcherKey={supportFetcherKey(measure.id)} {...props} />
      ))}
    </ol>
  );
}

export function supportFetcherKey(measureId: number): string {
  return `measure-support-${measureId}`;
}
