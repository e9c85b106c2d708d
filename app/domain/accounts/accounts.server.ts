import { and, desc, eq, gte, lt, or, sql } from "drizzle-orm";
import { CODE_OF_CONDUCT_VERSION } from "~/domain/moderation/code-of-conduct";
import { recordCodeOfConductAcceptance } from "~/domain/moderation/code-of-conduct.server";
import { getDb } from "#db/client.server";
import { auditLog, sessions, users } from "#db/schema";
import { createSession, invalidateAllSessions } from "~/auth/session.server";
import { generateSecureRandomString } from "~/auth/session";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/auth/password.server";
import { translate, type Locale, type MessageKey } from "~/i18n";
import { config } from "~/lib/config.server";
import { queueMail } from "~/lib/mail.server";
import { LIMITS, clearLimit, hit, hitAll } from "~/lib/rate-limit.server";
import { consumeCode, issueCode } from "./codes.server";
import { passwordProblem } from "./password-policy";
import { canChangeRoleOf, type Actor } from "./policy";
import type { Role } from "./roles";

/** The version of content/gedragscode.md people accept. Raise it when the code changes. */

export type Failure<R extends string = string> = {
  ok: false;
  reason: R;
  field?: string;
  message?: MessageKey;
  retryAfterMs?: number;
};

type RateLimited = Failure<"rate_limited"> & { retryAfterMs: number };

function rateLimited(retryAfterMs: number): RateLimited {
  return { ok: false, reason: "rate_limited", retryAfterMs };
}

function findByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email)).get();
}

function mailCode(user: { email: string | null; displayName: string; locale: Locale }, kind: "verify" | "reset", code: string) {
  if (!user.email) return;
  const { publicUrl } = config();
  const url = kind === "verify" ? `${publicUrl}/verifieren` : `${publicUrl}/wachtwoord-herstellen`;
  queueMail({
    to: user.email,
    subject: translate(user.locale, `mail.${kind}.subject`, { code }),
    text: translate(user.locale, `mail.${kind}.body`, { name: user.displayName, code, url }),
  });
}

export type SignUpRequest = {
  email: string;
  password: string;
  displayName: string;
  wijk: string | null;
  locale: Locale;
  ip: string;
};

/**
 * Sign-up. The answer is the same whether or not the email has an account:
 * a new (or still unconfirmed) account gets a code; an existing account gets a
 * mail that says someone tried.
 */
export async function signUp(input: SignUpRequest, now = new Date()): Promise<{ ok: true } | RateLimited | Failure<"password">> {
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, reason: "password", field: "password", message: problem };
  const limited = hitAll([
    [`signup:ip:${input.ip}`, LIMITS.signUpPerIp],
    [`mail:email:${input.email}`, LIMITS.mailPerEmail],
  ], now.getTime());
  if (!limited.allowed) return rateLimited(limited.retryAfterMs);

  const passwordHash = await hashPassword(input.password);
  const db = getDb();
  const existing = findByEmail(input.email);
  const profile = {
    passwordHash,
    displayName: input.displayName,
    wijk: input.wijk,
    locale: input.locale,
    codeOfConductVersion: CODE_OF_CONDUCT_VERSION,
    codeOfConductAcceptedAt: now,
  };
  if (!existing) {
    const id = generateSecureRandomString();
    db.insert(users).values({ id, email: input.email, role: "bewoner", createdAt: now, ...profile }).run();
    recordCodeOfConductAcceptance(db, id, now);
    mailCode({ email: input.email, displayName: input.displayName, locale: input.locale }, "verify", issueCode(id, "verify_email", now));
  } else if (!existing.emailVerifiedAt) {
    // Nobody proved they own this address yet: the newest sign-up wins.
    db.update(users).set(profile).where(eq(users.id, existing.id)).run();
    recordCodeOfConductAcceptance(db, existing.id, now);
    mailCode({ email: input.email, displayName: input.displayName, locale: input.locale }, "verify", issueCode(existing.id, "verify_email", now));
  } else {
    const { publicUrl } = config();
    queueMail({
      to: input.email,
      subject: translate(existing.locale, "mail.exists.subject"),
      text: translate(existing.locale, "mail.exists.body", {
        name: existing.displayName,
        loginUrl: `${publicUrl}/inloggen`,
        forgotUrl: `${publicUrl}/wachtwoord-vergeten`,
      }),
    });
  }
  return { ok: true };
}

function checkCodeLimits(email: string, ip: string, now: Date): RateLimited | null {
  const limited = hitAll([
    [`verify:email:${email}`, LIMITS.verifyPerEmail],
    [`verify:ip:${ip}`, LIMITS.verifyPerIp],
  ], now.getTime());
  return limited.allowed ? null : rateLimited(limited.retryAfterMs);
}

/** Confirms an email address with the code from the mail, and signs the person in. */
export function verifyEmail(
  input: { email: string; code: string; ip: string },
  now = new Date(),
): { ok: true; token: string; userId: string } | RateLimited | Failure<"wrong_code"> {
  const limited = checkCodeLimits(input.email, input.ip, now);
  if (limited) return limited;
  const user = findByEmail(input.email);
  if (!user || user.emailVerifiedAt || user.blockedAt || !consumeCode(user.id, "verify_email", input.code, now)) {
    return { ok: false, reason: "wrong_code", field: "code", message: "error.codeWrong" };
  }
  getDb().update(users).set({ emailVerifiedAt: now }).where(eq(users.id, user.id)).run();
  const { token } = createSession(user.id, now);
  return { ok: true, token, userId: user.id };
}

/** Sends a fresh code to an unconfirmed account. Answers alike for every address. */
export function resendVerification(input: { email: string; ip: string }, now = new Date()): { ok: true } | RateLimited {
  const limited = hitAll([
    [`mail:email:${input.email}`, LIMITS.mailPerEmail],
    [`mail:ip:${input.ip}`, LIMITS.mailPerIp],
  ], now.getTime());
  if (!limited.allowed) return rateLimited(limited.retryAfterMs);
  const user = findByEmail(input.email);
  if (user && !user.emailVerifiedAt && !user.blockedAt) {
    mailCode(user, "verify", issueCode(user.id, "verify_email", now));
  }
  return { ok: true };
}

/**
 * Test only: with NODE_ENV=test and `VL_TEST_TRACE_PASSWORD_CHECKS=true`, one
 * line per sign-in password check (real or dummy) on stdout, so
 * test/stress/sign-in-abuse.test.ts can count how many checks the limits let
 * through. Silent in every other environment.
 */
function tracePasswordCheck(email: string) {
  const env = process.env; // read at run time, never replaced by the build
  if (env.NODE_ENV === "test" && env.VL_TEST_TRACE_PASSWORD_CHECKS === "true") {
    console.log(`[test] sign-in password check for ${JSON.stringify(email)}`);
  }
}

export async function logIn(
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<{ ok: true; token: string; locale: Locale } | RateLimited | Failure<"wrong" | "unverified" | "blocked">> {
  const perIp = hit(`signin:ip:${input.ip}`, LIMITS.signInPerIp, now.getTime());
  if (!perIp.allowed) return rateLimited(perIp.retryAfterMs);
  // Counted before the (slow) password check, so parallel guesses cannot
  // slip past the limit; a successful sign-in clears the count.
  const accountKey = `signin:fail:${input.email}`;
  const perAccount = hit(accountKey, LIMITS.signInFailuresPerAccount, now.getTime());
  if (!perAccount.allowed) return rateLimited(perAccount.retryAfterMs);

  const user = findByEmail(input.email);
  tracePasswordCheck(input.email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    return { ok: false, reason: "wrong", field: "password", message: "error.loginFailed" };
  }
  if (user.blockedAt) return { ok: false, reason: "blocked", message: "error.accountBlocked" };
  if (!user.emailVerifiedAt) {
    const mail = hit(`mail:email:${input.email}`, LIMITS.mailPerEmail, now.getTime());
    if (mail.allowed) mailCode(user, "verify", issueCode(user.id, "verify_email", now));
    return { ok: false, reason: "unverified" };
  }
  clearLimit(accountKey);
  const { token } = createSession(user.id, now);
  return { ok: true, token, locale: user.locale };
}

/** Sends a reset code when the address has an account. Answers alike for every address. */
export function requestPasswordReset(input: { email: string; ip: string }, now = new Date()): { ok: true } | RateLimited {
  const limited = hitAll([
    [`mail:email:${input.email}`, LIMITS.mailPerEmail],
    [`mail:ip:${input.ip}`, LIMITS.mailPerIp],
  ], now.getTime());
  if (!limited.allowed) return rateLimited(limited.retryAfterMs);
  const user = findByEmail(input.email);
  if (user && !user.blockedAt) mailCode(user, "reset", issueCode(user.id, "reset_password", now));
  return { ok: true };
}

/** Sets a new password with a reset code. Ends every session; signs the person in afresh. */
export async function resetPassword(
  input: { email: string; code: string; password: string; ip: string },
  now = new Date(),
): Promise<{ ok: true; token: string } | RateLimited | Failure<"wrong_code" | "password">> {
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, reason: "password", field: "password", message: problem };
  const limited = checkCodeLimits(input.email, input.ip, now);
  if (limited) return limited;
  const user = findByEmail(input.email);
  if (!user || user.blockedAt || !consumeCode(user.id, "reset_password", input.code, now)) {
    return { ok: false, reason: "wrong_code", field: "code", message: "error.codeWrong" };
  }
  const passwordHash = await hashPassword(input.password);
  getDb()
    .update(users)
    .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now })
    .where(eq(users.id, user.id))
    .run();
  invalidateAllSessions(user.id);
  clearLimit(`signin:fail:${input.email}`);
  const { token } = createSession(user.id, now);
  return { ok: true, token };
}

/**
 * Changes the password. Every session of this person ends, the one used for
 * the change too: its token may have been seen by someone else, so the
 * person continues on a new session (the route sets its cookie).
 */
export async function changePassword(
  input: { userId: string; currentPassword: string; password: string },
  now = new Date(),
): Promise<{ ok: true; token: string } | Failure<"wrong" | "password">> {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, input.userId)).get();
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, reason: "wrong", field: "currentPassword", message: "error.currentPasswordWrong" };
  }
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, reason: "password", field: "password", message: problem };
  const passwordHash = await hashPassword(input.password);
  const token = db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
    return createSession(user.id, now).token;
  });
  return { ok: true, token };
}

export function updateProfile(userId: string, input: { displayName: string; wijk: string | null }) {
  getDb().update(users).set(input).where(eq(users.id, userId)).run();
  return { ok: true as const };
}

export function setLocale(userId: string, locale: Locale) {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export function countSessions(userId: string): number {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .get();
  return row?.n ?? 0;
}

export const ACCOUNTS_PAGE_SIZE = 25;

export type AccountRow = {
  id: string;
  email: string | null;
  displayName: string;
  role: Role;
  organisation: string | null;
  verified: boolean;
  createdAt: Date;
};

/**
 * Accounts for the administrator, newest first, 25 a page. A search matches
 * the start of an email address or of a display name (both indexed).
 */
export function listAccounts(input: { q: string; page: number }): { rows: AccountRow[]; hasNext: boolean } {
  const q = input.q.trim().toLowerCase();
  const end = `${q}\uffff`;
  const where = q
    ? or(
        and(gte(users.email, q), lt(users.email, end)),
        and(gte(sql`lower(${users.displayName})`, q), lt(sql`lower(${users.displayName})`, end)),
      )
    : undefined;
  const rows = getDb()
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      organisation: users.organisation,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(ACCOUNTS_PAGE_SIZE + 1)
    .offset((input.page - 1) * ACCOUNTS_PAGE_SIZE)
    .all();
  return {
    hasNext: rows.length > ACCOUNTS_PAGE_SIZE,
    rows: rows.slice(0, ACCOUNTS_PAGE_SIZE).map(({ emailVerifiedAt, ...row }) => ({ ...row, verified: !!emailVerifiedAt })),
  };
}

/** An administrator gives someone another role. Audited; the person gets a mail. */
export function changeRole(
  actor: Actor,
  input: { userId: string; role: Role; organisation: string | null },
  now = new Date(),
): { ok: true; displayName: string } | Failure<"forbidden" | "not_found" | "own_role"> {
  if (actor && actor.id === input.userId) return { ok: false, reason: "own_role", message: "error.ownRole" };
  if (!canChangeRoleOf(actor, { id: input.userId })) return { ok: false, reason: "forbidden" };
  const db = getDb();
  const target = db.select().from(users).where(eq(users.id, input.userId)).get();
  if (!target || target.deletedAt) return { ok: false, reason: "not_found" };
  const organisation = input.role === "ambtenaar" ? input.organisation : null;
  db.transaction((tx) => {
    tx.update(users).set({ role: input.role, organisation }).where(eq(users.id, target.id)).run();
    tx.insert(auditLog)
      .values({
        actorId: actor!.id,
        action: "account.role_changed",
        targetType: "user",
        targetId: target.id,
        details: { from: target.role, to: input.role, organisation },
        createdAt: now,
      })
      .run();
  });
  if (target.email && target.role !== input.role) {
    queueMail({
      to: target.email,
      subject: translate(target.locale, "mail.roleChanged.subject"),
      text: translate(target.locale, "mail.roleChanged.body", {
        name: target.displayName,
        role: translate(target.locale, `role.${input.role}`),
        url: config().publicUrl,
      }),
    });
  }
  return { ok: true, displayName: target.displayName };
}
