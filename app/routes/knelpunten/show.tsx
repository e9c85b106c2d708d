import { data, useActionData, useFetchers, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/show";
import { requireUser } from "~/auth/guards.server";
import { getSession } from "~/auth/session.server";
import { phaseAllows } from "~/domain/cycles/policy";
import { getKnelpuntPage, knelpuntListedFor, measurePageQuery, resolveKnelpunt, type KnelpuntPage, type MeasureView } from "~/domain/knelpunten/knelpunten.server";
import { resolveSchema } from "~/domain/knelpunten/schemas";
import { fieldWithWords } from "~/domain/knelpunten/wording-field";
import { proposeMeasure } from "~/domain/measures/measures.server";
import { measureSchema } from "~/domain/measures/schemas";
import { createReaction, listReactions } from "~/domain/reactions/reactions.server";
import { reactionSchema } from "~/domain/reactions/schemas";
import { contributionInput } from "~/domain/moderation/gate.server";
import { contributionRefused, isGateRefusal } from "~/domain/moderation/refusal.server";
import { resolveReactionTarget } from "~/domain/reactions/targets.server";
import { getRatingsSection } from "~/domain/ratings/ratings.server";
import { isFollowing } from "~/domain/notifications/notifications.server";
import { FollowBox } from "~/ui/notifications/follow-button";
import { useT, type MessageKey } from "~/i18n";
import { formValues, parseForm, type FieldErrors } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageFrom } from "~/lib/pagination";
import { badForm, invalid, type ActionFailure } from "~/lib/http.server";
import { useRootData } from "~/lib/root-data";
import { ErrorSummary, Heading, Link, PageTitle, Pagination, Paragraph } from "~/ui/components";
import { KnelpuntDescription, KnelpuntHeader } from "~/ui/knelpunten/page-header";
import { LeaderBox, RESOLVE_EXPLANATION_ID } from "~/ui/knelpunten/page-leader";
import { KnelpuntTimeline } from "~/ui/knelpunten/page-timeline";
import { MeasureList, supportFetcherKey } from "~/ui/measures/measure-card";
import { ProposeMeasureForm, isProposeFailure, proposeFieldIds } from "~/ui/measures/propose-form";
import { useShownTitle } from "~/ui/knelpunten/moderated-title";
import { Reactions } from "~/ui/reactions";
import { RatingsSection } from "~/ui/ratings/ratings-section";
import knelpuntCss from "~/ui/knelpunt-page.css?url";
import postsCss from "~/ui/posts.css?url";
import ratingsCss from "~/ui/ratings.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: postsCss },
  { rel: "stylesheet", href: knelpuntCss },
  { rel: "stylesheet", href: ratingsCss },
];

function knelpuntId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) throw data(null, { status: 404 });
  return Number(id);
}

function viewerOf(request: Request) {
  const user = getSession(request)?.user;
  return user ? { id: user.id, role: user.role } : null;
}

export function loader({ request, params }: Route.LoaderArgs) {
  const id = knelpuntId(params);
  const viewer = viewerOf(request);
  const url = new URL(request.url);
  // A page of measures per kind: ?zelf=2, ?overheid=3.
  const page = getKnelpuntPage(id, viewer, { zelf: pageFrom(url, 1000, "zelf"), overheid: pageFrom(url, 1000, "overheid") });
  if (!page) throw data(null, { status: 404 });
  // Reactions hang under the knelpunt (see app/domain/reactions).
  const reactions = listReactions(viewer, "knelpunt", id, { page: pageFrom(url, 10_000, "reacties") });
  return {
    page,
    reactions: reactions.rows,
    moreReactions: reactions.more,
    reactionPage: reactions.page,
    canReact: resolveReactionTarget(viewer, "knelpunt", id)?.open ?? false,
    openForReactions: phaseAllows(page.cycle.phase, "react"),
    viewerIsLeader: viewer?.role === "projectleider",
    // "Voelt het veiliger?" (see app/domain/ratings).
    ratings: getRatingsSection(id, viewer),
    following: viewer ? isFollowing(viewer.id, id) : false,
  };
}

/**
 * On the page itself: proposing a measure (intent "propose", with its kind),
 * calling the knelpunt solved ("resolve") and reacting ("react"). Supports,
 * volunteering and a measure's progress go to /maatregelen/:id. Proposals
 * and reactions pass the moderation gate: a refusal comes back to its form
 * (`values.formId` is the intent), a held text is saved with a flash saying so.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const id = knelpuntId(params);
  const { user } = requireUser(request);
  const actor = { id: user.id, role: user.role };
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "propose") {
    const parsed = parseForm(measureSchema, formData);
    if (!parsed.ok) return badForm(parsed);
    const result = proposeMeasure(actor, id, parsed.data, new Date(), contributionInput(formData));
    if (!result.ok) {
      if (isGateRefusal(result)) {
        const { title, description } = parsed.data;
        return contributionRefused(result, fieldWithWords({ title, description }, "description"), formData);
      }
      if (result.reason === "not_found") throw data(null, { status: 404 });
      if (result.reason === "not_resident" || result.reason === "not_signed_in") throw data(null, { status: 403 });
      return invalid({ form: result.message }, formValues(formData));
    }
    // A new measure is the newest of its kind: on the last page of that kind.
    throw redirectWithFlash(`/knelpunten/${id}${measurePageQuery(id, result.id)}#maatregel-${result.id}`, {
      key: result.held ? "moderation.flash.held" : "knelpuntPage.flash.proposed",
    });
  }

  if (intent === "resolve") {
    const parsed = parseForm(resolveSchema, formData);
    if (!parsed.ok) return badForm(parsed);
    const result = resolveKnelpunt(actor, id, parsed.data);
    if (!result.ok) {
      if (result.reason === "not_found") throw data(null, { status: 404 });
      if (result.reason === "not_project_leader") throw data(null, { status: 403 });
      return invalid({ explanation: result.message }, formValues(formData));
    }
    throw redirectWithFlash(`/knelpunten/${id}`, { key: "knelpunt.resolved" });
  }

  if (intent === "react") {
    // A knelpunt held for someone else is not there for them (nor to react on).
    if (!knelpuntListedFor(actor, id)) throw data(null, { status: 404 });
    const parsed = parseForm(reactionSchema, formData);
    if (!parsed.ok) return badForm(parsed);
    const result = createReaction(actor, { type: "knelpunt", id }, parsed.data.body, new Date(), contributionInput(formData));
    if (!result.ok) {
      if (result.reason === "not_found") throw data(null, { status: 404 });
      if (result.reason === "blocked") throw data(null, { status: 403 });
      if (isGateRefusal(result)) return contributionRefused(result, "body", formData);
      return invalid({ body: result.message ?? "reaction.error.closed" }, formValues(formData));
    }
    throw redirectWithFlash(`/knelpunten/${id}#${result.held ? `reactie-${result.id}` : "reacties"}`, {
      key: result.held ? "moderation.flash.held" : "knelpuntPage.flash.reacted",
    });
  }

  throw data(null, { status: 400 });
}

/** Where each failing field is, for the error summary at the top. */
function errorTargets(failure: ActionFailure | undefined): { errors: FieldErrors; fieldIds: Record<string, string> } | null {
  if (!failure) return null;
  const formId = failure.values.formId;
  if (formId === "resolve") return { errors: failure.errors, fieldIds: { explanation: RESOLVE_EXPLANATION_ID } };
  if (formId === "react" || "body" in failure.errors) {
    return { errors: failure.errors, fieldIds: { body: "field-body", acceptCode: "reaction-acceptCode" } };
  }
  const kind = isProposeFailure(failure, "overheid") ? "overheid" : "zelf";
  return { errors: failure.errors, fieldIds: proposeFieldIds(kind) };
}

export default function KnelpuntPageRoute() {
  const t = useT();
  const shownTitle = useShownTitle();
  const signedIn = !!useRootData()?.user;
  const { page, reactions, moreReactions, reactionPage, canReact, openForReactions, viewerIsLeader, ratings, following } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { knelpunt, cycle, can } = page;
  const thresholds = { supportThreshold: cycle.supportThreshold, minVolunteers: cycle.minVolunteers };
  const listProps = { thresholds, knelpuntId: knelpunt.id, viewerIsLeader };
  const summary = errorTargets(failure);
  const escalated = knelpunt.escalatedAt !== null || page.governmentMeasures.length > 0;
  const loginHref = `/inloggen?redirectTo=${encodeURIComponent(`/knelpunten/${knelpunt.id}`)}`;

  return (
    <div className="vl-kp-page">
      <PageTitle title={shownTitle("knelpunt", knelpunt.title, knelpunt.moderation.shown)} hasErrors={!!failure} />
      {summary ? (
        <ErrorSummary errors={summary.errors} fieldIds={summary.fieldIds} labels={{ acceptCode: t("moderation.code.label") }} vars={failure?.vars} />
      ) : null}
      <article aria-labelledby="knelpunt-title">
        <KnelpuntHeader page={page} />
        <FollowBox knelpuntId={knelpunt.id} following={following} signedIn={signedIn} />
        <KnelpuntDescription page={page} />
      </article>

      <KnelpuntTimeline entries={page.timeline} />

      <section className="vl-section vl-kp-measures" aria-labelledby="zelf-title">
        <Heading level={2} id="zelf-title">
          {t("measure.selfHelpTitle")}
        </Heading>
        <Paragraph>{t("knelpuntPage.selfHelpIntro")}</Paragraph>
        <Paragraph className="vl-muted">
          {t("measure.thresholds", { supports: cycle.supportThreshold, volunteers: cycle.minVolunteers })}
        </Paragraph>
        <SupportUsage usage={page.supportUsage} measures={[...page.selfHelpMeasures, ...page.governmentMeasures]} />
        <MeasureList measures={page.selfHelpMeasures} empty="measure.noSelfHelp" {...listProps} />
        <MeasurePages kind="zelf" paging={page.measurePaging.zelf} label={t("knelpuntPage.measurePagesSelfHelp")} />
        {can.proposeSelfHelp.allowed ? (
          <ProposeMeasureForm kind="zelf" failure={failure} />
        ) : (
          <ProposeRefusal permission={can.proposeSelfHelp} lead="knelpuntPage.proposeClosed" loginHref={loginHref} />
        )}
      </section>

      {escalated ? (
        <section className="vl-section vl-kp-measures vl-kp-government" aria-labelledby="overheid-title">
          <Heading level={2} id="overheid-title">
            {t("knelpuntPage.governmentTitle")}
          </Heading>
          <Paragraph>{t("knelpuntPage.governmentIntro")}</Paragraph>
          {knelpunt.fastTrackReason ? (
            <div className="vl-kp-quote">
              <strong>{t("knelpuntPage.fastTrackReason")}</strong> {knelpunt.fastTrackReason}
            </div>
          ) : null}
          {knelpunt.escalationExplanation ? (
            <div className="vl-kp-quote">
              <strong>{t("knelpuntPage.escalationExplanation")}</strong> {knelpunt.escalationExplanation}
            </div>
          ) : null}
          <MeasureList measures={page.governmentMeasures} empty="measure.noGovernment" {...listProps} />
          <MeasurePages kind="overheid" paging={page.measurePaging.overheid} label={t("knelpuntPage.measurePagesGovernment")} />
          {can.proposeGovernment.allowed ? (
            <ProposeMeasureForm kind="overheid" failure={failure} />
          ) : (
            <ProposeRefusal permission={can.proposeGovernment} lead="knelpuntPage.proposeGovernmentClosed" loginHref={loginHref} />
          )}
        </section>
      ) : null}

      <RatingsSection knelpuntId={knelpunt.id} section={ratings} signedIn={signedIn} />

      {viewerIsLeader ? <LeaderBox page={page} failure={failure} /> : null}

      <Reactions
        reactions={reactions}
        more={moreReactions}
        page={reactionPage}
        pageHref={(n) => (n > 1 ? `/knelpunten/${knelpunt.id}?reacties=${n}#reacties` : `/knelpunten/${knelpunt.id}#reacties`)}
        canReact={canReact}
        signedIn={signedIn}
        openForReactions={openForReactions}
        loginHref={`/inloggen?redirectTo=${encodeURIComponent(`/knelpunten/${knelpunt.id}#reacties`)}`}
        error={failure?.errors?.body}
        errorVars={failure?.vars}
        typed={failure?.values?.body}
        failure={failure?.values?.formId === "react" ? failure : null}
      />
    </div>
  );
}

/**
 * "U hebt 3 van de 10 steunstemmen gebruikt": from the page, plus the supports
 * on their way (the measures' fetchers), so it changes with the buttons.
 */
function SupportUsage({ usage, measures }: { usage: KnelpuntPage["supportUsage"]; measures: MeasureView[] }) {
  const t = useT();
  const fetchers = useFetchers();
  if (!usage) return null;
  let used = usage.used;
  for (const measure of measures) {
    const fetcher = fetchers.find((f) => f.key === supportFetcherKey(measure.id));
    const intent = fetcher?.formData?.get("intent");
    if (intent === "support" && !measure.viewerSupports) used += 1;
    if (intent === "withdrawSupport" && measure.viewerSupports) used -= 1;
  }
  return (
    <p className="vl-kp-usage">
      {usage.limit > 0
        ? t("measure.supportsUsed", { used, limit: usage.limit })
        : t("knelpuntPage.supportsUsedNoLimit", { used })}
    </p>
  );
}

function ProposeRefusal({
  permission,
  lead,
  loginHref,
}: {
  permission: KnelpuntPage["can"]["proposeSelfHelp"];
  lead: MessageKey;
  loginHref: string;
}) {
  const t = useT();
  if (permission.allowed) return null;
  return (
    <Paragraph className="vl-kp-refusal">
      {t(lead)} {t(permission.message)}
      {permission.reason === "not_signed_in" ? (
        <>
          {" "}
          <Link to={loginHref}>{t("knelpuntPage.logIn")}</Link>
        </>
      ) : null}
    </Paragraph>
  );
}

/** Earlier and later measures of one kind: ?zelf=N / ?overheid=N, keeping the other kind's page. */
function MeasurePages({ kind, paging, label }: { kind: "zelf" | "overheid"; paging: { page: number; hasNext: boolean }; label: string }) {
  const [searchParams] = useSearchParams();
  const hrefFor = (page: number) => {
    const next = new URLSearchParams(searchParams);
    if (page <= 1) next.delete(kind);
    else next.set(kind, String(page));
    const query = next.toString();
    return `${query ? `?${query}` : "?"}#${kind === "zelf" ? "zelf-title" : "overheid-title"}`;
  };
  return <Pagination page={paging.page} hasNext={paging.hasNext} hrefFor={hrefFor} label={label} />;
}
