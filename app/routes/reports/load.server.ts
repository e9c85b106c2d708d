import { data } from "react-router";
import { getSession } from "~/auth/session.server";
import { getCycleBySlug } from "~/domain/cycles/cycles.server";
import { canViewCycle, canViewReport } from "~/domain/cycles/policy";

/** The cycle of a report route, or a 404 for whoever may not see it. */
export function reportCycle(request: Request, slug: string, what: "report" | "data") {
  const viewer = getSession(request)?.user ?? null;
  const cycle = getCycleBySlug(slug);
  if (!cycle || !canViewCycle(viewer, cycle)) throw data(null, { status: 404 });
  if (what === "report" && !canViewReport(viewer, cycle)) throw data(null, { status: 404 });
  return { cycle, viewer };
}
