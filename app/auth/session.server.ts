import { eq, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { sessions, users } from "#db/schema";
import { preparedQuery } from "~/lib/prepared-query.server";
import { readCookie, serializeCookie } from "~/lib/cookies.server";
import { redirectWithFlash } from "~/lib/flash.server";
import {
  ABSOLUTE_LIFETIME_MS,
  INACTIVITY_TIMEOUT_MS,
  generateSecureRandomString,
  hashSecret,
  parseToken,
  secretMatches,
  sessionState,
} from "./session";

export const SESSION_COOKIE = "vl_session";

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  wijk: string | null;
  role: (typeof users.$inferSelect)["role"];
  organisation: string | null;
  locale: "nl" | "en";
  /** The version of the code of conduct they accepted last. */
  codeOfConductVersion: number | null;
  createdAt: Date;
};

export type ValidSession = { sessionId: string; user: SessionUser };

export function createSession(userId: string, now = new Date()): { token: string; id: string } {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  getDb()
    .insert(sessions)
    .values({
      id,
      secretHash: Buffer.from(hashSecret(secret)),
      userId,
      createdAt: now,
      lastActiveAt: now,
    })
    .run();
  return { token: `${id}.${secret}`, id };
}

/** The session and its user by the session's id: every signed-in request runs it, so it is built once. */
const sessionWithUser = preparedQuery((db) =>
  db
    .select({
      session: {
        id: sessions.id,
        secretHash: sessions.secretHash,
        createdAt: sessions.createdAt,
        lastActiveAt: sessions.lastActiveAt,
      },
      user: {
        id: users.id,
        email: users.email,
        emailVerifiedAt: users.emailVerifiedAt,
        displayName: users.displayName,
        wijk: users.wijk,
        role: users.role,
        organisation: users.organisation,
        locale: users.locale,
        codeOfConductVersion: users.codeOfConductVersion,
        blockedAt: users.blockedAt,
        deletedAt: users.deletedAt,
        createdAt: users.createdAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

/** Checks a token from a cookie; returns the session and its user, or null. */
export function validateSessionToken(
  token: string | null | undefined,
  now = new Date(),
): ValidSession | null {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const db = getDb();
  const row = sessionWithUser().get({ id: parsed.id });
  if (!row) return null;
  if (!secretMatches(parsed.secret, row.session.secretHash)) return null;
  const state = sessionState(row.session, now);
  const { user } = row;
  if (
    state === "expired" ||
    state === "inactive" ||
    user.blockedAt ||
    user.deletedAt ||
    !user.email ||
    !user.emailVerifiedAt
  ) {
    db.delete(sessions).where(eq(sessions.id, parsed.id)).run();
    return null;
  }
  if (state === "refresh") {
    db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, parsed.id)).run();
  }
  return {
    sessionId: row.session.id,
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      wijk: user.wijk,
      role: user.role,
      organisation: user.organisation,
      locale: user.locale,
      codeOfConductVersion: user.codeOfConductVersion,
      createdAt: user.createdAt,
    },
  };
}

export function invalidateSession(sessionId: string) {
  getDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateAllSessions(userId: string) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function sessionCookie(token: string): string {
  return serializeCookie(SESSION_COOKIE, token, { maxAge: Math.floor(ABSOLUTE_LIFETIME_MS / 1000) });
}

export function blankSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAge: 0 });
}

/**
 * A page's loaders (the root's and the route's) each ask for the session of
 * the same request; a GET or HEAD runs no action that could end or change it,
 * so it is checked once per request.
 */
const sessionOfRequest = new WeakMap<Request, ValidSession | null>();

export function getSession(request: Request): ValidSession | null {
  const reads = request.method === "GET" || request.method === "HEAD";
  if (reads && sessionOfRequest.has(request)) return sessionOfRequest.get(request)!;
  const session = validateSessionToken(readCookie(request, SESSION_COOKIE));
  if (reads) sessionOfRequest.set(request, session);
  return session;
}

/** Deletes sessions past their lifetime or inactivity timeout. */
export function pruneExpiredSessions(now = Date.now()) {
  getDb()
    .$client.prepare(`DELETE FROM sessions WHERE created_at <= ? OR last_active_at <= ?`)
    .run(now - ABSOLUTE_LIFETIME_MS, now - INACTIVITY_TIMEOUT_MS);
}

/** After a sign-in: set the session cookie (plus any other cookies) and go on with a message. */
export function redirectSignedIn(
  to: string,
  token: string,
  flash: import("~/lib/flash.server").Flash,
  extraCookies: string[] = [],
): Response {
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(token));
  for (const cookie of extraCookies) headers.append("Set-Cookie", cookie);
  return redirectWithFlash(to, flash, headers);
}
