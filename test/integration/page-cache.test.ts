import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import express from "express";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { databaseVersion, getDb } from "#db/client.server";
import { createPageCache, deflatePieces, gzipped } from "~/lib/page-cache.server";

/**
 * The page cache in front of a tiny app that renders a counter: each real
 * render increases it, so the test sees exactly which answers came from
 * memory.
 */
let renders = 0;
let clock = 1_000_000;
let nonceCounter = 0;
/** Stands for databaseVersion(): a change committed by another process bumps it without any request here. */
let dataVersion = 0;
const cache = createPageCache({ ttlMs: 5_000, maxEntries: 3, now: () => clock, version: () => `v${dataVersion}` });
const app = express();
app.use((req, res, next) => {
  nonceCounter += 1;
  res.locals.nonce = `nonce${nonceCounter}abc==`;
  res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.nonce}'`);
  next();
});
app.use(cache.middleware);
app.get("/pagina", (req, res) => {
  renders += 1;
  const nonce = String(res.locals.nonce);
  res.type("html");
  // Written in pieces, as a streamed render is.
  res.write(`<!doctype html><script nonce="${nonce}">1</script>`);
  res.write(`<p>render ${renders} ${req.query.q ?? ""}</p>`);
  res.end(`<script nonce="${nonce}">2</script>`);
});
app.get("/groot", (_req, res) => {
  renders += 1;
  const nonce = String(res.locals.nonce);
  const rows = Array.from({ length: 300 }, (_, i) => `<li>Maatregel ${i} bij de fietstunnel</li>`).join("");
  res.type("html");
  res.write(`<!doctype html><link rel="modulepreload" nonce="${nonce}" href="/a.js"><p>render ${renders}</p><ul>${rows}</ul>`);
  res.end(`<script nonce="${nonce}">1</script><script nonce="${nonce}">2</script>`);
});
app.get("/met-cookie", (_req, res) => {
  renders += 1;
  res.cookie("vl_flash", "x").type("html").send(`<p>render ${renders}</p>`);
});
app.get("/prive", (_req, res) => {
  renders += 1;
  res.set("Cache-Control", "no-store").type("html").send(`<p>render ${renders}</p>`);
});
app.get("/fout", (_req, res) => {
  renders += 1;
  res.status(404).type("html").send(`<p>render ${renders}</p>`);
});
app.get("/traag", (_req, res) => {
  renders += 1;
  const n = renders;
  setTimeout(() => res.type("html").send(`<p>render ${n}</p>`), 200);
});
app.post("/schrijf", (_req, res) => res.redirect(303, "/pagina"));

let base = "";
const server = app.listen(0);
beforeAll(() => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => cache.clear());

async function get(path: string, cookie?: string) {
  const response = await fetch(base + path, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: await response.text(), csp: response.headers.get("content-security-policy") ?? "" };
}

const renderOf = (body: string) => Number(/render (\d+)/.exec(body)?.[1]);

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function rawGet(path: string, acceptEncoding: string) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    httpRequest(base + path, { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("page cache for visitors", () => {
  it("renders once for visitors without a session and puts each response's own nonce in", async () => {
    const first = await get("/pagina");
    const second = await get("/pagina");
    expect(renderOf(second.body)).toBe(renderOf(first.body));
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(nonceOf(second.csp)).not.toBe(nonceOf(first.csp));
    // Every script carries the nonce of its own response, none of the first.
    expect(second.body.match(/nonce="([^"]+)"/g)).toEqual([`nonce="${nonceOf(second.csp)}"`, `nonce="${nonceOf(second.csp)}"`]);
    expect(second.body).not.toContain(nonceOf(first.csp));
  });

  it("keeps pages apart by address and language", async () => {
    const a = renderOf((await get("/pagina?q=a")).body);
    const b = renderOf((await get("/pagina?q=b")).body);
    const en = renderOf((await get("/pagina?q=a", "vl_lang=en")).body);
    expect(new Set([a, b, en]).size).toBe(3);
    expect(renderOf((await get("/pagina?q=a", "vl_lang=nl; andere=1")).body)).toBe(a);
    expect(renderOf((await get("/pagina?q=a", "vl_lang=en")).body)).toBe(en);
  });

  it("never serves or keeps a page for someone with a session, flash or pending email", async () => {
    const visitor = renderOf((await get("/pagina")).body);
    for (const cookie of ["vl_session=abc.def", "vl_lang=nl; vl_flash=x", "vl_pending_email=a%40b.nl"]) {
      expect(renderOf((await get("/pagina", cookie)).body)).toBeGreaterThan(visitor);
    }
    expect(renderOf((await get("/pagina")).body)).toBe(visitor);
  });

  it("does not keep answers that set a cookie, say no-store or are not 200", async () => {
    for (const path of ["/met-cookie", "/prive", "/fout"]) {
      const first = renderOf((await get(path)).body);
      expect(renderOf((await get(path)).body), path).toBe(first + 1);
    }
  });

  it("forgets a page after its time", async () => {
    const first = renderOf((await get("/pagina")).body);
    clock += 4_999;
    expect(renderOf((await get("/pagina")).body)).toBe(first);
    clock += 2;
    expect(renderOf((await get("/pagina")).body)).toBe(first + 1);
  });

  it("forgets everything when a change is posted, and does not keep a page rendered meanwhile", async () => {
    const first = renderOf((await get("/pagina")).body);
    const slow = get("/traag");
    await new Promise((resolve) => setTimeout(resolve, 40)); // the slow render has begun
    await fetch(`${base}/schrijf`, { method: "POST", redirect: "manual" });
    const slowRender = renderOf((await slow).body);
    expect(renderOf((await get("/pagina")).body)).toBeGreaterThan(first);
    // The slow page overlapped the change, so it was not kept.
    expect(renderOf((await get("/traag")).body)).toBeGreaterThan(slowRender);
  });

  it("serves a kept page only while the data's version is the one it was rendered at (changes by other processes)", async () => {
    const first = renderOf((await get("/pagina")).body);
    expect(renderOf((await get("/pagina")).body)).toBe(first);
    dataVersion += 1; // another worker committed a change: no request went through this cache
    const second = renderOf((await get("/pagina")).body);
    expect(second).toBe(first + 1);
    expect(renderOf((await get("/pagina")).body)).toBe(second);
  });

  it("does not keep a page whose render saw the data's version change", async () => {
    const slow = get("/traag");
    await new Promise((resolve) => setTimeout(resolve, 40)); // the slow render has begun
    dataVersion += 1;
    const slowRender = renderOf((await slow).body);
    const again = renderOf((await get("/traag")).body);
    expect(again).toBeGreaterThan(slowRender);
    // Rendered at one version from start to end: this one is kept.
    expect(renderOf((await get("/traag")).body)).toBe(again);
  });

  it("sends a kept page compressed once, with this response's nonce in the gzip stream", async () => {
    const first = await rawGet("/groot", "gzip, deflate, br");
    expect(first.headers["content-encoding"]).toBeUndefined(); // the render itself (no compression middleware here)
    const second = await rawGet("/groot", "gzip, deflate, br");
    expect(second.headers["content-encoding"]).toBe("gzip");
    expect(second.headers["vary"]).toContain("Accept-Encoding");
    expect(Number(second.headers["content-length"])).toBe(second.body.length);
    const html = gunzipSync(second.body).toString("utf8"); // also checks the CRC and length
    const nonce = /'nonce-([^']+)'/.exec(String(second.headers["content-security-policy"]))![1]!;
    expect(html.match(/nonce="[^"]+"/g)).toEqual([`nonce="${nonce}"`, `nonce="${nonce}"`, `nonce="${nonce}"`]);
    expect(html).toBe(first.body.toString("utf8").replaceAll(/nonce="[^"]+"/g, `nonce="${nonce}"`));
    expect(second.body.length).toBeLessThan(first.body.length / 4);
    // A client that takes no gzip gets the same page uncompressed.
    const plain = await rawGet("/groot", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(renderOf(plain.body.toString("utf8"))).toBe(renderOf(html));
  });

  it("holds at most maxEntries pages, dropping the oldest", async () => {
    const one = renderOf((await get("/pagina?q=1")).body);
    for (const q of ["2", "3", "4"]) await get(`/pagina?q=${q}`);
    expect(cache.size()).toBe(3);
    expect(renderOf((await get("/pagina?q=1")).body)).toBeGreaterThan(one);
  });
});

describe("databaseVersion, what the app's page cache checks", () => {
  it("changes with a commit by this process or by another connection, and only then", () => {
    const db = getDb();
    db.$client.exec("CREATE TABLE IF NOT EXISTS version_probe (x INTEGER)");
    const before = databaseVersion();
    expect(databaseVersion()).toBe(before);
    db.$client.prepare("SELECT count(*) FROM version_probe").get();
    expect(databaseVersion()).toBe(before); // reading changes nothing

    db.$client.prepare("INSERT INTO version_probe VALUES (1)").run();
    const afterOwn = databaseVersion();
    expect(afterOwn).not.toBe(before);

    // Another process (a second worker of a cluster) writes through its own connection.
    const other = new Database(process.env.DATABASE_PATH!);
    try {
      expect(databaseVersion()).toBe(afterOwn);
      other.prepare("INSERT INTO version_probe VALUES (2)").run();
      const afterOther = databaseVersion();
      expect(afterOther).not.toBe(afterOwn);
      expect(databaseVersion()).toBe(afterOther);
    } finally {
      other.close();
    }
  });
});

describe("a kept page compressed once, with room for each response's nonce", () => {
  it("decompresses to the page with the new nonce, whatever the text and wherever the nonces are", () => {
    const nonceChars = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    const nonce = fc.array(nonceChars, { minLength: 22, maxLength: 22 }).map((chars) => `${chars.join("")}==`);
    // Text that repeats itself (so the compressor finds matches everywhere,
    // also right next to where the nonces go), in any script, emoji included.
    const piece = fc.array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom('<script nonce="', '">', "</script>", "==", "AAAA")), { maxLength: 60 }).map((bits) => bits.join(""));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), nonce, nonce, fc.integer({ min: 1, max: 40 }), (pieces, oldNonce, newNonce, repeat) => {
        const parts = pieces.map((text) => Buffer.from(text.repeat(repeat)));
        const size = parts.reduce((sum, part) => sum + part.length, 0) + (parts.length - 1) * oldNonce.length;
        const deflated = deflatePieces(parts, Math.max(size, 1024), oldNonce.length);
        expect(deflated).not.toBeNull();
        const body = gunzipSync(gzipped({ parts, deflated }, newNonce)).toString("utf8");
        expect(body).toBe(pieces.map((text) => text.repeat(repeat)).join(newNonce));
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it("leaves a body that is not UTF-8 text to be compressed per response", () => {
    expect(deflatePieces([Buffer.from([0x3c, 0xff, 0x3e]), Buffer.alloc(2000, 0x61)], 2003, 24)).toBeNull();
    expect(deflatePieces([Buffer.from("klein")], 5, 24)).toBeNull();
  });
});
