import { CODE_OF_CONDUCT_VERSION } from "~/domain/moderation/code-of-conduct";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditLog, oneTimeCodes, sessions, users } from "#db/schema";
import { createSession, validateSessionToken } from "~/auth/session.server";
import {
  changePassword,
  changeRole,
  countSessions,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmail,
} from "~/domain/accounts/accounts.server";
import { CODE_LIFETIME_MS, CODE_MAX_ATTEMPTS } from "~/domain/accounts/codes.server";
import { translate } from "~/i18n";
import { clearRateLimits, createUser, strongPassword, uniqueEmail, uniqueIp } from "../support/factories";
import { extractCode, latestCodeFor, latestMailTo, mailsTo } from "../support/mail";

beforeEach(() => {
  clearRateLimits();
});

function userByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email)).get();
}

/** A code different from `code`, so a "wrong code" is never right by chance. */
function otherCode(code: string): string {
  return code === "00000000" ? "11111111" : "00000000";
}

async function signUpNew(options: { email?: string; password?: string; now?: Date } = {}) {
  const email = options.email ?? uniqueEmail("signup");
  const password = options.password ?? strongPassword();
  const result = await signUp(
    { email, password, displayName: "Sanne Bakker", wijk: "Oosterparkwijk", locale: "nl", ip: uniqueIp() },
    options.now,
  );
  expect(result).toEqual({ ok: true });
  return { email, password, code: latestCodeFor(email) };
}

async function signUpVerified() {
  const { email, password, code } = await signUpNew();
  const verified = verifyEmail({ email, code, ip: uniqueIp() });
  if (!verified.ok) throw new Error(`verification failed: ${verified.reason}`);
  return { email, password, token: verified.token, userId: verified.userId };
}

describe("sign-up and email verification", () => {
  it("creates an unverified account and mails an 8-digit code", async () => {
    const { email, code } = await signUpNew();
    const user = userByEmail(email)!;
    expect(user).toBeDefined();
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.role).toBe("bewoner");
    expect(user.wijk).toBe("Oosterparkwijk");
    expect(user.codeOfConductVersion).toBe(CODE_OF_CONDUCT_VERSION);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(code).toMatch(/^\d{8}$/);
    expect(mails[0]!.subject).toBe(translate("nl", "mail.verify.subject", { code }));
    expect(mails[0]!.textBody).toContain(code);

    // Only a hash of the code is stored.
    const row = getDb().select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id)).get()!;
    expect(row.purpose).toBe("verify_email");
    expect(Buffer.from(row.codeHash).toString("utf8")).not.toContain(code);
  });

  it("verifies with the code and signs the person in", async () => {
    const { email, code } = await signUpNew();
    const result = verifyEmail({ email, code, ip: uniqueIp() });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;

    expect(userByEmail(email)!.emailVerifiedAt).toBeInstanceOf(Date);
    const session = validateSessionToken(result.token);
    expect(session).not.toBeNull();
    expect(session!.user).toMatchObject({ id: result.userId, email, displayName: "Sanne Bakker", role: "bewoner" });
  });

  it("refuses a wrong code, and after 5 wrong attempts even the right one", async () => {
    const { email, code } = await signUpNew();
    const wrong = otherCode(code);
    for (let i = 0; i < CODE_MAX_ATTEMPTS; i++) {
      expect(verifyEmail({ email, code: wrong, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "wrong_code" });
    }
    expect(CODE_MAX_ATTEMPTS).toBe(5);
    expect(verifyEmail({ email, code, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "wrong_code" });
    expect(userByEmail(email)!.emailVerifiedAt).toBeNull();
  });

  it("still accepts the right code after fewer than 5 wrong attempts", async () => {
    const { email, code } = await signUpNew();
    for (let i = 0; i < CODE_MAX_ATTEMPTS - 1; i++) {
      expect(verifyEmail({ email, code: otherCode(code), ip: uniqueIp() })).toMatchObject({ reason: "wrong_code" });
    }
    expect(verifyEmail({ email, code, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("does not accept a code twice", async () => {
    const { email, code } = await signUpNew();
    expect(verifyEmail({ email, code, ip: uniqueIp() })).toMatchObject({ ok: true });
    expect(verifyEmail({ email, code, ip: uniqueIp() })).toMatchObject({ ok: false, reason: "wrong_code" });
  });

  it("lets a code expire after 15 minutes", async () => {
    const start = new Date();
    const { email, code } = await signUpNew({ now: start });
    expect(CODE_LIFETIME_MS).toBe(15 * 60_000);
    const expired = verifyEmail({ email, code, ip: uniqueIp() }, new Date(start.getTime() + CODE_LIFETIME_MS));
    expect(expired).toMatchObject({ ok: false, reason: "wrong_code" });
    // The refusal was about time, not the code: a moment earlier it works.
    const inTime = verifyEmail({ email, code, ip: uniqueIp() }, new Date(start.getTime() + CODE_LIFETIME_MS - 1));
    expect(inTime).toMatchObject({ ok: true });
  });

  it("answers the same for an existing verified email, mails 'exists' and keeps the password", async () => {
    const { email, password, userId } = await signUpVerified();
    const before = mailsTo(email).length;

    const again = await signUp({
      email,
      password: strongPassword("overname"),
      displayName: "Iemand Anders",
      wijk: null,
      locale: "nl",
      ip: uniqueIp(),
    });
    expect(again).toEqual({ ok: true });

    const mails = mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]!.subject).toBe(translate("nl", "mail.exists.subject"));
    expect(extractCode(mails[0])).toBeNull();
    // No new code was issued for this account.
    const codes = getDb().select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, userId)).all();
    expect(codes).toHaveLength(1);

    const user = userByEmail(email)!;
    expect(user.displayName).toBe("Sanne Bakker");
    expect(await logIn({ email, password, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("refuses a common password on sign-up, creating nothing", async () => {
    const email = uniqueEmail("common");
    const result = await signUp({
      email,
      password: "Wachtwoord123",
      displayName: "Sanne",
      wijk: null,
      locale: "nl",
      ip: uniqueIp(),
    });
    expect(result).toMatchObject({ ok: false, reason: "password", field: "password", message: "error.passwordCommon" });
    expect(userByEmail(email)).toBeUndefined();
    expect(mailsTo(email)).toHaveLength(0);
  });
});

describe("logIn", () => {
  it("signs in with the right password", async () => {
    const user = await createUser();
    const result = await logIn({ email: user.email, password: user.password, ip: uniqueIp() });
    expect(result).toMatchObject({ ok: true, locale: "nl" });
    if (!result.ok) return;
    expect(validateSessionToken(result.token)?.user.id).toBe(user.id);
  });

  it("answers alike for a wrong password and an unknown email", async () => {
    const user = await createUser();
    const wrong = await logIn({ email: user.email, password: "niet-het-goede-wachtwoord", ip: uniqueIp() });
    const unknown = await logIn({ email: uniqueEmail("nobody"), password: user.password, ip: uniqueIp() });
    expect(wrong).toMatchObject({ ok: false, reason: "wrong" });
    expect(unknown).toEqual(wrong);
    expect(countSessions(user.id)).toBe(0);
  });

  it("refuses an unverified account and mails a fresh code", async () => {
    const { email, password, code: first } = await signUpNew();
    const result = await logIn({ email, password, ip: uniqueIp() });
    expect(result).toEqual({ ok: false, reason: "unverified" });

    const mails = mailsTo(email);
    expect(mails).toHaveLength(2);
    const second = extractCode(mails[0]);
    expect(second).toMatch(/^\d{8}$/);
    expect(countSessions(userByEmail(email)!.id)).toBe(0);

    // The fresh code replaces the first one: only the newest is still open.
    const codes = getDb()
      .select()
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.userId, userByEmail(email)!.id))
      .orderBy(oneTimeCodes.id)
      .all();
    expect(codes).toHaveLength(2);
    expect(codes[0]!.usedAt).toBeInstanceOf(Date);
    expect(codes[1]!.usedAt).toBeNull();
    expect(first).toMatch(/^\d{8}$/);
    expect(verifyEmail({ email, code: second!, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("refuses the right password of a blocked account", async () => {
    const user = await createUser();
    getDb().update(users).set({ blockedAt: new Date() }).where(eq(users.id, user.id)).run();
    const result = await logIn({ email: user.email, password: user.password, ip: uniqueIp() });
    expect(result).toMatchObject({ ok: false, reason: "blocked" });
    expect(countSessions(user.id)).toBe(0);
  });
});

describe("password reset", () => {
  it("answers ok for an unknown email and sends nothing", () => {
    const email = uniqueEmail("unknown");
    expect(requestPasswordReset({ email, ip: uniqueIp() })).toEqual({ ok: true });
    expect(mailsTo(email)).toHaveLength(0);
  });

  it("mails a reset code to a known email", async () => {
    const user = await createUser();
    expect(requestPasswordReset({ email: user.email, ip: uniqueIp() })).toEqual({ ok: true });
    const mail = latestMailTo(user.email)!;
    const code = extractCode(mail)!;
    expect(code).toMatch(/^\d{8}$/);
    expect(mail.subject).toBe(translate("nl", "mail.reset.subject", { code }));
  });

  it("sets the new password, ends every session and signs in afresh", async () => {
    const user = await createUser();
    const earlier = [createSession(user.id).token, createSession(user.id).token];
    for (const token of earlier) expect(validateSessionToken(token)).not.toBeNull();

    requestPasswordReset({ email: user.email, ip: uniqueIp() });
    const code = latestCodeFor(user.email);
    const newPassword = strongPassword("nieuw");
    const result = await resetPassword({ email: user.email, code, password: newPassword, ip: uniqueIp() });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;

    for (const token of earlier) expect(validateSessionToken(token)).toBeNull();
    expect(validateSessionToken(result.token)?.user.id).toBe(user.id);
    expect(countSessions(user.id)).toBe(1);

    expect(await logIn({ email: user.email, password: user.password, ip: uniqueIp() })).toMatchObject({
      ok: false,
      reason: "wrong",
    });
    expect(await logIn({ email: user.email, password: newPassword, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("refuses a wrong reset code and keeps the old password", async () => {
    const user = await createUser();
    requestPasswordReset({ email: user.email, ip: uniqueIp() });
    const code = latestCodeFor(user.email);
    const result = await resetPassword({
      email: user.email,
      code: otherCode(code),
      password: strongPassword(),
      ip: uniqueIp(),
    });
    expect(result).toMatchObject({ ok: false, reason: "wrong_code" });
    const row = userByEmail(user.email)!;
    expect(await logIn({ email: user.email, password: user.password, ip: uniqueIp() })).toMatchObject({ ok: true });
    expect(row.passwordHash).toBe(userByEmail(user.email)!.passwordHash);
  });

  it("does not take a verify code as a reset code", async () => {
    const { email, code } = await signUpNew();
    const result = await resetPassword({ email, code, password: strongPassword(), ip: uniqueIp() });
    expect(result).toMatchObject({ ok: false, reason: "wrong_code" });
  });
});

describe("changePassword", () => {
  it("ends every session, the current one too, and gives a new one", async () => {
    const user = await createUser();
    const current = createSession(user.id);
    const other = createSession(user.id);
    const newPassword = strongPassword("wissel");

    const result = await changePassword({
      userId: user.id,
      currentPassword: user.password,
      password: newPassword,
    });
    if (!result.ok) throw new Error(`change refused: ${result.reason}`);
    expect(validateSessionToken(current.token)).toBeNull();
    expect(validateSessionToken(other.token)).toBeNull();
    expect(validateSessionToken(result.token)?.user.id).toBe(user.id);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect(await logIn({ email: user.email, password: newPassword, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createUser();
    const current = createSession(user.id);
    const other = createSession(user.id);
    const hashBefore = userByEmail(user.email)!.passwordHash;

    const result = await changePassword({
      userId: user.id,
      currentPassword: "niet-het-goede-wachtwoord",
      password: strongPassword(),
    });
    expect(result).toMatchObject({ ok: false, reason: "wrong", field: "currentPassword" });
    expect(userByEmail(user.email)!.passwordHash).toBe(hashBefore);
    expect(validateSessionToken(current.token)).not.toBeNull();
    expect(validateSessionToken(other.token)).not.toBeNull();
  });

  it("refuses a common new password", async () => {
    const user = await createUser();
    const result = await changePassword({
      userId: user.id,
      currentPassword: user.password,
      password: "password1",
    });
    expect(result).toMatchObject({ ok: false, reason: "password", message: "error.passwordCommon" });
  });
});

describe("changeRole", () => {
  it("lets an administrator change a role: audited and mailed", async () => {
    const admin = await createUser({ role: "beheerder" });
    const target = await createUser({ role: "bewoner", displayName: "Henk Jansen" });

    const result = changeRole(
      { id: admin.id, role: "beheerder" },
      { userId: target.id, role: "ambtenaar", organisation: "Gemeente Groningen" },
    );
    expect(result).toEqual({ ok: true, displayName: "Henk Jansen" });

    const row = userByEmail(target.email)!;
    expect(row.role).toBe("ambtenaar");
    expect(row.organisation).toBe("Gemeente Groningen");

    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, target.id), eq(auditLog.action, "account.role_changed")))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      targetType: "user",
      details: { from: "bewoner", to: "ambtenaar", organisation: "Gemeente Groningen" },
    });

    const mail = latestMailTo(target.email)!;
    expect(mail.subject).toBe(translate("nl", "mail.roleChanged.subject"));
    expect(mail.textBody).toContain(translate("nl", "role.ambtenaar"));
  });

  it("drops the organisation for roles other than ambtenaar", async () => {
    const admin = await createUser({ role: "beheerder" });
    const target = await createUser({ role: "ambtenaar", organisation: "Politie Oost" });
    changeRole({ id: admin.id, role: "beheerder" }, { userId: target.id, role: "projectleider", organisation: "Politie Oost" });
    expect(userByEmail(target.email)).toMatchObject({ role: "projectleider", organisation: null });
  });

  it("refuses an actor who is not an administrator", async () => {
    const actor = await createUser({ role: "projectleider" });
    const target = await createUser();
    const result = changeRole({ id: actor.id, role: "projectleider" }, { userId: target.id, role: "beheerder", organisation: null });
    expect(result).toMatchObject({ ok: false, reason: "forbidden" });
    expect(userByEmail(target.email)!.role).toBe("bewoner");
    expect(getDb().select().from(auditLog).where(eq(auditLog.targetId, target.id)).all()).toHaveLength(0);
    expect(mailsTo(target.email)).toHaveLength(0);

    expect(changeRole(null, { userId: target.id, role: "beheerder", organisation: null })).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
  });

  it("does not let an administrator change their own role", async () => {
    const admin = await createUser({ role: "beheerder" });
    const result = changeRole({ id: admin.id, role: "beheerder" }, { userId: admin.id, role: "bewoner", organisation: null });
    expect(result).toMatchObject({ ok: false, reason: "own_role" });
    expect(userByEmail(admin.email)!.role).toBe("beheerder");
  });

  it("answers not_found for an unknown account", async () => {
    const admin = await createUser({ role: "beheerder" });
    const result = changeRole({ id: admin.id, role: "beheerder" }, { userId: "bestaatniet", role: "bewoner", organisation: null });
    expect(result).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("sessions", () => {
  it("stop working once the account is blocked", async () => {
    const user = await createUser();
    const { token } = createSession(user.id);
    expect(validateSessionToken(token)).not.toBeNull();
    getDb().update(users).set({ blockedAt: new Date() }).where(eq(users.id, user.id)).run();
    expect(validateSessionToken(token)).toBeNull();
    // The session row is gone, so unblocking does not revive it.
    getDb().update(users).set({ blockedAt: null }).where(eq(users.id, user.id)).run();
    expect(validateSessionToken(token)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
  });

  it("refuses a token with a tampered secret", async () => {
    const user = await createUser();
    const { token, id } = createSession(user.id);
    const [, secret] = token.split(".") as [string, string];
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    expect(validateSessionToken(tampered)).toBeNull();
    expect(validateSessionToken(token)).not.toBeNull();
  });

  it("end after a week without activity and write activity at most hourly", async () => {
    const user = await createUser();
    const start = new Date(Date.now() - 60_000);
    const { token, id } = createSession(user.id, start);
    const lastActive = () => getDb().select().from(sessions).where(eq(sessions.id, id)).get()?.lastActiveAt.getTime();

    expect(validateSessionToken(token, new Date(start.getTime() + 30 * 60_000))).not.toBeNull();
    expect(lastActive()).toBe(start.getTime());
    const later = new Date(start.getTime() + 2 * 60 * 60_000);
    expect(validateSessionToken(token, later)).not.toBeNull();
    expect(lastActive()).toBe(later.getTime());

    expect(validateSessionToken(token, new Date(later.getTime() + 7 * 24 * 60 * 60_000))).toBeNull();
    expect(lastActive()).toBeUndefined();
  });
});
