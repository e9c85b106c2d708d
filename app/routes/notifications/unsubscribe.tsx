import { data, Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/unsubscribe";
import { unsubscribe } from "~/domain/notifications/notifications.server";
import { verifyUnsubscribeToken } from "~/domain/notifications/tokens.server";
import { useT } from "~/i18n";
import { Alert, Button, Heading, PageTitle, Paragraph } from "~/ui/components";

/**
 * The unsubscribe link in every mail: works without logging in. Opening the
 * link only shows a button (link scanners in mail programs must not
 * unsubscribe anyone); the POST does it.
 */
export function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = verifyUnsubscribeToken(token) !== null;
  return data({ token: valid ? token : "", valid }, { status: valid ? 200 : 400 });
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const userId = verifyUnsubscribeToken(String(formData.get("token") ?? ""));
  if (!userId) return data({ done: false }, { status: 400 });
  unsubscribe(userId);
  return { done: true };
}

export default function Unsubscribe() {
  const t = useT();
  const { token, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="vl-narrow">
      <PageTitle title={t("notify.unsub.title")} hasErrors={!valid || result?.done === false} />
      <Heading level={1}>{t("notify.unsub.title")}</Heading>
      {result?.done ? (
        <Alert type="ok" live>
          {t("notify.unsub.done")}
        </Alert>
      ) : !valid || result?.done === false ? (
        <Alert type="error" live>
          {t("notify.unsub.forged")}
        </Alert>
      ) : (
        <>
          <Paragraph>{t("notify.unsub.intro")}</Paragraph>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <Button type="submit">{t("notify.unsub.submit")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
