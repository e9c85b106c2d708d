import { data, redirect } from "react-router";
import type { Route } from "./+types/follow";
import { requireUser } from "~/auth/guards.server";
import { getSession } from "~/auth/session.server";
import { getKnelpuntPage } from "~/domain/knelpunten/knelpunten.server";
import { setFollowing } from "~/domain/notifications/notifications.server";
import { followSchema } from "~/domain/notifications/schemas";
import { parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";

function knelpuntId(params: { id: string }): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw data(null, { status: 404 });
  return id;
}

/** Following has no page of its own: back to the knelpunt. */
export function loader({ params }: Route.LoaderArgs) {
  throw redirect(`/knelpunten/${knelpuntId(params)}`);
}

/** Follow or stop following a knelpunt (a form POST; works without JavaScript). */
export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireUser(request);
  const id = knelpuntId(params);
  const viewer = getSession(request)?.user ?? null;
  if (!getKnelpuntPage(id, viewer ? { id: viewer.id, role: viewer.role } : null)) throw data(null, { status: 404 });
  const parsed = parseForm(followSchema, await request.formData());
  if (!parsed.ok) throw data(null, { status: 400 });
  const following = parsed.data.intent === "follow";
  setFollowing(user.id, id, following);
  throw redirectWithFlash(`/knelpunten/${id}#volgen`, { key: following ? "notify.flash.followed" : "notify.flash.unfollowed" });
}
