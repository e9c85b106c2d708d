import { data, Form, useLoaderData } from "react-router";
import type { Route } from "./+types/mail";
import { formatDateTime, useLocale, useT } from "~/i18n";
import { listOutbox, mailPreviewEnabled } from "~/lib/mail.server";
import { Button, Heading, PageTitle, Paragraph, TextField } from "~/ui/components";

/**
 * The mail preview: only while no SMTP server is configured (and never in
 * production unless MAIL_PREVIEW=true), so the demo works end to end.
 */
export function loader({ request }: Route.LoaderArgs) {
  if (!mailPreviewEnabled()) throw data(null, { status: 404 });
  const to = (new URL(request.url).searchParams.get("aan") ?? "").slice(0, 254);
  // Codes arrive here the moment they are sent: never a kept copy (page cache, browser).
  return data({ mails: listOutbox({ to }), to }, { headers: { "Cache-Control": "no-store" } });
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export default function MailPreview() {
  const t = useT();
  const locale = useLocale();
  const { mails, to } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle title={t("mail.title")} />
      <Heading level={1}>{t("mail.title")}</Heading>
      <Paragraph>{t("mail.intro")}</Paragraph>
      <Form method="get" className="vl-search" role="search">
        <TextField name="aan" type="email" label={t("mail.filter")} defaultValue={to} />
        <Button type="submit" variant="secondary">
          {t("accounts.searchSubmit")}
        </Button>
      </Form>
      {mails.length === 0 ? <Paragraph>{t("mail.empty")}</Paragraph> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="vl-mail" aria-labelledby={`mail-${mail.id}`}>
          <Heading level={2} id={`mail-${mail.id}`}>
            {mail.subject}
          </Heading>
          <dl>
            <dt>{t("mail.to")}</dt>
            <dd>{mail.toAddress}</dd>
            <dt>{t("mail.sentAt")}</dt>
            <dd>{formatDateTime(locale, mail.createdAt)}</dd>
          </dl>
          <pre>{mail.textBody}</pre>
        </article>
      ))}
    </div>
  );
}
