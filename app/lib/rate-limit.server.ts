import { getDb } from "#db/client.server";

export type Limit = { limit: number; windowMs: number };

/**
 * The documented limits (README.md, "Rate limits"). Fixed windows, counted in
 * the database so they hold across restarts.
 */
export const LIMITS = {
  /** Every sign-in attempt from one address. */
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  /** Sign-in attempts for one account from anywhere; a successful sign-in clears the count. */
  signInFailuresPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  /** New accounts from one address. */
  signUpPerIp: { limit: 10, windowMs: 60 * 60_000 },
  /** Code checks for one address (email) and from one IP address. */
  verifyPerEmail: { limit: 10, windowMs: 15 * 60_000 },
  verifyPerIp: { limit: 30, windowMs: 15 * 60_000 },
  /** Mails with a code to one address, and requests from one IP address. */
  mailPerEmail: { limit: 5, windowMs: 60 * 60_000 },
  mailPerIp: { limit: 20, windowMs: 60 * 60_000 },
  deleteAccount: { limit: 10, windowMs: 15 * 60_000 }, // password checks to delete one's own account
} satisfies Record<string, Limit>;

export type RateResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Test only: with NODE_ENV=test, `VL_TEST_CLOCK_OFFSET_MS` moves the limits'
 * clock forward, so test/stress/sign-in-abuse.test.ts can show the documented
 * wait without sleeping 15 minutes (it restarts the server with the offset;
 * the counts are in the database). Ignored in every other environment.
 */
function testClockOffsetMs(): number {
  const env = process.env; // read at run time, never replaced by the build
  if (env.NODE_ENV !== "test") return 0;
  const offset = Number(env.VL_TEST_CLOCK_OFFSET_MS ?? 0);
  return Number.isFinite(offset) ? offset : 0;
}

/** Counts one hit on `key` and says whether it is still within the limit. */
export function hit(key: string, { limit, windowMs }: Limit, now = Date.now()): RateResult {
  now += testClockOffsetMs();
  const row = getDb()
    .$client.prepare(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES (?, 1, ?)
       ON CONFLICT(key) DO UPDATE SET
         count = CASE WHEN reset_at <= ? THEN 1 ELSE count + 1 END,
         reset_at = CASE WHEN reset_at <= ? THEN excluded.reset_at ELSE reset_at END
       RETURNING count, reset_at`,
    )
    .get(key, now + windowMs, now, now) as { count: number; reset_at: number };
  if (row.count > limit) return { allowed: false, retryAfterMs: row.reset_at - now };
  return { allowed: true };
}

/** Whether `key` is already over its limit, without counting a hit. */
export function isLimited(key: string, { limit }: Limit, now = Date.now()): RateResult {
  now += testClockOffsetMs();
  const row = getDb()
    .$client.prepare(`SELECT count, reset_at FROM rate_limits WHERE key = ?`)
    .get(key) as { count: number; reset_at: number } | undefined;
  if (row && row.reset_at > now && row.count >= limit) {
    return { allowed: false, retryAfterMs: row.reset_at - now };
  }
  return { allowed: true };
}

export function clearLimit(key: string) {
  getDb().$client.prepare(`DELETE FROM rate_limits WHERE key = ?`).run(key);
}

/** Several limits at once: all are counted; the first refusal wins. */
export function hitAll(entries: Array<[string, Limit]>, now = Date.now()): RateResult {
  let result: RateResult = { allowed: true };
  for (const [key, limit] of entries) {
    const r = hit(key, limit, now);
    if (!r.allowed && (result.allowed || r.retryAfterMs > result.retryAfterMs)) result = r;
  }
  return result;
}

export function pruneRateLimits(now = Date.now()) {
  now += testClockOffsetMs();
  getDb().$client.prepare(`DELETE FROM rate_limits WHERE reset_at <= ?`).run(now);
}

export function minutesToWait(result: { retryAfterMs: number }): number {
  return Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
}
