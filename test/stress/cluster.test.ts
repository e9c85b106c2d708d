/**
 * The server as a cluster (docs/decisions/014-a-worker-per-core.md): with
 * WEB_CONCURRENCY=2 (production's default on a 2-core machine) `node
 * server.js` is a primary that prepares the database and runs the background
 * jobs, and two worker processes serve the requests on the one port.
 *
 * Proves, against the production build running as its own process:
 * - there are two workers, and a worker that dies is replaced; once the
 *   primary has seen the death every request is answered;
 * - a visitor never gets a kept page older than a change, whichever process
 *   made it: a change written by another process (here the test's own
 *   connection, as a second worker or a background job would) and a change
 *   posted through the server both show on every following request, over
 *   fresh connections (the primary hands each new connection to the next
 *   worker, so both workers' kept pages are tried);
 * - SIGTERM to the primary stops every process; SIGKILL to the primary
 *   leaves no worker behind holding the port; workers that keep dying stop
 *   the server with exit code 1 instead of being forked forever;
 * - a wrong WEB_CONCURRENCY stops the server with a message, before it
 *   listens.
 * Parallel writes through two workers are in parallel-votes.test.ts.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { getDb } from "#db/client.server";
import { freePort, startServer, type ServerProcess } from "../support/server-process";
import { makeKnelpunt, makeMeasure, makeResidents, makeSupportCycle, type Resident } from "../support/stress-fixtures";
import { postSupport } from "../support/stress-http";

let server: ServerProcess | undefined;
let resident: Resident;
let knelpuntId: number;
let measureId: number;

beforeAll(async () => {
  const [author, supporter] = await makeResidents(2, "Clusterbewoner");
  resident = supporter!;
  const cycleId = makeSupportCycle({ supportThreshold: 5 });
  knelpuntId = makeKnelpunt(author!, cycleId, "Donkere tunnel bij het station");
  measureId = makeMeasure(author!, knelpuntId, "Samen fietsen na zonsondergang");
  server = await startServer({ port: await freePort(), databasePath: process.env.DATABASE_PATH!, env: { WEB_CONCURRENCY: "2" } });
});

afterAll(async () => {
  await server?.kill("SIGKILL");
});

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A visitor's GET on a connection of its own (no keep-alive), so each request may go to another worker. */
function freshGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent: false, headers: { connection: "close" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer from ${url} within 10 s`)));
    request.on("error", reject);
    request.end();
  });
}

async function visitorViews(path: string, times = 8) {
  const views = [];
  for (let i = 0; i < times; i++) views.push(await freshGet(server!.url + path));
  return views;
}

/** Which of `pids` holds the server's side of the connection whose client port is `clientPort` (from /proc). */
function holderOf(serverPort: number, clientPort: number, pids: number[]): number | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
  let inode: string | undefined;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      if (fields[1]!.endsWith(`:${hex(serverPort)}`) && fields[2]!.endsWith(`:${hex(clientPort)}`)) inode = fields[9];
    }
  }
  if (!inode) return undefined;
  return pids.find((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`);
    } catch {
      return false;
    }
  });
}

/** How many connections to the server's port `pid` holds (from /proc). */
function connectionsHeldBy(serverPort: number, pid: number): number {
  const hex = serverPort.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // State 01: established.
      if (fields.length >= 10 && fields[1]!.endsWith(`:${hex}`) && fields[3] === "01") inodes.add(fields[9]!);
    }
  }
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => inodes.has(/^socket:\[(\d+)\]$/.exec(safeReadlink(`/proc/${pid}/fd/${fd}`))?.[1] ?? "")).length;
  } catch {
    return 0;
  }
}

function safeReadlink(path: string): string {
  try {
    return fs.readlinkSync(path);
  } catch {
    return ""; // closed in the meantime
  }
}

/** A kept-alive connection that has been answered once (so a worker holds it), and its client port. */
async function openConnection(port: number): Promise<{ socket: Socket; clientPort: number }> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  socket.write("GET /over HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
  let received = "";
  await new Promise<void>((resolve, reject) => {
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.startsWith("HTTP/1.1 200") && received.includes("\r\n\r\n")) resolve();
    });
  });
  return { socket, clientPort: socket.localPort! };
}

describe("the server as a cluster of two workers", () => {
  it("runs two worker processes and replaces one that dies", async () => {
    onTestFailed(() => console.log(`Server output:\n${server?.output()}`));
    const primary = server!.child.pid!;
    const workers = childrenOf(primary);
    expect(workers).toHaveLength(2);

    process.kill(workers[0]!, "SIGKILL");
    // Once the primary has seen the death (it logs it), no new connection goes to the dead worker.
    // (A connection handed to it in the very moment it died is lost: docs/decisions/014.)
    await waitFor("the primary sees the death", () => server!.output().includes(`Worker ${workers[0]} stopped (SIGKILL); starting a new one.`));
    const views = await visitorViews("/over", 10);
    expect(views.map((view) => view.status)).toEqual(Array(10).fill(200));
    await waitFor("a new worker", () => {
      const now = childrenOf(primary);
      return now.length === 2 && !now.includes(workers[0]!);
    });
    expect(childrenOf(primary)).toContain(workers[1]);
    await waitFor("the new worker answers", async () => (await visitorViews("/over", 4)).every((view) => view.status === 200));
  });

  it("hands each new connection to the worker with the fewest open connections", async () => {
    onTestFailed(() => console.log(`Server output:\n${server?.output()}`));
    const port = server!.port;
    const workers = childrenOf(server!.child.pid!);
    expect(workers).toHaveLength(2);
    const held = () => workers.map((pid) => connectionsHeldBy(port, pid));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200)); // closes reach the primary
    // A replaced worker takes connections once it is ready.
    await waitFor("both workers take connections", async () => {
      const probe = [await openConnection(port), await openConnection(port)];
      const holders = new Set(probe.map((connection) => holderOf(port, connection.clientPort, workers)));
      for (const connection of probe) connection.socket.destroy();
      await settle();
      return holders.size === 2;
    });

    const mine = [];
    for (let i = 0; i < 6; i++) {
      await settle();
      const before = held();
      const connection = await openConnection(port);
      mine.push(connection);
      if (before[0] !== before[1]) expect(holderOf(port, connection.clientPort, workers)).toBe(workers[before[0]! < before[1]! ? 0 : 1]);
    }
    const [a, b] = held();
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1);

    // One worker's connections close: the next two both go to it, not one to each as round-robin would.
    const emptied = holderOf(port, mine[0]!.clientPort, workers)!;
    const closing = mine.filter((connection) => holderOf(port, connection.clientPort, workers) === emptied);
    expect(closing.length).toBeGreaterThanOrEqual(2);
    for (const connection of closing) connection.socket.destroy();
    await waitFor("the worker lets go of them", () => closing.every((connection) => holderOf(port, connection.clientPort, workers) === undefined));
    await settle();
    const next = [await openConnection(port), await openConnection(port)];
    expect(next.map((connection) => holderOf(port, connection.clientPort, workers))).toEqual([emptied, emptied]);
    for (const connection of [...mine, ...next]) connection.socket.destroy();
  });

  it("never shows a visitor a kept page older than a change, whichever process made it", async () => {
    onTestFailed(() => console.log(`Server output:\n${server?.output()}`));
    const path = `/knelpunten/${knelpuntId}`;
    // Both workers render and keep the page (kept 5 s by default).
    for (const view of await visitorViews(path)) {
      expect(view.status).toBe(200);
      expect(view.body).toContain("Donkere tunnel bij het station");
    }

    // A change written by another process: the test's own connection to the same file.
    getDb().$client.prepare("UPDATE knelpunten SET title = ? WHERE id = ?").run("Verlichte tunnel bij het station", knelpuntId);
    for (const view of await visitorViews(path)) {
      expect(view.body).toContain("Verlichte tunnel bij het station");
      expect(view.body).not.toContain("Donkere tunnel bij het station");
    }

    // A change posted through the server: one worker handles it, every worker's visitors see it.
    for (const view of await visitorViews(path, 4)) expect(view.body).toContain("0 van 5 steunbetuigingen");
    const answer = await postSupport({ url: server!.url, measureId, knelpuntId, token: resident.token, style: "form" });
    expect(answer.outcome).toBe("supported");
    for (const view of await visitorViews(path)) {
      expect(view.body).toContain("1 van 5 steunbetuigingen");
    }
  });

  it("stops every process on SIGTERM, and leaves no worker behind when the primary is killed", async () => {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const port = await freePort();
      const other = await startServer({ port, databasePath: process.env.DATABASE_PATH!, env: { WEB_CONCURRENCY: "2" } });
      const workers = childrenOf(other.child.pid!);
      expect(workers).toHaveLength(2);
      await other.kill(signal);
      await waitFor(`the workers stop after ${signal} to the primary`, () => workers.every((pid) => !alive(pid)), 8_000);
      await expect(freshGet(`${other.url}/over`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    }
  });

  it("stops with an error instead of forking forever when workers keep dying", async () => {
    const other = await startServer({ port: await freePort(), databasePath: process.env.DATABASE_PATH!, env: { WEB_CONCURRENCY: "2" } });
    const primary = other.child.pid!;
    const killed = new Set<number>();
    // More than five deaths per worker within a minute: kill every worker as soon as it appears.
    await waitFor(
      "the primary gives up",
      () => {
        for (const pid of childrenOf(primary)) {
          if (killed.has(pid)) continue;
          killed.add(pid);
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
        return other.child.exitCode !== null;
      },
      30_000,
    );
    expect(killed.size).toBeGreaterThan(10);
    expect(other.child.exitCode).toBe(1);
    expect(other.output()).toContain("Workers keep stopping; the server stops too.");
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64", async () => {
    for (const value of ["twee", "0", "1.5", "65"]) {
      const started = startServer({ port: await freePort(), databasePath: process.env.DATABASE_PATH!, env: { WEB_CONCURRENCY: value }, timeoutMs: 20_000 });
      await expect(started).rejects.toThrow(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}".`);
    }
  });
});
