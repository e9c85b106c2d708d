import { data, useLoaderData } from "react-router";
import type { Route } from "./+types/content-page";
import { useT } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { isContentPage, loadContentPage } from "~/lib/content.server";
import { Alert, Heading, PageTitle, RichText } from "~/ui/components";

/** The pages written as Markdown in content/ (CONTENT_PAGES in app/lib/content.server.ts). */
export async function loader({ request, url }: Route.LoaderArgs) {
  // `url`, not `request.url`: a client-side navigation asks for /over.data (v8_passThroughRequests).
  const slug = url.pathname.replace(/^\/+|\/+$/g, "");
  if (!isContentPage(slug)) throw data(null, { status: 404 });
  const locale = getLocale(request);
  const page = await loadContentPage(slug, locale);
  if (!page) throw data(null, { status: 404 });
  return { ...page, fallback: page.locale !== locale };
}

export default function ContentPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  return (
    <article lang={page.fallback ? page.locale : undefined}>
      <PageTitle title={page.title} />
      {page.fallback ? (
        <div lang="en">
          <Alert type="info">{t("content.onlyDutch")}</Alert>
        </div>
      ) : null}
      <Heading level={1}>{page.title}</Heading>
      <RichText html={page.html} />
    </article>
  );
}
