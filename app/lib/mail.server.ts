import { and, asc, desc, eq, isNull, lt } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb } from "#db/client.server";
import { outbox } from "#db/schema";
import { config } from "./config.server";

export type Mail = { to: string; subject: string; text: string };

/** Puts a mail in the outbox; it is sent by `deliverPendingMail`. */
export function queueMail(mail: Mail, now = new Date()) {
  getDb()
    .insert(outbox)
    .values({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, createdAt: now })
    .run();
}

let transport: nodemailer.Transporter | undefined;

const MAX_ATTEMPTS = 5;

/**
 * Sends what is waiting in the outbox over SMTP. Without SMTP_URL nothing is
 * sent: the mail stays readable on the mail preview page.
 */
export async function deliverPendingMail(): Promise<number> {
  const { smtpUrl, mailFrom } = config();
  if (!smtpUrl) return 0;
  transport ??= nodemailer.createTransport(smtpUrl);
  const db = getDb();
  const pending = db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lt(outbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outbox.id))
    .limit(20)
    .all();
  let sent = 0;
  for (const mail of pending) {
    try {
      await transport.sendMail({ from: mailFrom, to: mail.toAddress, subject: mail.subject, text: mail.textBody });
      db.update(outbox).set({ sentAt: new Date(), attempts: mail.attempts + 1, lastError: null }).where(eq(outbox.id, mail.id)).run();
      sent++;
    } catch (error) {
      db.update(outbox)
        .set({ attempts: mail.attempts + 1, lastError: String(error).slice(0, 500) })
        .where(eq(outbox.id, mail.id))
        .run();
    }
  }
  return sent;
}

/** The mail preview page exists only when no SMTP server is configured. */
export function mailPreviewEnabled(): boolean {
  const { smtpUrl, production } = config();
  return !smtpUrl && (!production || process.env.MAIL_PREVIEW === "true");
}

export const MAIL_PAGE_SIZE = 30;

/** Mail for the preview page, newest first, optionally for one address. */
export function listOutbox(input: { to?: string }) {
  const db = getDb();
  const to = input.to?.trim().toLowerCase();
  return db
    .select()
    .from(outbox)
    .where(to ? eq(outbox.toAddress, to) : undefined)
    .orderBy(desc(outbox.id))
    .limit(MAIL_PAGE_SIZE)
    .all();
}
