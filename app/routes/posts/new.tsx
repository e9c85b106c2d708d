import { data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/new";
import { requireRole } from "~/auth/guards.server";
import { createPost, getPostForm } from "~/domain/posts/posts.server";
import { postSchema } from "~/domain/posts/schemas";
import { useT } from "~/i18n";
import { fail, formValues, parseForm } from "~/lib/forms";
import { redirectWithFlash } from "~/lib/flash.server";
import { badForm, type ActionFailure } from "~/lib/http.server";
import { Heading, PageTitle, Paragraph } from "~/ui/components";
import { PostForm } from "~/ui/editor/PostForm";
import postsCss from "~/ui/posts.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: postsCss }];

export function loader({ request }: Route.LoaderArgs) {
  const { user } = requireRole(request, "projectleider");
  const form = getPostForm(user);
  if (!form) throw data(null, { status: 403 });
  return { cycles: form.cycles };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = requireRole(request, "projectleider");
  const formData = await request.formData();
  const parsed = parseForm(postSchema, formData);
  if (!parsed.ok) return badForm(parsed);
  const { intent, ...input } = parsed.data;
  const result = createPost(user, input, { publish: intent === "publish" });
  if (!result.ok) {
    if (result.reason === "forbidden") throw data(null, { status: 403 });
    return data<ActionFailure>({ ...fail({ [result.field ?? "form"]: result.message }, formValues(formData)), vars: result.vars }, { status: 400 });
  }
  throw redirectWithFlash(`/berichten/${result.slug}`, {
    key: result.status === "published" ? "post.flash.published" : "post.flash.draftSaved",
  });
}

export default function NewPost() {
  const t = useT();
  const { cycles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="vl-post-edit">
      <PageTitle title={t("post.newTitle")} hasErrors={!!result} />
      <Heading level={1}>{t("post.newTitle")}</Heading>
      <Paragraph className="vl-prose">{t("post.newIntro")}</Paragraph>
      <PostForm
        values={result?.values ?? {}}
        errors={result?.errors ?? {}}
        vars={result?.vars}
        cycles={cycles}
        editing={false}
        buttons={[
          { intent: "draft", label: "post.saveDraft", variant: "secondary" },
          { intent: "publish", label: "post.publish", variant: "primary" },
        ]}
      />
    </div>
  );
}
