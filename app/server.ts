/**
 * The request handler of the app, bundled by the build (see vite.config.ts)
 * and mounted by server.js. Also exports start-up work for server.js.
 */
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { RouterContextProvider } from "react-router";
import { databaseVersion, getDb, optimizeDatabase } from "#db/client.server";
import { seedIfEmpty } from "#db/seed";
import { requestInfoContext } from "./context";
import { pruneExpiredSessions } from "./auth/session.server";
import { config } from "./lib/config.server";
import { createPageCache } from "./lib/page-cache.server";
import { deliverPendingMail } from "./lib/mail.server";
import { pruneRateLimits } from "./lib/rate-limit.server";
import { pruneAuditLog, pruneOldCodes, pruneOldMail, pruneUnconfirmedAccounts } from "./lib/retention.server";
import { sendDailyDigestIfDue } from "./domain/notifications/notifications.server";

export const app = express();
app.disable("x-powered-by");

/** Visitors' pages, kept a few seconds (app/lib/page-cache.server.ts); off while developing. */
export const pageCache = createPageCache({
  ttlMs: import.meta.env.DEV ? 0 : config().pageCacheSeconds * 1000,
  version: databaseVersion,
});
app.use(pageCache.middleware);

/**
 * The server build, loaded once. Given a function instead, React Router
 * derives its routes and static handler again on every request (flattening
 * and ranking all ~150 routes: about a fifth of a small signed-in page's
 * server time, docs/performance.md). Only while developing it must load the
 * build per request, so that changes show without a restart.
 */
const serverBuild = import.meta.env.DEV ? undefined : await import("virtual:react-router/server-build");

app.use(
  createRequestHandler({
    build: serverBuild ?? (() => import("virtual:react-router/server-build")),
    getLoadContext(req, res) {
      const context = new RouterContextProvider();
      context.set(requestInfoContext, {
        nonce: String(res.locals.nonce ?? ""),
        ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
      });
      return context;
    },
  }),
);

/** Opens the database (applying migrations) and fills an empty one with demo data when asked. */
export async function startup() {
  const db = getDb();
  if (config().seedDemo) {
    const seeded = await seedIfEmpty(db);
    if (seeded) console.log("Demo data added to the empty database.");
  }
  return config();
}

let timers: NodeJS.Timeout[] = [];

export function startBackgroundJobs() {
  let delivering = false;
  timers.push(
    setInterval(async () => {
      if (delivering) return;
      delivering = true;
      try {
        await deliverPendingMail();
      } catch (error) {
        console.error("Mail delivery failed:", error);
      } finally {
        delivering = false;
      }
    }, 5_000),
    setInterval(() => {
      try {
        pruneRateLimits();
        pruneExpiredSessions();
        pruneOldMail();
        pruneAuditLog();
        pruneOldCodes();
        pruneUnconfirmedAccounts();
        optimizeDatabase();
      } catch (error) {
        console.error("Pruning failed:", error);
      }
    }, 60 * 60_000),
    setInterval(() => {
      try {
        sendDailyDigestIfDue();
      } catch (error) {
        console.error("Daily digest failed:", error);
      }
    }, 10 * 60_000),
  );
  for (const timer of timers) timer.unref();
}

export function stopBackgroundJobs() {
  for (const timer of timers) clearInterval(timer);
  timers = [];
}
