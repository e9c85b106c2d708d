import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/rate";
import { requireUser } from "~/auth/guards.server";
import { getSession } from "~/auth/session.server";
import { ratableKnelpunt, rateKnelpunt } from "~/domain/ratings/ratings.server";
import { ratingSchema } from "~/domain/ratings/schemas";
import { useT } from "~/i18n";
import { formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, invalid, isRenderAfterRefusedPost } from "~/lib/http.server";
import { ButtonLink, ErrorSummary, Heading, PageTitle, Paragraph } from "~/ui/components";
import { PlainRatingForm, RATING_FIELD_ID, type RatingActionData } from "~/ui/ratings/rating-form";
import { RATINGS_ANCHOR } from "~/ui/ratings/ratings-section";
import ratingsCss from "~/ui/ratings.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ratingsCss }];

function knelpuntId(params: { id?: string }): number {
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) throw data(null, { status: 404 });
  return Number(id);
}

function viewerOf(request: Request) {
  const user = getSession(request)?.user;
  return user ? { id: user.id, role: user.role } : null;
}

/** The rating lives on the knelpunt page: a GET goes there (404 when it is not there to see). */
export function loader({ request, params }: Route.LoaderArgs) {
  const id = knelpuntId(params);
  const knelpunt = ratableKnelpunt(id, viewerOf(request));
  if (!knelpunt) throw data(null, { status: 404 });
  if (isRenderAfterRefusedPost(request)) return { knelpunt };
  throw redirect(`/knelpunten/${id}#${RATINGS_ANCHOR}`);
}

/**
 * Rates the knelpunt for today (field `score`, 1–5). A fetcher (field
 * `via=fetcher`) gets the result as data; a plain POST is redirected back to
 * the knelpunt page with a flash message. Bad score: 400 with a message at
 * the field; unknown or invisible knelpunt: 404; blocked: 403.
 */
export async function action({ request, params }: Route.ActionArgs) {
  const id = knelpuntId(params);
  const { user } = requireUser(request);
  const formData = await request.formData();
  const viaFetcher = formData.get("via") === "fetcher";
  const parsed = parseForm(ratingSchema, formData);
  if (!parsed.ok) {
    if (!ratableKnelpunt(id, { id: user.id, role: user.role })) throw data(null, { status: 404 });
    return badForm(parsed);
  }
  const result = rateKnelpunt({ id: user.id, role: user.role }, id, parsed.data.score);
  if (!result.ok) {
    if (result.reason === "not_found" || result.reason === "not_visible") throw data(null, { status: 404 });
    if (result.reason === "blocked" || result.reason === "not_signed_in") throw data({ reason: "forbidden" }, { status: 403 });
    return invalid({ score: result.message }, formValues(formData));
  }
  if (viaFetcher) return { ok: true, score: result.score, day: result.day } satisfies RatingActionData;
  throw redirectWithFlash(`/knelpunten/${id}#${RATINGS_ANCHOR}`, { key: "rating.flash.saved", vars: { score: result.score } });
}

/** Shown only after a plain POST (no JavaScript) that was refused: the form again, with the message at the field. */
export default function RatingFailed() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok && "errors" in result ? result : null;
  const knelpunt = loaderData?.knelpunt;
  if (!knelpunt) return null;
  return (
    <div className="vl-narrow">
      <PageTitle title={t("rating.failedTitle")} hasErrors />
      <Heading level={1}>{t("rating.failedTitle")}</Heading>
      <Paragraph>{knelpunt.title ?? t("moderation.hiddenTitle", { kind: t("moderation.kind.knelpunt") })}</Paragraph>
      <ErrorSummary errors={failure?.errors} fieldIds={{ score: `${RATING_FIELD_ID}-1` }} />
      <PlainRatingForm knelpuntId={knelpunt.id} error={failure?.errors.score ?? failure?.errors.form} />
      <ButtonLink to={`/knelpunten/${knelpunt.id}#${RATINGS_ANCHOR}`} variant="secondary">
        {t("rating.backToKnelpunt")}
      </ButtonLink>
    </div>
  );
}
