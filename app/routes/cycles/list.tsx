import { useLoaderData } from "react-router";
import type { Route } from "./+types/list";
import { getSession } from "~/auth/session.server";
import { listCycles } from "~/domain/cycles/cycles.server";
import { canManageCycles } from "~/domain/cycles/policy";
import { useT } from "~/i18n";
import { pageFrom } from "~/lib/pagination";
import { Badge, ButtonLink, Heading, Link, PageTitle, Pagination, Paragraph } from "~/ui/components";

export function loader({ request }: Route.LoaderArgs) {
  const viewer = getSession(request)?.user ?? null;
  const page = pageFrom(new URL(request.url));
  const { rows, hasNext } = listCycles(viewer, page);
  return {
    cycles: rows.map((c) => ({ slug: c.slug, title: c.title, theme: c.theme, phase: c.phase })),
    page,
    hasNext,
    manage: canManageCycles(viewer),
  };
}

export default function CycleList() {
  const t = useT();
  const { cycles, page, hasNext, manage } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle title={t("cycle.listTitle")} />
      <Heading level={1}>{t("cycle.listTitle")}</Heading>
      <Paragraph className="vl-prose">{t("cycle.listIntro")}</Paragraph>
      {manage ? (
        <p>
          <ButtonLink to="/rondes/nieuw">{t("cycle.new")}</ButtonLink>
        </p>
      ) : null}
      {cycles.length === 0 ? <Paragraph>{t("cycle.none")}</Paragraph> : null}
      <ul className="vl-cards">
        {cycles.map((cycle) => (
          <li key={cycle.slug}>
            <Badge tone="info">{t(`phase.${cycle.phase}`)}</Badge>
            <Heading level={2} className="utrecht-heading-3">
              <Link to={`/rondes/${cycle.slug}`}>{cycle.title}</Link>
            </Heading>
            <Paragraph>{cycle.theme}</Paragraph>
          </li>
        ))}
      </ul>
      <Pagination page={page} hasNext={hasNext} hrefFor={(n) => `?pagina=${n}`} />
    </div>
  );
}
