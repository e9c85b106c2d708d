import { once } from "node:events";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
// @ts-expect-error: plain JavaScript module shared with server.js, no types
import { compressResponses } from "../../http-stack.js";

/**
 * compressResponses() (http-stack.js) in front of a real Express app, asked
 * over real HTTP: what a browser gets back is what counts.
 */
const page = `<!DOCTYPE html><html lang="nl"><body>${"<p>Een donkere fietstunnel, 's avonds onveilig.</p>".repeat(400)}</body></html>`;
const large = "x".repeat(300 * 1024) + "é".repeat(1000);
let origin = "";
let endCallbacks = 0;
let laterWrapperEnds = 0;
let close = () => {};

beforeAll(async () => {
  const app = express();
  app.use(compressResponses({ syncBytes: 256 * 1024 }));
  // As React Router sends a page: headers first, then the body in pieces, then end().
  app.get("/pieces", (_req, res) => {
    res.status(200).setHeader("Content-Type", "text/html; charset=utf-8");
    res.write(page.slice(0, 1000));
    res.write(Buffer.from(page.slice(1000, 5000)));
    res.write(new Uint8Array(Buffer.from(page.slice(5000))), () => {});
    res.end();
  });
  app.get("/send", (_req, res) => res.type("html").send(page));
  app.get("/json", (_req, res) => res.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: "Fietstunnel" })) }));
  app.get("/small", (_req, res) => res.type("html").send("<p>kort</p>"));
  app.get("/large", (_req, res) => res.type("text/csv").send(large));
  app.get("/png", (_req, res) => {
    res.setHeader("Content-Type", "image/png");
    res.write(Buffer.alloc(4000, 1));
    res.end(Buffer.alloc(4000, 2));
  });
  // A middleware after compressResponses() that wraps end() (as admitInOrder() does) keeps its wrapper.
  app.get(
    "/png-wrapped",
    (_req, res, next) => {
      const end = res.end;
      res.end = function (this: typeof res, ...args: Parameters<typeof res.end>) {
        laterWrapperEnds += 1;
        return end.apply(this, args);
      } as typeof res.end;
      next();
    },
    (_req, res) => {
      res.setHeader("Content-Type", "image/png");
      res.write(Buffer.alloc(4000, 1));
      res.end(Buffer.alloc(4000, 2));
    },
  );
  app.get("/encoded", (_req, res) => {
    res.setHeader("Content-Type", "text/html");
    res.setHeader("Content-Encoding", "gzip");
    res.end(Buffer.from("already gzipped bytes"));
  });
  app.get("/no-transform", (_req, res) => {
    res.setHeader("Cache-Control", "no-transform");
    res.type("html").send(page);
  });
  app.get("/not-modified", (_req, res) => {
    res.status(304).type("html").end();
  });
  app.get("/redirect", (_req, res) => res.redirect(302, "/pieces"));
  app.get("/end-callback", (_req, res) => {
    res.type("html");
    res.end(page, "utf8", () => {
      endCallbacks += 1;
    });
  });
  // A second end() while a large body is still being compressed (a caller's mistake) is ignored.
  app.get("/double-end", (_req, res) => {
    res.type("text/csv");
    res.end(large);
    res.end();
  });
  // An error after part of a page was written: the error page replaces the part (as server.js's last handler does).
  app.get("/fails-halfway", (_req, res, next) => {
    res.type("html");
    res.write(page.slice(0, 3000));
    next(new Error("the render failed"));
  });
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    (res.locals.discardBody as (() => void) | undefined)?.();
    res.status(500).type("text/plain; charset=utf-8").send("Er ging iets mis.");
  });
  const server = app.listen(0);
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => close());

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

function get(path: string, acceptEncoding: string | null, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method, headers: acceptEncoding === null ? {} : { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function decoded(reply: Reply): string {
  const encoding = reply.headers["content-encoding"];
  const raw = encoding === "br" ? brotliDecompressSync(reply.body) : encoding === "gzip" ? gunzipSync(reply.body) : reply.body;
  return raw.toString("utf8");
}

describe("compressResponses (http-stack.js)", () => {
  it("sends a page written in pieces as one brotli body, with its length and Vary", async () => {
    const reply = await get("/pieces", "gzip, deflate, br");
    expect(reply.headers["content-encoding"]).toBe("br");
    expect(reply.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(reply.headers["content-length"])).toBe(reply.body.length);
    expect(reply.headers["transfer-encoding"]).toBeUndefined();
    expect(reply.body.length).toBeLessThan(page.length / 10);
    expect(decoded(reply)).toBe(page);
  });

  it("uses gzip for a client without brotli, and nothing for one that takes neither", async () => {
    const gzip = await get("/send", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(page);
    const plain = await get("/send", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString("utf8")).toBe(page);
    expect(Number(plain.headers["content-length"])).toBe(Buffer.byteLength(page));
    const none = await get("/send", null);
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(none.body.toString("utf8")).toBe(page);
  });

  it("compresses JSON too (the data of client-side navigations)", async () => {
    const reply = await get("/json", "br");
    expect(reply.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(decoded(reply)).items).toHaveLength(200);
  });

  it("leaves a body under 1 kB as it is", async () => {
    const reply = await get("/small", "br");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.body.toString()).toBe("<p>kort</p>");
  });

  it("compresses a large body off the main thread, and it arrives whole", async () => {
    const br = await get("/large", "br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(decoded(br)).toBe(large);
    const gzip = await get("/large", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(large);
  });

  it("streams what is not worth compressing (an image) unchanged", async () => {
    const reply = await get("/png", "br, gzip");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.headers["transfer-encoding"]).toBe("chunked");
    expect(reply.body).toEqual(Buffer.concat([Buffer.alloc(4000, 1), Buffer.alloc(4000, 2)]));
  });

  it("keeps the end() wrapper of a later middleware when it lets a response pass unchanged", async () => {
    const reply = await get("/png-wrapped", "br, gzip");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.body).toEqual(Buffer.concat([Buffer.alloc(4000, 1), Buffer.alloc(4000, 2)]));
    expect(laterWrapperEnds).toBe(1);
  });

  it("does not touch a body that is already encoded or says no-transform", async () => {
    const encoded = await get("/encoded", "br");
    expect(encoded.headers["content-encoding"]).toBe("gzip");
    expect(encoded.body.toString()).toBe("already gzipped bytes");
    const noTransform = await get("/no-transform", "br");
    expect(noTransform.headers["content-encoding"]).toBeUndefined();
    expect(noTransform.body.toString("utf8")).toBe(page);
  });

  it("answers HEAD, 304 and redirects without a body or an encoding", async () => {
    const head = await get("/send", "br", "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(head.body.length).toBe(0);
    const notModified = await get("/not-modified", "br");
    expect(notModified.status).toBe(304);
    expect(notModified.headers["content-encoding"]).toBeUndefined();
    const redirect = await get("/redirect", "br");
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe("/pieces");
  });

  it("ignores a second end() while a large body is compressed, and the server stays up", async () => {
    const reply = await get("/double-end", "br");
    expect(reply.headers["content-encoding"]).toBe("br");
    expect(decoded(reply)).toBe(large);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(decoded(await get("/send", "br"))).toBe(page);
  });

  it("lets an error page replace a half-written body (nothing of it went out yet)", async () => {
    const reply = await get("/fails-halfway", "br");
    expect(reply.status).toBe(500);
    expect(reply.headers["content-type"]).toMatch(/^text\/plain/);
    expect(decoded(reply)).toBe("Er ging iets mis.");
  });

  it("calls the callback given to end()", async () => {
    const before = endCallbacks;
    const reply = await get("/end-callback", "br");
    expect(decoded(reply)).toBe(page);
    await vi.waitFor(() => expect(endCallbacks).toBe(before + 1));
  });
});
