// The bench's baseline: the same HTTP stack as server.js (Express 5, the same
// security headers with a fresh CSP nonce per response, the body-size limit,
// compression), but instead of the app it answers fixed pages from memory.
// The middleware comes from http-stack.js, which server.js uses too. With
// WEB_CONCURRENCY above 1 it runs that many worker processes on the port, as
// server.js does in production (run.ts passes the same number to both).
//
//   BASELINE_PAGES=pages.json PORT=3300 node scripts/bench/baseline-server.js
//
// pages.json maps a name to { "status": 200, "html": "..." } (or a status
// 302 with a "location"); GET and POST /page/<name> answer it. run.ts fills it
// with the pages the app rendered, so size and compressibility are the same.
import cluster from "node:cluster";
import fs from "node:fs";
import express from "express";
import { bodyLimit, compressResponses, securityHeaders } from "../../http-stack.js";

const PORT = Number(process.env.PORT ?? 3300);
const HOST = process.env.HOST ?? "127.0.0.1";
const MAX_BODY_BYTES = 1024 * 1024;
const pages = JSON.parse(fs.readFileSync(process.env.BASELINE_PAGES ?? "", "utf8"));
const WORKERS = Number(process.env.WEB_CONCURRENCY ?? 1);

if (WORKERS > 1 && cluster.isPrimary) {
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 1000).unref();
    });
  }
} else {
  serve();
}

function serve() {

  const server = express();
  server.disable("x-powered-by");
  server.set("trust proxy", process.env.TRUST_PROXY === "true");

  server.use(securityHeaders());
  server.use(bodyLimit(MAX_BODY_BYTES));

  server.use(compressResponses());

  server.all("/page/:name", (req, res) => {
    const page = pages[req.params.name];
    if (!page) {
      res.status(404).end();
      return;
    }
    const answer = () => {
      if (page.location) {
        res.status(page.status).setHeader("Location", page.location);
        res.end();
        return;
      }
      // The nonce goes into the page, as React Router puts it on its scripts.
      res.status(page.status).type("text/html; charset=utf-8").send(page.html.replaceAll("__NONCE__", res.locals.nonce));
    };
    if (req.method === "POST") {
      // Read the form body, as the app does before it answers.
      const chunks = [];
      req.on("data", (chunk) => chunks.push(chunk));
      req.on("end", () => {
        new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        answer();
      });
      return;
    }
    answer();
  });

  const listener = server.listen(PORT, HOST, () => {
    console.log(`Baseline on http://${HOST}:${PORT}`);
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      listener.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
  if (cluster.isWorker) process.on("disconnect", () => process.exit(0));
}
