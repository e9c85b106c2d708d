// The HTTP stack server.js puts in front of the app, shared with the
// benchmark's baseline server (scripts/bench/baseline-server.js) so both
// answer through exactly the same middleware.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { extname, resolve } from "node:path";

/**
 * Security headers on every response: a CSP with a fresh nonce (not in
 * development, where Vite injects scripts), nosniff, referrer policy, no
 * framing, HSTS over HTTPS, and no-store for anyone signed in.
 */
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
