/** Reading the outbox in tests (no SMTP_URL: mail stays in the outbox table). */
import { desc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { outbox } from "#db/schema";

export type OutboxMail = typeof outbox.$inferSelect;

/** Every mail queued to `to`, newest first. */
export function mailsTo(to: string): OutboxMail[] {
  return getDb().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.id)).all();
}

/** The newest mail queued to `to`, or undefined. */
export function latestMailTo(to: string): OutboxMail | undefined {
  return mailsTo(to)[0];
}

/** The 8-digit code in a mail's subject (or, failing that, its body), or null. */
export function extractCode(mail: Pick<OutboxMail, "subject" | "textBody"> | undefined): string | null {
  if (!mail) return null;
  const match = /(?<!\d)(\d{8})(?!\d)/.exec(mail.subject) ?? /(?<!\d)(\d{8})(?!\d)/.exec(mail.textBody);
  return match?.[1] ?? null;
}

/** The code from the newest mail to `to`; throws when there is none. */
export function latestCodeFor(to: string): string {
  const mail = latestMailTo(to);
  const code = extractCode(mail);
  if (!code) throw new Error(`No mail with an 8-digit code to ${to} (latest: ${mail?.subject ?? "none"})`);
  return code;
}
