// The HTTP server: security headers, compression, static files, then the app.
// `node server.js` serves the production build (run `npm run build` first);
// `node server.js --dev` serves the source through Vite with live reload.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { extname, resolve } from "node:path";
import compression from "compression";
import express from "express";

const DEVELOPMENT = process.argv.includes("--dev");
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const PUBLIC_URL = process.env.PUBLIC_URL ?? `http://localhost:${PORT}`;
const HTTPS = PUBLIC_URL.startsWith("https:");
const MAX_BODY_BYTES = 1024 * 1024; // 1 MiB
const BUILD_DIR = process.env.BUILD_DIR ?? "build";

const server = express();
server.disable("x-powered-by");
server.set("trust proxy", process.env.TRUST_PROXY === "true");

/** Security headers on every response. */
server.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  if (!DEVELOPMENT) {
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
        ...(HTTPS ? ["upgrade-insecure-requests"] : []),
      ].join("; "),
    );
  }
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()");
  if (HTTPS) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // Pages seen by someone signed in can hold personal data: never store them.
  if (!req.path.startsWith("/assets/") && /(?:^|;\s*)vl_session=/.test(req.headers.cookie ?? "")) {
    res.setHeader("Cache-Control", "private, no-store");
  }
  next();
});

/** Refuse oversized bodies before anything reads them. */
server.use((req, res, next) => {
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send("Het verzoek is te groot.");
    return;
  }
  next();
});

server.use(compression());

/**
 * The build also writes every script, style sheet and SVG compressed once at
 * the highest level (`name.br`, `name.gz`; see vite.config.ts). Send those to
 * browsers that accept them instead of compressing each response again: about
 * 13% less JavaScript on the wire (see test/e2e/js-budget.spec.ts), and no
 * compression work per request. Anything else falls through to
 * express.static (and `compression`).
 */
function precompressedAssets(dir) {
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
  const build = await import(new URL(`./${BUILD_DIR}/server/index.js`, import.meta.url).href);
  await build.startup();
  build.startBackgroundJobs();
  stop = build.stopBackgroundJobs;
  server.use("/assets", precompressedAssets(`${BUILD_DIR}/client/assets`));
  server.use("/assets", express.static(`${BUILD_DIR}/client/assets`, { immutable: true, maxAge: "1y" }));
  server.use(express.static(`${BUILD_DIR}/client`, { maxAge: "1h" }));
  server.use(build.app);
}

// Last resort: never a stack trace to a visitor.
server.use((error, req, res, _next) => {
  console.error(error);
  if (res.headersSent) return;
  res.status(500).type("text/plain; charset=utf-8").send("Er ging iets mis. Probeer het later opnieuw.");
});

const listener = server.listen(PORT, HOST, () => {
  console.log(`Veranderlab draait op ${PUBLIC_URL}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stop();
    listener.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
