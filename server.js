// The HTTP server: security headers, compression, static files, then the app.
// `node server.js` serves the production build (run `npm run build` first);
// `node server.js --dev` serves the source through Vite with live reload.
//
// With more than one worker (WEB_CONCURRENCY; in production by default one
// per core) this process is the cluster's primary: it migrates the database,
// runs the background jobs and keeps the workers running, and the workers
// serve the requests on the same port (docs/decisions/014-a-worker-per-core.md).
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import express from "express";
import { bodyLimit, compressResponses, cspReports, formBodyGuard, precompressedAssets, securityHeaders } from "./http-stack.js";

const DEVELOPMENT = process.argv.includes("--dev");
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const PUBLIC_URL = process.env.PUBLIC_URL ?? `http://localhost:${PORT}`;
const HTTPS = PUBLIC_URL.startsWith("https:");
const MAX_BODY_BYTES = 1024 * 1024; // 1 MiB
const BUILD_DIR = process.env.BUILD_DIR ?? "build";
const BUILD_URL = new URL(`./${BUILD_DIR}/server/index.js`, import.meta.url).href;
const WORKERS = workerCount();

if (WORKERS > 1 && cluster.isPrimary) {
  await runPrimary();
} else {
  await serve();
}

/** WEB_CONCURRENCY, or one per core in production, else 1 (always 1 while developing). */
function workerCount() {
  if (DEVELOPMENT) return 1;
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") {
    return process.env.NODE_ENV === "production" ? os.availableParallelism() : 1;
  }
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${raw}".`);
    process.exit(1);
  }
  return count;
}

/**
 * The cluster's primary. It serves no requests: it prepares the database once
 * (migrations, demo data) before any worker opens it, runs the background jobs
 * (one copy of each), starts WORKERS workers and starts a new one when one
 * dies. Many deaths in a short time (a worker that cannot start) stop the
 * whole server instead of forking forever.
 */
async function runPrimary() {
  const build = await import(BUILD_URL);
  await build.startup();
  build.startBackgroundJobs();

  let stopping = false;
  let exitStatus = 0;
  let listening = 0;
  const recentDeaths = [];
  const fork = () => cluster.fork();

  cluster.on("listening", () => {
    listening += 1;
    if (listening === WORKERS) console.log(`Veranderlab draait op ${PUBLIC_URL} (${WORKERS} processen)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitStatus);
      return;
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? `code ${code}`}); starting a new one.`);
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length > 0 && recentDeaths[0] < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > 5 * WORKERS) {
      console.error("Workers keep stopping; the server stops too.");
      shutDown(1);
      return;
    }
    fork();
  });

  function shutDown(exitCode = 0) {
    if (stopping) return;
    stopping = true;
    exitStatus = exitCode;
    build.stopBackgroundJobs();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(exitCode), 5000).unref();
  }
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => shutDown(0));

  for (let i = 0; i < WORKERS; i++) fork();
}

/** Serves requests: the only process, or one worker of the cluster. */
async function serve() {
  const inCluster = cluster.isWorker;
  const server = express();
  server.disable("x-powered-by");
  server.set("trust proxy", process.env.TRUST_PROXY === "true");

  server.use(securityHeaders({ development: DEVELOPMENT, https: HTTPS }));
  server.use(bodyLimit(MAX_BODY_BYTES));
  // Before the form guard: reports are JSON, not forms.
  server.use(cspReports());
  server.use(formBodyGuard());
  server.use(compressResponses());

  let stop = () => {};

  if (DEVELOPMENT) {
    const vite = await import("vite");
    const viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
    server.use(viteDevServer.middlewares);
    const source = await viteDevServer.ssrLoadModule("./app/server.ts");
    await source.startup();
    server.use(async (req, res, next) => {
      try {
        const fresh = await viteDevServer.ssrLoadModule("./app/server.ts");
        return fresh.app(req, res, next);
      } catch (error) {
        if (typeof error === "object" && error instanceof Error) viteDevServer.ssrFixStacktrace(error);
        next(error);
      }
    });
  } else {
    const build = await import(BUILD_URL);
    // In a cluster the primary did both.
    if (!inCluster) {
      await build.startup();
      build.startBackgroundJobs();
      stop = build.stopBackgroundJobs;
    }
    server.use("/assets", precompressedAssets(`${BUILD_DIR}/client/assets`));
    server.use("/assets", express.static(`${BUILD_DIR}/client/assets`, { immutable: true, maxAge: "1y" }));
    // The few files from public/ (favicon, robots.txt…), known at start: looking every
    // page's address up on disk first cost a file-system call per request.
    const publicFiles = new Set(
      fs.readdirSync(`${BUILD_DIR}/client`, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => `/${entry.name}`),
    );
    const publicStatic = express.static(`${BUILD_DIR}/client`, { maxAge: "1h" });
    server.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
    server.use(build.app);
  }

  // Last resort: never a stack trace to a visitor.
  server.use((error, req, res, _next) => {
    console.error(error);
    // Part of the answer already went out: it cannot turn into an error page, so end the connection.
    if (res.headersSent) return res.destroy();
    // Part of it may be held by compressResponses(): the error page replaces it.
    res.locals.discardBody?.();
    res.status(500).type("text/plain; charset=utf-8").send("Er ging iets mis. Probeer het later opnieuw.");
  });

  const listener = server.listen(PORT, HOST, () => {
    if (!inCluster) console.log(`Veranderlab draait op ${PUBLIC_URL}`);
  });

  // Finish the requests in progress, then stop (at most 3 s).
  let finishing = false;
  const finish = () => {
    if (finishing) return;
    finishing = true;
    stop();
    listener.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, finish);
  // The primary is gone (even killed with SIGKILL): no worker stays behind on its own.
  if (inCluster) process.on("disconnect", finish);
}
