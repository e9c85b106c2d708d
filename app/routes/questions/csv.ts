import type { Route } from "./+types/csv";
import { requireRole } from "~/auth/guards.server";
import { exportAnswersCsv } from "~/domain/questions/questions.server";
import { getLocale } from "~/i18n/locale.server";

/** All answers to a question as a CSV download, for project leaders. */
export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireRole(request, "projectleider");
  const id = params.id ?? "";
  if (!/^[1-9]\d{0,9}$/.test(id)) return notFound();
  const result = exportAnswersCsv({ id: user.id, role: user.role }, Number(id), getLocale(request));
  if (!result.ok) {
    if (result.reason === "forbidden") return new Response("Geen toegang.", { status: 403, headers: plain() });
    return notFound();
  }
  return new Response(result.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

function plain() {
  return { "Content-Type": "text/plain; charset=utf-8" };
}

function notFound() {
  return new Response("Niet gevonden.", { status: 404, headers: plain() });
}
