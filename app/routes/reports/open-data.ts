import type { Route } from "./+types/open-data";
import { cycleOpenData } from "~/domain/reports/report.server";
import { reportCycle } from "./load.server";

/** The public data of a cycle as JSON (display names only, no personal data). */
export function loader({ request, params }: Route.LoaderArgs) {
  const { cycle } = reportCycle(request, params.slug, "data");
  return new Response(JSON.stringify(cycleOpenData(cycle), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="open-data-${cycle.slug}.json"`,
    },
  });
}
