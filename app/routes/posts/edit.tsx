import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/edit";
import { requireRole } from "~/auth/guards.server";
import { getPostForm, updatePost } from "~/domain/posts/posts.server";
import { postSchema } from "~/domain/posts/schemas";
import { formatDate, useLocale, useT, type MessageKey } from "~/i18n";
import { fail, formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, type ActionFailure } from "~/lib/http.server";
import { Alert, Heading, Link, PageTitle, Paragraph } from "~/ui/components";
import { PostForm, type PostFormButton } from "~/ui/editor/PostForm";
import postsCss from "~/ui/posts.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: postsCss }];

export function loader({ request, params }: Route.LoaderArgs) {
  const { user } = requireRole(request, "projectleider");
  const form = getPostForm(user, params.slug);
  if (!form?.post) throw data(null, { status: 404 });
  return { post: form.post, cycles: form.cycles };
}

const FLASH: Record<string, MessageKey> = {
  published: "post.flash.published",
  unpublished: "post.flash.unpublished",
  draft: "post.flash.draftSaved",
  save: "post.flash.saved",
};

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider");
  const formData = await request.formData();
  const parsed = parseForm(postSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const { intent, ...input } = parsed.data;
  const result = updatePost(user, params.slug, input, intent);
  if (!result.ok) {
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    if (result.reason === "not_found") throw data(null, { status: 404 });
    return data<ActionFailure>({ ...fail({ [result.field ?? "form"]: result.message }, formValues(formData)), vars: result.vars }, { status: 400 });
  }
  const key = FLASH[result.changed ?? (result.status === "draft" ? "draft" : "save")]!;
  throw redirectWithFlash(`/berichten/${result.slug}`, { key });
}

export default function EditPost() {
  const t = useT();
  const locale = useLocale();
  const { post, cycles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {
    title: post.title,
    slug: post.slug,
    cycleId: post.cycleId ? String(post.cycleId) : "",
    body: post.body,
  };
  const buttons: PostFormButton[] =
    post.status === "published"
      ? [
          { intent: "save", label: "post.save", variant: "primary" },
          { intent: "unpublish", label: "post.unpublish", variant: "secondary" },
        ]
      : [
          { intent: "draft", label: "post.saveDraft", variant: "secondary" },
          { intent: "publish", label: "post.publish", variant: "primary" },
        ];
  return (
    <div className="vl-post-edit">
      <PageTitle title={`${t("post.editTitle")}: ${post.title}`} hasErrors={!!result} />
      <Heading level={1}>{t("post.editTitle")}</Heading>
      <Paragraph>
        {t("post.editIntro", { title: post.title })} · <Link to={`/berichten/${post.slug}`}>{t("post.viewPost")}</Link>
      </Paragraph>
      <Alert type={post.status === "published" ? "ok" : "info"}>
        {post.status === "published"
          ? t("post.statusPublished", { date: formatDate(locale, post.publishedAt!) })
          : t(post.publishedAt ? "post.statusDraftWasPublished" : "post.statusDraft")}
      </Alert>
      <PostForm key={post.id} values={values} errors={result?.errors ?? {}} vars={result?.vars} cycles={cycles} editing buttons={buttons} />
    </div>
  );
}
