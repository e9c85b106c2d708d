import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import { logIn, signUp, verifyEmail } from "~/domain/accounts/accounts.server";
import { LIMITS, clearLimit, hit, hitAll, isLimited, minutesToWait } from "~/lib/rate-limit.server";
import { clearRateLimits, createUser, strongPassword, uniqueEmail, uniqueIp } from "../support/factories";
import { mailsTo } from "../support/mail";

beforeEach(() => {
  clearRateLimits();
});

const WINDOW = 60_000;
const limit = { limit: 3, windowMs: WINDOW };

describe("hit", () => {
  it("allows `limit` hits in a window, refuses the next, and allows again after the window", () => {
    const key = `test:${uniqueEmail()}`;
    const t0 = Date.now();
    for (let i = 0; i < limit.limit; i++) expect(hit(key, limit, t0 + i)).toEqual({ allowed: true });

    const refused = hit(key, limit, t0 + 10);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterMs).toBe(WINDOW - 10);

    const stillRefused = hit(key, limit, t0 + WINDOW - 1);
    expect(stillRefused).toEqual({ allowed: false, retryAfterMs: 1 });

    expect(hit(key, limit, t0 + WINDOW)).toEqual({ allowed: true });
    // A new window started: it counts from one again.
    expect(hit(key, limit, t0 + WINDOW + 1)).toEqual({ allowed: true });
    expect(hit(key, limit, t0 + WINDOW + 2)).toEqual({ allowed: true });
    expect(hit(key, limit, t0 + WINDOW + 3).allowed).toBe(false);
  });

  it("counts each key on its own", () => {
    const a = `test:a:${uniqueEmail()}`;
    const b = `test:b:${uniqueEmail()}`;
    const t0 = Date.now();
    for (let i = 0; i <= limit.limit; i++) hit(a, limit, t0);
    expect(hit(a, limit, t0).allowed).toBe(false);
    expect(hit(b, limit, t0)).toEqual({ allowed: true });
  });

  it("isLimited looks without counting; clearLimit starts over", () => {
    const key = `test:${uniqueEmail()}`;
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) expect(isLimited(key, limit, t0)).toEqual({ allowed: true });
    for (let i = 0; i < limit.limit; i++) hit(key, limit, t0);
    expect(isLimited(key, limit, t0 + 1)).toEqual({ allowed: false, retryAfterMs: WINDOW - 1 });
    expect(isLimited(key, limit, t0 + WINDOW)).toEqual({ allowed: true });
    clearLimit(key);
    expect(isLimited(key, limit, t0 + 1)).toEqual({ allowed: true });
  });

  it("hitAll counts every entry and reports the longest wait", () => {
    const short = `test:short:${uniqueEmail()}`;
    const long = `test:long:${uniqueEmail()}`;
    const t0 = Date.now();
    const entries: Array<[string, typeof limit]> = [
      [short, { limit: 1, windowMs: 1_000 }],
      [long, { limit: 1, windowMs: 5_000 }],
    ];
    expect(hitAll(entries, t0)).toEqual({ allowed: true });
    expect(hitAll(entries, t0)).toEqual({ allowed: false, retryAfterMs: 5_000 });
    // Both keys were counted on the refused call too.
    expect(isLimited(short, { limit: 2, windowMs: 1_000 }, t0)).toEqual({ allowed: false, retryAfterMs: 1_000 });
  });

  it("rounds the wait up to whole minutes, at least one", () => {
    expect(minutesToWait({ retryAfterMs: 1 })).toBe(1);
    expect(minutesToWait({ retryAfterMs: 60_000 })).toBe(1);
    expect(minutesToWait({ retryAfterMs: 60_001 })).toBe(2);
  });
});

describe("sign-in limits", () => {
  it("locks an account after too many failures, from any IP, until the window passes", async () => {
    const user = await createUser();
    const { limit: max, windowMs } = LIMITS.signInFailuresPerAccount;
    const t0 = new Date();

    for (let i = 0; i < max; i++) {
      const result = await logIn({ email: user.email, password: `fout-wachtwoord-${i}`, ip: uniqueIp() }, t0);
      expect(result).toMatchObject({ ok: false, reason: "wrong" });
    }

    const locked = await logIn({ email: user.email, password: user.password, ip: uniqueIp() }, new Date(t0.getTime() + 1));
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (locked.ok || locked.reason !== "rate_limited") return;
    expect(locked.retryAfterMs).toBe(windowMs - 1);

    const almost = await logIn(
      { email: user.email, password: user.password, ip: uniqueIp() },
      new Date(t0.getTime() + windowMs - 1),
    );
    expect(almost).toMatchObject({ ok: false, reason: "rate_limited" });

    const after = await logIn({ email: user.email, password: user.password, ip: uniqueIp() }, new Date(t0.getTime() + windowMs));
    expect(after).toMatchObject({ ok: true });
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await createUser();
    const { limit: max } = LIMITS.signInFailuresPerAccount;
    const t0 = new Date();
    for (let i = 0; i < max - 1; i++) {
      await logIn({ email: user.email, password: "fout-wachtwoord", ip: uniqueIp() }, t0);
    }
    expect(await logIn({ email: user.email, password: user.password, ip: uniqueIp() }, t0)).toMatchObject({ ok: true });
    for (let i = 0; i < max - 1; i++) {
      expect(await logIn({ email: user.email, password: "fout-wachtwoord", ip: uniqueIp() }, t0)).toMatchObject({
        reason: "wrong",
      });
    }
    expect(await logIn({ email: user.email, password: user.password, ip: uniqueIp() }, t0)).toMatchObject({ ok: true });
  });

  it("limits all sign-in attempts from one IP address", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const { limit: max, windowMs } = LIMITS.signInPerIp;
    const t0 = new Date();

    // Different (unknown) emails, so the per-account limit plays no part.
    const attempts = await Promise.all(
      Array.from({ length: max }, () => logIn({ email: uniqueEmail("probe"), password: "iets-willekeurigs", ip }, t0)),
    );
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, reason: "wrong" });

    const limited = await logIn({ email: user.email, password: user.password, ip }, t0);
    expect(limited).toEqual({ ok: false, reason: "rate_limited", retryAfterMs: windowMs });

    // Another address is not affected.
    expect(await logIn({ email: user.email, password: user.password, ip: uniqueIp() }, t0)).toMatchObject({ ok: true });
    // And after the window the address may try again.
    expect(await logIn({ email: user.email, password: user.password, ip }, new Date(t0.getTime() + windowMs))).toMatchObject({
      ok: true,
    });
  });
});

describe("sign-up limit", () => {
  it("limits new accounts from one IP address", async () => {
    const ip = uniqueIp();
    const { limit: max } = LIMITS.signUpPerIp;
    const signUpFrom = (email: string) =>
      signUp({ email, password: strongPassword(), displayName: "Proef Persoon", wijk: null, locale: "nl", ip });

    const results = await Promise.all(Array.from({ length: max }, () => signUpFrom(uniqueEmail("burst"))));
    for (const result of results) expect(result).toEqual({ ok: true });

    const email = uniqueEmail("one-too-many");
    const limited = await signUpFrom(email);
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    if (limited.ok) return;
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(LIMITS.signUpPerIp.windowMs);
    expect(getDb().select().from(users).where(eq(users.email, email)).get()).toBeUndefined();
    expect(mailsTo(email)).toHaveLength(0);
  });
});

describe("verification limit", () => {
  it("limits code checks for one email address, whatever the IP", () => {
    const email = uniqueEmail("verify");
    const { limit: max } = LIMITS.verifyPerEmail;
    for (let i = 0; i < max; i++) {
      expect(verifyEmail({ email, code: "12345678", ip: uniqueIp() })).toMatchObject({ ok: false, reason: "wrong_code" });
    }
    const limited = verifyEmail({ email, code: "12345678", ip: uniqueIp() });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    if (limited.ok) return;
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(LIMITS.verifyPerEmail.windowMs);

    // Another address is still checked normally.
    expect(verifyEmail({ email: uniqueEmail("verify"), code: "12345678", ip: uniqueIp() })).toMatchObject({
      reason: "wrong_code",
    });
  });
});
