import { once } from "node:events";
import { request as httpRequest, type ClientRequest, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript module shared with server.js, no types
import { admitInOrder } from "../../http-stack.js";

/**
 * admitInOrder() (http-stack.js) in front of a real Express app, asked over
 * real HTTP, every request on its own connection (`agent: false`), as
 * separate visitors would. Every test builds its own app with a fresh
 * admitInOrder(), so no queue or watchdog state leaks between tests.
 *
 * Timings are kept loose on purpose (a shared machine with two slow cores):
 * the tests assert the ORDER in which handlers start and end and whether
 * they OVERLAP, not how many milliseconds anything took.
 */

type Middleware = (req: express.Request, res: express.Response, next: express.NextFunction) => void;
type Reply = { status: number; body: string; at: number };

const servers: Server[] = [];
/** Responses a test kept open on purpose; ended after each test so the servers can close. */
const heldOpen: ServerResponse[] = [];

afterEach(() => {
  for (const res of heldOpen.splice(0)) if (!res.writableEnded) res.end();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** Starts an Express app with `gate` (or nothing) in front of the routes; returns its origin. */
async function serve(gate: Middleware | null, routes: (app: express.Express) => void): Promise<string> {
  const app = express();
  if (gate) app.use(gate);
  routes(app);
  // As server.js's last handler: an error becomes a plain 500.
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).type("text/plain").send("Er ging iets mis.");
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends one request on its own connection; `reply` resolves when the whole answer is in. */
function ask(origin: string, path: string, method = "GET", body?: string): { request: ClientRequest; reply: Promise<Reply> } {
  const headers = body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) };
  let request!: ClientRequest;
  const reply = new Promise<Reply>((resolve, reject) => {
    request = httpRequest(`${origin}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), at: performance.now() }));
    });
    request.on("error", reject);
    request.end(body);
  });
  return { request, reply };
}

/** Sends the requests one after the other, `gapMs` apart; returns their replies. */
async function sendStaggered(origin: string, paths: string[], gapMs: number): Promise<Reply[]> {
  const replies: Promise<Reply>[] = [];
  for (const [index, path] of paths.entries()) {
    if (index > 0) await sleep(gapMs);
    replies.push(ask(origin, path).reply);
  }
  return Promise.all(replies);
}

/**
 * As sendStaggered, but from a worker thread, so the sends keep their pace
 * while a handler blocks this thread, and over connections opened beforehand
 * (one keep-alive connection per request, each first used for `warmPath`):
 * Node reads what arrived on open connections in one batch, so requests
 * really come in while another one runs and have to wait in line. (A new
 * connection is read a turn after it is accepted, and would find the line
 * empty.)
 */
async function sendStaggeredFromAnotherThread(origin: string, warmPath: string, paths: string[], gapMs: number): Promise<Array<Omit<Reply, "at">>> {
  const client = `
    const { parentPort, workerData } = require("node:worker_threads");
    const http = require("node:http");
    const { origin, warmPath, paths, gapMs } = workerData;
    const ask = (path, agent) => new Promise((resolve, reject) => {
      const request = http.get(origin + path, { agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      });
      request.on("error", reject);
    });
    (async () => {
      const agents = paths.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
      for (const agent of agents) await ask(warmPath, agent);
      const replies = [];
      for (const [index, path] of paths.entries()) {
        if (index > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
        replies.push(ask(path, agents[index]));
      }
      const answered = await Promise.all(replies);
      for (const agent of agents) agent.destroy();
      parentPort.postMessage(answered);
    })();
  `;
  const worker = new Worker(client, { eval: true, workerData: { origin, warmPath, paths, gapMs } });
  try {
    const [replies] = await once(worker, "message");
    return replies as Array<Omit<Reply, "at">>;
  } finally {
    await worker.terminate();
  }
}

/** Resolves once `condition` holds (checked every few milliseconds). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(2);
}

/** Keeps the thread busy, as a synchronous render does. */
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // burn
  }
}

const idOf = (req: express.Request) => String(req.query.id);

/**
 * A page that takes `ms` of waiting (a loader, a stream) to render. It writes
 * "start X" and "end X" to `log`, and counts how many run at once.
 */
function slowPage(ms: number, log: string[] = []) {
  const counter = { active: 0, mostActive: 0 };
  const handler = async (req: express.Request, res: express.Response) => {
    counter.active += 1;
    counter.mostActive = Math.max(counter.mostActive, counter.active);
    log.push(`start ${idOf(req)}`);
    await sleep(ms);
    log.push(`end ${idOf(req)}`);
    counter.active -= 1;
    res.end(`page ${idOf(req)}`);
  };
  return { handler, counter, log };
}

describe("admitInOrder (http-stack.js)", () => {
  it("lets GET requests in one at a time", async () => {
    const page = slowPage(30);
    const origin = await serve(admitInOrder(), (app) => app.get("/slow", page.handler));

    const replies = await Promise.all([1, 2, 3, 4, 5].map((id) => ask(origin, `/slow?id=${id}`).reply));

    expect(replies.map((reply) => [reply.status, reply.body])).toEqual([1, 2, 3, 4, 5].map((id) => [200, `page ${id}`]));
    expect(page.counter.mostActive).toBe(1);
  });

  it("serves requests in the order they arrived, each one finished before the next starts", async () => {
    const page = slowPage(25);
    const origin = await serve(admitInOrder(), (app) => app.get("/slow", page.handler));

    const replies = await sendStaggered(origin, ["/slow?id=A", "/slow?id=B", "/slow?id=C", "/slow?id=D"], 5);

    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    expect(page.log).toEqual(["start A", "end A", "start B", "end B", "start C", "end C", "start D", "end D"]);
  });

  it("keeps arrival order and never overlaps with handlers that block the thread", async () => {
    // The requests come from another thread, so B, C and D arrive while A (or B…) blocks this
    // one, and wait in line. (Blocking handlers cannot overlap on one thread anyway: this guards
    // that the line lets them in in arrival order, and lets each one in.)
    const log: string[] = [];
    const origin = await serve(admitInOrder(), (app) => {
      app.get("/warm", (_req, res) => res.end("warm"));
      app.get("/busy", (req, res) => {
        log.push(`start ${idOf(req)}`);
        busyWait(20);
        log.push(`end ${idOf(req)}`);
        res.end(`page ${idOf(req)}`);
      });
    });

    const replies = await sendStaggeredFromAnotherThread(origin, "/warm", ["/busy?id=A", "/busy?id=B", "/busy?id=C", "/busy?id=D"], 5);

    expect(replies.map((reply) => reply.body)).toEqual(["page A", "page B", "page C", "page D"]);
    expect(log).toEqual(["start A", "end A", "start B", "end B", "start C", "end C", "start D", "end D"]);
  });

  it("keeps arrival order and never overlaps when a blocking render pauses halfway", async () => {
    // As a real render: synchronous work, a wait (a loader, the stream), more synchronous work.
    const log: string[] = [];
    const origin = await serve(admitInOrder(), (app) =>
      app.get("/render", async (req, res) => {
        log.push(`start ${idOf(req)}`);
        busyWait(10);
        await sleep(5);
        busyWait(10);
        log.push(`end ${idOf(req)}`);
        res.end(`page ${idOf(req)}`);
      }),
    );

    const replies = await sendStaggered(origin, ["/render?id=A", "/render?id=B", "/render?id=C", "/render?id=D"], 5);

    expect(replies.map((reply) => reply.body)).toEqual(["page A", "page B", "page C", "page D"]);
    expect(log).toEqual(["start A", "end A", "start B", "end B", "start C", "end C", "start D", "end D"]);
  });

  it("lets HEAD requests in one at a time, like GET", async () => {
    const page = slowPage(30);
    const origin = await serve(admitInOrder(), (app) => app.get("/slow", page.handler));

    const replies = await Promise.all([1, 2, 3].map((id) => ask(origin, `/slow?id=${id}`, "HEAD").reply));

    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(page.counter.mostActive).toBe(1);
    expect(page.log).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });

  it("does not hold a POST while a slow GET has its turn", async () => {
    const page = slowPage(200);
    const origin = await serve(admitInOrder(), (app) => {
      app.get("/slow", page.handler);
      app.post("/form", express.urlencoded({ extended: false }), (req, res) => {
        res.end(`saved ${(req.body as Record<string, string>).title}`);
      });
    });

    const get = ask(origin, "/slow?id=export").reply;
    await until(() => page.log.includes("start export"));
    const post = await ask(origin, "/form", "POST", "title=Fietstunnel").reply;
    const slow = await get;

    expect(post).toMatchObject({ status: 200, body: "saved Fietstunnel" });
    expect(slow).toMatchObject({ status: 200, body: "page export" });
    expect(page.log).toEqual(["start export", "end export"]);
    expect(post.at).toBeLessThan(slow.at);
  });

  it("never starts a request whose client left while it waited", async () => {
    const page = slowPage(150);
    const arrived: string[] = [];
    const left: string[] = [];
    const origin = await serve(null, (app) => {
      // In front of the gate: notes when a request reaches the server and when its client is gone.
      app.use((req, res, next) => {
        arrived.push(idOf(req));
        res.once("close", () => left.push(idOf(req)));
        next();
      });
      app.use(admitInOrder());
      app.get("/slow", page.handler);
    });

    const first = ask(origin, "/slow?id=1").reply;
    await until(() => page.log.includes("start 1"));
    const second = ask(origin, "/slow?id=2");
    const secondFailed = second.reply.then(
      () => "answered",
      () => "failed",
    );
    await until(() => arrived.includes("2"));
    await sleep(20);
    second.request.destroy();
    await until(() => left.includes("2"));
    const third = ask(origin, "/slow?id=3").reply;

    expect(await first).toMatchObject({ status: 200, body: "page 1" });
    expect(await third).toMatchObject({ status: 200, body: "page 3" });
    expect(await secondFailed).toBe("failed");
    expect(page.log).toEqual(["start 1", "end 1", "start 3", "end 3"]);
  });

  it("lets the next request start beside one that holds its turn too long", async () => {
    let stuckSince = 0;
    const origin = await serve(admitInOrder({ maxHoldMs: 100 }), (app) => {
      // A response that never ends by itself (a very slow export); afterEach ends it.
      app.get("/stuck", (_req, res) => {
        stuckSince = performance.now();
        heldOpen.push(res);
        res.write("begin of a long export\n");
      });
      app.get("/fast", (_req, res) => res.end("fast"));
    });

    const stuck = ask(origin, "/stuck").reply;
    await until(() => stuckSince > 0);
    const fast = await ask(origin, "/fast").reply;

    expect(fast).toMatchObject({ status: 200, body: "fast" });
    // It did wait for the hold (100 ms) but not much longer (the watchdog looks every 50 ms).
    expect(fast.at - stuckSince).toBeGreaterThanOrEqual(80);
    expect(fast.at - stuckSince).toBeLessThan(1500);

    for (const res of heldOpen) res.end("end\n");
    expect(await stuck).toMatchObject({ status: 200, body: "begin of a long export\nend\n" });
  });

  it("does not block the line when a handler throws", async () => {
    const page = slowPage(50);
    const origin = await serve(admitInOrder(), (app) => {
      app.get("/slow", page.handler);
      app.get("/throws", () => {
        throw new Error("the render failed");
      });
    });

    // The failing request waits behind a slow one, and a normal one waits behind it.
    const slow = ask(origin, "/slow?id=1").reply;
    await until(() => page.log.includes("start 1"));
    const failing = ask(origin, "/throws").reply;
    await sleep(10);
    const after = ask(origin, "/slow?id=2").reply;

    expect(await slow).toMatchObject({ status: 200, body: "page 1" });
    expect(await failing).toMatchObject({ status: 500, body: "Er ging iets mis." });
    expect(await after).toMatchObject({ status: 200, body: "page 2" });
    expect(page.log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("sanity check: without the gate, the same requests do overlap", async () => {
    const page = slowPage(30);
    const origin = await serve(null, (app) => app.get("/slow", page.handler));

    const replies = await Promise.all([1, 2, 3, 4, 5].map((id) => ask(origin, `/slow?id=${id}`).reply));

    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    expect(page.counter.mostActive).toBeGreaterThan(1);
  });
});
