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
import http from "node:http";
import net from "node:net";
import os from "node:os";
import express from "express";
import { admitInOrder, bodyLimit, compressResponses, cspReports, formBodyGuard, precompressedAssets, securityHeaders } from "./http-stack.js";

const DEVELOPMENT = process.argv.includes("--dev");
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const PUBLIC_URL = process.env.PUBLIC_URL ?? `http://localhost:${PORT}`;
const HTTPS = PUBLIC_URL.startsWith("https:");
const MAX_BODY_BYTES = 1024 * 1024; // 1 MiB
const BUILD_DIR = process.env.BUILD_DIR ?? "build";
const BUILD_URL = new URL(`./${BUILD_DIR}/server/index.js`, import.meta.url).href;
const WORKERS = workerCount();
// Messages between the primary and its workers (connectionBalancer()).
const READY = "veranderlab:ready";
const CONNECTION = "veranderlab:connection";
const ACCEPTED = "veranderlab:accepted";
const CLOSED = "veranderlab:closed";
const ignore = () => {};

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
  const recentDeaths = [];
  const fork = () => cluster.fork();
  const balancer = connectionBalancer();

  cluster.on("message", (worker, message) => {
    if (message?.type === ACCEPTED) balancer.accepted(message.id);
    if (message?.type === CLOSED) balancer.closed(worker);
    if (message?.type !== READY || stopping) return;
    balancer.add(worker);
    // Listen once every first worker is ready; later ones (replacements) join.
    if (!balancer.listening && balancer.workers === WORKERS) {
      balancer.listen(() => console.log(`Veranderlab draait op ${PUBLIC_URL} (${WORKERS} processen)`));
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    balancer.remove(worker);
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
    balancer.close();
    build.stopBackgroundJobs();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(exitCode), 5000).unref();
  }
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => shutDown(0));

  for (let i = 0; i < WORKERS; i++) fork();
}

/**
 * The primary accepts the connections and hands each to the worker with the
 * fewest open connections (docs/decisions/016). Node's own round-robin hands
 * the next connection to whichever worker answers its hand-over first, so a
 * busy worker gets fewer: ten kept-alive connections opened at once were
 * split 7 to 3 in some runs, and the worker with seven answered its slowest
 * requests in 88 ms instead of 55. A connection that arrives while no worker
 * is ready waits until one is. The primary keeps its copy of a connection
 * until the worker says it has it: if that worker dies first (or the
 * hand-over fails), the connection goes to another worker.
 */
function connectionBalancer() {
  /** Ready workers and their open connections. */
  const open = new Map();
  /** Connections handed over but not yet confirmed, by hand-over number. */
  const unconfirmed = new Map();
  const waiting = [];
  let turn = 0;
  let handOvers = 0;
  // noDelay as http.Server sets it: the end of an answer is not held back for an ACK.
  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
    socket.on("error", ignore); // a client that resets while it waits
    handOff(socket);
  });
  server.on("error", (error) => {
    console.error(error);
    process.exit(1);
  });

  function handOff(socket) {
    if (socket.destroyed) return;
    const workers = [...open.keys()];
    if (workers.length === 0) return void waiting.push(socket);
    let chosen = workers[turn % workers.length];
    for (let i = 1; i < workers.length; i++) {
      const worker = workers[(turn + i) % workers.length];
      if (open.get(worker) < open.get(chosen)) chosen = worker;
    }
    turn += 1;
    open.set(chosen, open.get(chosen) + 1);
    const id = ++handOvers;
    unconfirmed.set(id, { socket, worker: chosen });
    chosen.send({ type: CONNECTION, id }, socket, { keepOpen: true }, (error) => {
      if (!error) return;
      open.delete(chosen); // gone or going: its exit follows
      handOffAgain(id);
    });
  }

  function handOffAgain(id) {
    const entry = unconfirmed.get(id);
    if (!entry) return;
    unconfirmed.delete(id);
    handOff(entry.socket);
  }

  return {
    get workers() {
      return open.size;
    },
    get listening() {
      return server.listening;
    },
    listen: (callback) => server.listen(PORT, HOST, callback),
    close() {
      server.close();
      for (const socket of waiting.splice(0)) socket.destroy();
    },
    add(worker) {
      open.set(worker, 0);
      for (const socket of waiting.splice(0)) handOff(socket);
    },
    /** The worker has the connection: the primary closes its own copy (the connection stays open). */
    accepted(id) {
      const entry = unconfirmed.get(id);
      if (!entry) return;
      unconfirmed.delete(id);
      entry.socket.destroy();
    },
    closed(worker) {
      if (open.has(worker)) open.set(worker, Math.max(0, open.get(worker) - 1));
    },
    remove(worker) {
      open.delete(worker);
      for (const [id, entry] of unconfirmed) if (entry.worker === worker) handOffAgain(id);
    },
  };
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
    // Pages one at a time, in the order they arrived (docs/decisions/016).
    server.use(admitInOrder());
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

  // Finish the requests in progress, then stop (at most 3 s).
  let finishing = false;
  const listener = http.createServer((req, res) => {
    // Stopping: each answer closes its connection; one that was under way lets go of its connection once sent.
    if (finishing) res.shouldKeepAlive = false;
    else res.once("finish", closeIdleIfFinishing);
    server(req, res);
  });
  const closeIdleIfFinishing = () => {
    if (finishing) setImmediate(() => listener.closeIdleConnections());
  };
  /** The connections the primary handed over (in a cluster). */
  const connections = new Set();
  if (inCluster) {
    process.on("message", (message, socket) => {
      if (message?.type !== CONNECTION || !socket) return;
      if (process.connected) process.send({ type: ACCEPTED, id: message.id }, ignore);
      connections.add(socket);
      socket.once("close", () => {
        connections.delete(socket);
        if (process.connected) process.send({ type: CLOSED }, ignore);
        if (finishing && connections.size === 0) process.exit(0);
      });
      listener.emit("connection", socket);
    });
    // What listen() would set up, without a port of its own: the checks of slow
    // clients (headersTimeout, requestTimeout) and the list that closeIdleConnections() uses.
    listener.emit("listening");
    process.send({ type: READY }, ignore);
  } else {
    listener.listen(PORT, HOST, () => console.log(`Veranderlab draait op ${PUBLIC_URL}`));
  }

  const finish = () => {
    if (finishing) return;
    finishing = true;
    stop();
    if (inCluster) {
      listener.closeIdleConnections();
      if (connections.size === 0) process.exit(0);
    } else {
      listener.close(() => process.exit(0));
    }
    setTimeout(() => process.exit(0), 3000).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, finish);
  // The primary is gone (even killed with SIGKILL): no worker stays behind on its own.
  if (inCluster) process.on("disconnect", finish);
}
