// The HTTP stack server.js puts in front of the app, shared with the
// benchmark's baseline server (scripts/bench/baseline-server.js) so both
// answer through exactly the same middleware.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { extname, resolve } from "node:path";
import zlib from "node:zlib";

/**
 * Security headers on every response: a CSP with a fresh nonce (not in
 * development, where Vite injects scripts), nosniff, referrer policy, no
 * framing, HSTS over HTTPS, and no-store for anyone signed in.
 */
export const CSP_REPORT_PATH = "/csp-rapport";

export function securityHeaders({ development = false, https = false } = {}) {
  return (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    if (!development) {
      res.setHeader(
        "Content-Security-Policy",
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self'",
          // Map tiles come from PDOK, the Dutch government's map service (the only third party).
          "img-src 'self' data: https://service.pdok.nl",
          "font-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          ...(https ? ["upgrade-insecure-requests"] : []),
          // Browsers send what the policy blocked to cspReports() below. Only
          // report-uri: a report-to would make Chromium ignore it and batch its
          // reports for up to a minute (the endpoint takes both formats).
          `report-uri ${CSP_REPORT_PATH}`,
        ].join("; "),
      );
    }
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()");
    if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    // Pages seen by someone signed in can hold personal data: never store them.
    if (!req.path.startsWith("/assets/") && /(?:^|;\s*)vl_session=/.test(req.headers.cookie ?? "")) {
      res.setHeader("Cache-Control", "private, no-store");
    }
    next();
  };
}

/** Refuse oversized bodies before anything reads them. */
export function bodyLimit(maxBytes) {
  return (req, res, next) => {
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBytes) {
      res.status(413).type("text/plain; charset=utf-8").send("Het verzoek is te groot.");
      return;
    }
    next();
  };
}

/** Methods whose requests an action reads a form from. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses request bodies an action cannot read, before the app sees them, so
 * that a broken or hostile request gets a 4xx instead of failing inside
 * `request.formData()` (a 500):
 *
 * - a body that is not a form (JSON, text/plain, no type, multipart without a
 *   boundary): 415;
 * - a body without Content-Length (chunked): 411. Browsers always send the
 *   length of a form, and with it bodyLimit() can refuse a large body before
 *   anything reads it. (Multipart that does not parse is refused with a 400
 *   by the root middleware, app/root.tsx.)
 *
 * And a body the app left unread is drained once the answer is sent: an
 * action that answers without reading it (a redirect to sign in, a 403)
 * would otherwise leave it paused on the wire, and the client's next request
 * on the same connection would be reset.
 */
export function formBodyGuard() {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    res.once("finish", () => {
      if (!req.complete) {
        req.removeAllListeners("data");
        req.resume();
      }
    });
    const type = String(req.headers["content-type"] ?? "").toLowerCase();
    const multipart = /^multipart\/form-data\s*;/.test(type) && /;\s*boundary=("[^"]+"|[^;\s]+)/.test(type);
    if (!multipart && !type.startsWith("application/x-www-form-urlencoded")) {
      refuse(res, 415, "Het verzoek bevat geen formulier.");
      return;
    }
    if (req.headers["content-length"] === undefined) {
      refuse(res, 411, "Het verzoek moet zeggen hoe groot het is (Content-Length).");
      return;
    }
    next();
  };
}

function refuse(res, status, message) {
  res.status(status).type("text/plain; charset=utf-8").send(message);
}

/**
 * Where browsers send what the Content-Security-Policy blocked (report-uri's
 * `application/csp-report`, and the Reporting API's `application/reports+json`
 * should report-to be added). One line per report in the server log, so an
 * attempt at cross-site scripting, or a page the policy breaks, shows up in
 * production. Small bodies only; always 204.
 */
export function cspReports({ maxBytes = 32 * 1024, log = (line) => console.warn(line) } = {}) {
  const TYPES = ["application/csp-report", "application/reports+json", "application/json"];
  return (req, res, next) => {
    if (req.path !== CSP_REPORT_PATH) return next();
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      refuse(res, 405, "Alleen POST.");
      return;
    }
    const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (!TYPES.includes(type)) {
      refuse(res, 415, "Geen CSP-rapport.");
      return;
    }
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
      refuse(res, 413, "Het verzoek is te groot.");
      return;
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        if (!done) refuse(res, 413, "Het verzoek is te groot.");
        done = true;
        return;
      }
      if (!done) chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      let reports;
      try {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        reports = Array.isArray(parsed) ? parsed.map((entry) => entry?.body) : [parsed?.["csp-report"]];
      } catch {
        refuse(res, 400, "Geen geldig CSP-rapport.");
        return;
      }
      for (const report of reports.slice(0, 100)) {
        if (report && typeof report === "object") log(cspReportLine(report));
      }
      res.status(204).end();
    });
  };
}

/** One log line: what was blocked, by which directive, on which page (each value cut short, on one line). */
function cspReportLine(report) {
  const field = (...names) => {
    for (const name of names) {
      const value = report[name];
      if (typeof value === "string" || typeof value === "number") {
        return JSON.stringify(String(value).slice(0, 200));
      }
    }
    return '""';
  };
  return [
    "CSP-rapport:",
    `directive=${field("effective-directive", "effectiveDirective", "violated-directive")}`,
    `blocked=${field("blocked-uri", "blockedURL")}`,
    `page=${field("document-uri", "documentURL")}`,
    `source=${field("source-file", "sourceFile")}:${field("line-number", "lineNumber")}`,
    `sample=${field("script-sample", "sample")}`,
  ].join(" ");
}

/**
 * The build also writes every script, style sheet and SVG compressed once at
 * the highest level (`name.br`, `name.gz`; see vite.config.ts). Send those to
 * browsers that accept them instead of compressing each response again: about
 * 13% less JavaScript on the wire (see test/e2e/js-budget.spec.ts), and no
 * compression work per request. Anything else falls through to
 * express.static (and `compression`).
 */
export function precompressedAssets(dir) {
  const root = resolve(dir);
  let files;
  try {
    files = new Set(readdirSync(root));
  } catch {
    files = new Set();
  }
  const TYPES = new Set([".js", ".css", ".svg"]);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    if (name.includes("/") || !TYPES.has(extname(name)) || !files.has(name)) return next();
    res.vary("Accept-Encoding");
    // Brotli when the client takes it (browsers do, over HTTPS), else gzip.
    const encoding = req.acceptsEncodings("br") ? "br" : req.acceptsEncodings("gzip") ? "gzip" : null;
    const suffix = encoding === "br" ? ".br" : ".gz";
    if (!encoding || !files.has(name + suffix)) return next();
    res.setHeader("Content-Encoding", encoding);
    res.type(extname(name));
    res.sendFile(name + suffix, { root, immutable: true, maxAge: "1y", acceptRanges: false }, (error) => {
      if (error) next(error);
    });
  };
}

/** Types worth compressing: text, and JSON/XML/JavaScript/SVG in any of their forms. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|xml|[\w.+-]*\+(?:json|xml))\b|image\/svg\+xml\b)/i;

/**
 * Compresses each response whole, in one go, instead of as a stream (what
 * the `compression` package does). Our pages leave React as one piece
 * (app/entry.server.tsx), and for one piece of 30–150 kB the stream's
 * machinery — a zlib stream per response, its hand-off to the thread pool
 * and the callbacks back — cost about as much as the compression itself:
 * with two workers, a tenth of the CPU of a signed-in page
 * (docs/performance.md).
 *
 * A response whose type is compressible is kept in memory until it ends,
 * then sent compressed: brotli (quality 4, as `compression` uses) when the
 * client takes it, else gzip, else as it is; always with
 * `Vary: Accept-Encoding`. Up to `syncBytes` it is compressed on the spot
 * (under a millisecond), larger bodies in the thread pool, so a long export
 * never holds up other requests. Everything else (images, responses already
 * encoded or marked `no-transform`, HEAD, 204/206/304, bodies under
 * `threshold`) passes through unchanged, and anything not compressible is
 * streamed as it comes.
 */
export function compressResponses({ threshold = 1024, syncBytes = 256 * 1024, brotliQuality = 4, gzipLevel = 6 } = {}) {
  const brotliOptions = (size) => ({
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size },
  });
  return (req, res, next) => {
    const write = res.write;
    const end = res.end;
    /** null until the first write decides; then "buffer" or "pass". */
    let mode = null;
    /** end() was called: later writes and ends are ignored (the body may still be compressing). */
    let ending = false;
    const chunks = [];
    let size = 0;
    // For an error after part of the body was written: the error page replaces it instead of
    // being appended to it (nothing of a held body has reached the client yet).
    res.locals.discardBody = () => {
      chunks.length = 0;
      size = 0;
    };

    // Unwrap, unless a later middleware wrapped ours (admitInOrder, the page cache): its wrapper
    // must stay, and ours passes straight through once the mode is "pass".
    const restore = () => {
      if (res.write === compressingWrite) res.write = write;
      if (res.end === compressingEnd) res.end = end;
    };
    const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, encoding || "utf8") : Buffer.from(chunk));
    const compressible = () => {
      if (req.method === "HEAD" || res.headersSent) return false;
      if (res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 206 || res.statusCode === 304) return false;
      const encoding = res.getHeader("Content-Encoding");
      if (encoding && encoding !== "identity") return false;
      if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader("Cache-Control") ?? ""))) return false;
      return COMPRESSIBLE.test(String(res.getHeader("Content-Type") ?? ""));
    };
    const decide = () => {
      if (mode) return;
      mode = compressible() ? "buffer" : "pass";
      if (mode === "pass") restore();
    };

    const compressingWrite = function (chunk, encoding, callback) {
      decide();
      if (mode === "pass") return write.apply(this, arguments);
      if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      if (ending) return false;
      if (chunk != null && chunk.length !== 0) {
        const buffer = toBuffer(chunk, encoding);
        chunks.push(buffer);
        size += buffer.length;
      }
      if (callback) process.nextTick(callback);
      return true;
    };

    const compressingEnd = function (chunk, encoding, callback) {
      if (typeof chunk === "function") [callback, chunk, encoding] = [chunk, undefined, undefined];
      else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      decide();
      if (mode === "pass") return end.call(this, chunk, encoding, callback);
      if (ending) return this;
      ending = true;
      if (chunk != null && chunk.length !== 0) {
        const buffer = toBuffer(chunk, encoding);
        chunks.push(buffer);
        size += buffer.length;
      }
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      // Headers written in between (an explicit writeHead) can no longer say how it is encoded.
      if (res.headersSent) return end.call(this, body, callback);
      res.vary("Accept-Encoding");
      const method = size < threshold ? null : req.acceptsEncodings("br") ? "br" : req.acceptsEncodings("gzip") ? "gzip" : null;
      const send = (error, compressed) => {
        if (res.headersSent || res.destroyed) return end.call(res, callback);
        if (error || !method) {
          res.setHeader("Content-Length", body.length);
          return end.call(res, body, callback);
        }
        res.setHeader("Content-Encoding", method);
        res.setHeader("Content-Length", compressed.length);
        end.call(res, compressed, callback);
      };
      if (!method) send(null);
      else if (size <= syncBytes) {
        let compressed;
        try {
          compressed = method === "br" ? zlib.brotliCompressSync(body, brotliOptions(size)) : zlib.gzipSync(body, { level: gzipLevel });
        } catch (error) {
          return send(error);
        }
        send(null, compressed);
      } else if (method === "br") zlib.brotliCompress(body, brotliOptions(size), send);
      else zlib.gzip(body, { level: gzipLevel }, send);
      return this;
    };
    res.write = compressingWrite;
    res.end = compressingEnd;
    next();
  };
}

/**
 * Lets the app's page requests (GET and HEAD) in one at a time, in the order
 * they arrived (docs/decisions/016-requests-in-arrival-order.md).
 *
 * Node reads the requests that arrived on its connections in one batch per
 * turn of its event loop, and starts each of them at once. A page render
 * waits in between (loaders, React's stream), so the renders of one batch
 * run interleaved, and a request that arrives just after a batch was read
 * waits for that whole batch and then for its place in the next one, which
 * follows the order of the connections, not of arrival: with a fixed 3.3 ms
 * of work per request and ten connections, half the answers took 30 ms and
 * one in a hundred 64 ms. Here a request that finds another one running
 * waits in line, and the next in line starts in a later turn, after Node has
 * read what arrived meanwhile (`setImmediate`): every request waits for
 * those that came before it and no others (the same test: 35 ms for half,
 * 38 ms for one in a hundred, at the same throughput).
 *
 * Cheap requests (a kept page) are let in straight away as long as this turn
 * has spent less than `sliceMs` on requests, so they cost no extra turn. A
 * request is done when the app ends its response (compression included) or
 * the client leaves; one that leaves while it waits is never started. One
 * that holds its turn longer than `maxHoldMs` (a slow export) lets the next
 * start beside it. Forms (POST) are not held: their bodies come at the
 * client's pace.
 */
export function admitInOrder({ sliceMs = 1, maxHoldMs = 1000 } = {}) {
  const waiting = [];
  /** The release of the request that has its turn, or null. */
  let running = null;
  let runningSince = 0;
  /** When this turn of the event loop let its first request in; -1 if none yet. */
  let turnStart = -1;
  let turnScheduled = false;

  const mayStartNow = () => running === null && (turnStart < 0 || performance.now() - turnStart < sliceMs);
  const admitWaiting = () => {
    while (waiting.length > 0 && mayStartNow()) waiting.shift()();
  };
  const newTurn = () => {
    turnScheduled = false;
    turnStart = -1;
    admitWaiting();
  };
  const scheduleTurn = () => {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(newTurn);
  };
  const watchdog = setInterval(
    () => {
      if (running !== null && performance.now() - runningSince > maxHoldMs) running();
    },
    Math.max(10, Math.floor(maxHoldMs / 2)),
  );
  watchdog.unref();

  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    /** "waiting", "running" or "done". */
    let state = "waiting";
    const release = () => {
      if (state === "running" && running === release) {
        running = null;
        if (waiting.length > 0) scheduleTurn();
      }
      state = "done";
    };
    const admit = () => {
      if (state !== "waiting") return;
      // Gone while it waited (a request behind another on its connection gets no 'close' of its own).
      if (req.socket?.destroyed) {
        state = "done";
        return;
      }
      state = "running";
      running = release;
      runningSince = performance.now();
      if (turnStart < 0) turnStart = runningSince;
      scheduleTurn();
      const end = res.end;
      res.end = function endAndRelease(...args) {
        try {
          return end.apply(this, args);
        } finally {
          release();
        }
      };
      next();
    };
    res.once("close", release);
    if (waiting.length === 0 && mayStartNow()) admit();
    else {
      waiting.push(admit);
      scheduleTurn();
    }
  };
}
