// The HTTP server: security headers, compression, static files, then the app.
// `node server.js` serves the production build (run `npm run build` first);
// `node server.js --dev` serves the source through Vite with live reload.
import compression from "compression";
import express from "express";
import { bodyLimit, cspReports, formBodyGuard, precompressedAssets, securityHeaders } from "./http-stack.js";

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

server.use(securityHeaders({ development: DEVELOPMENT, https: HTTPS }));
server.use(bodyLimit(MAX_BODY_BYTES));
// Before the form guard: reports are JSON, not forms.
server.use(cspReports());
server.use(formBodyGuard());
server.use(compression());

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
