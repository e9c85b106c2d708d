import type { Route } from "./+types/export";
import { requireUser } from "~/auth/guards.server";
import { exportPersonalData } from "~/domain/accounts/privacy.server";
import { amsterdamDay } from "~/domain/ratings/days";

/** "Mijn gegevens": everything the lab keeps about the signed-in person, as a JSON download. */
export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireUser(request);
  const now = new Date();
  const body = JSON.stringify(exportPersonalData(user.id, now), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mijn-gegevens-veranderlab-${amsterdamDay(now)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
