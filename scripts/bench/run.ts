/**
 * `npm run bench`: the performance benchmark (docs/performance.md).
 *
 * 1. Builds the app into .tmp/bench-build (BUILD_DIR), unless --skip-build.
 * 2. Generates the city-scale dataset (scripts/bench/generate.ts) once into
 *    .tmp/bench/large-template.db (again when the generator or the
 *    migrations change, or with --regenerate) and copies it for the run.
 * 3. Starts three servers side by side on free ports in 3300–3399: the
 *    production server (`node server.js`, NODE_ENV=production) on a copy of
 *    the large dataset, the same on a new database that a normal start-up
 *    seeds with the demo (SEED_DEMO=true), and the baseline
 *    (scripts/bench/baseline-server.js: the same HTTP stack answering the
 *    pages the app rendered, from memory). Signs in bench residents and an
 *    official by writing sessions the way createSession does, and checks
 *    every target once.
 * 4. Loads each target with autocannon from this process (a second process
 *    next to the servers): a warm-up, then a fixed time at a fixed number of
 *    connections, on large, demo and baseline right after one another.
 * 5. Prints the tables and writes .tmp/bench/results-<time>.json (+ .md) and
 *    .tmp/bench/latest.json. Stops its servers.
 *
 * Options: --duration 10 --warmup 2 --connections 10 --skip-build
 *          --regenerate --only home,post (target names) --skip-demo
 *          --page-cache-seconds 0 (the app servers' PAGE_CACHE_SECONDS; 0
 *          renders every visitor's page, see docs/decisions/013)
 *          --workers 1 (WEB_CONCURRENCY for the app servers and the baseline;
 *          by default what production runs: one worker per core, see
 *          docs/decisions/014)
 *          --quiet-share 0.15 --quiet-wait 30 (before each target, wait up to
 *          30 s until other processes use less than 15% of the machine's CPU;
 *          the share they used during each run is in the table either way)
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { generateSecureRandomString, hashSecret } from "../../app/auth/session";
import { CODE_OF_CONDUCT_VERSION } from "../../app/domain/moderation/code-of-conduct";
import { BENCH_PASSWORD, generate } from "./generate";
import { hashPassword } from "../../app/auth/password.server";

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const DURATION = Number(option("duration") ?? 10);
const WARMUP = Number(option("warmup") ?? 2);
const CONNECTIONS = Number(option("connections") ?? 10);
const ONLY = option("only")?.split(",");
const PAGE_CACHE_SECONDS = option("page-cache-seconds");
/** Worker processes per server (WEB_CONCURRENCY); by default production's: one per core. */
const WORKERS = option("workers") ?? String(os.availableParallelism());
const ROOT = process.cwd();
const TMP = path.join(ROOT, ".tmp/bench");
const BUILD_DIR = ".tmp/bench-build";
const SESSION_RESIDENTS = 200;
const P99_TARGET_MS = 50;
const RATIO_TARGET = 0.8;
const JS_BUDGET_BYTES = 120 * 1024;

fs.mkdirSync(TMP, { recursive: true });
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

const children = new Set<ChildProcess>();
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, "w");
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", out, out] });
    children.add(child);
    child.on("exit", (code) => {
      children.delete(child);
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${code}); see ${logFile}`));
    });
  });
}

async function freePort(): Promise<number> {
  for (let port = 3300; port <= 3399; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("No free port in 3300–3399");
}

type Server = { child: ChildProcess; port: number; origin: string; stop: () => Promise<void> };

async function startServer(label: string, script: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(TMP, `server-${label}.log`);
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", out, out],
  });
  children.add(child);
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} server exited (${child.exitCode}); see ${logFile}`);
    try {
      const response = await request(`${origin}/__bench_ready`);
      if (response.status > 0) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`${label} server did not start; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    port,
    origin,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => {
          children.delete(child);
          fs.closeSync(out);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** A raw HTTP request: status, headers and the body as sent (not decompressed). */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    // A fresh connection each time (Node's global agent keeps sockets alive, and the server may have closed them).
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(options.body);
  });
}

function decoded(response: { headers: http.IncomingHttpHeaders; body: Buffer }): string {
  const encoding = response.headers["content-encoding"];
  if (encoding === "gzip") return zlib.gunzipSync(response.body).toString("utf8");
  if (encoding === "br") return zlib.brotliDecompressSync(response.body).toString("utf8");
  if (encoding === "deflate") return zlib.inflateSync(response.body).toString("utf8");
  return response.body.toString("utf8");
}

/** A server's processes: the one started, and its workers when it runs as a cluster. */
function processTree(pid: number): number[] {
  try {
    const children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
    return [pid, ...children];
  } catch {
    return [pid]; // pgrep exits 1 when there are no children
  }
}

/**
 * Peak resident memory since the last reset (VmHWM), and a reset of it
 * (clear_refs 5), added up over the server's processes (with workers, the
 * sum of each one's peak: at most that much was in use at once).
 */
function memory(pid: number) {
  const read = () => {
    let peakMb = 0;
    let rssMb = 0;
    for (const each of processTree(pid)) {
      const status = fs.readFileSync(`/proc/${each}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      peakMb += kb("VmHWM") / 1024;
      rssMb += kb("VmRSS") / 1024;
    }
    return { peakMb, rssMb };
  };
  const reset = () => {
    try {
      for (const each of processTree(pid)) fs.writeFileSync(`/proc/${each}/clear_refs`, "5");
      return true;
    } catch {
      return false;
    }
  };
  return { read, reset };
}

/** CPU time (in clock ticks) the whole machine spent busy and in total, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  const idle = fields[3]! + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Clock ticks per second (`getconf CLK_TCK`), the unit of the CPU times in /proc. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (clock ticks) of one process (utime + stime), from /proc/<pid>/stat. */
function processTicks(pid: number | "self"): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * How much of the machine other work used while `work` ran (0–1): the machine's busy time minus
 * the bench's own processes (this one, which runs autocannon, and the server under test).
 */
async function othersShare<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; others: number }> {
  const m0 = machineTicks();
  const own0 = pids.reduce((sum, pid) => sum + processTicks(pid), processTicks("self"));
  const result = await work();
  const m1 = machineTicks();
  const own1 = pids.reduce((sum, pid) => sum + processTicks(pid), processTicks("self"));
  const total = m1.total - m0.total;
  return { result, others: total > 0 ? Math.max(0, (m1.busy - m0.busy - (own1 - own0)) / total) : 0 };
}

const QUIET_SHARE = Number(option("quiet-share") ?? 0.15);
const QUIET_WAIT_SECONDS = Number(option("quiet-wait") ?? 30);

/** Waits (at most QUIET_WAIT_SECONDS) until other work uses less than QUIET_SHARE of the machine. */
async function waitForQuiet(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { others } = await othersShare([], () => new Promise((resolve) => setTimeout(resolve, 1000)));
    if (others <= QUIET_SHARE || Date.now() - started >= QUIET_WAIT_SECONDS * 1000) return others;
  }
}

// ---------------------------------------------------------------------------
// Dataset, sessions and targets
// ---------------------------------------------------------------------------

function fileHash(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

async function largeDatabase(): Promise<{ file: string; generatedSeconds: number | null; sizeMb: number }> {
  const template = path.join(TMP, "large-template.db");
  const keyFile = `${template}.key`;
  const migrations = fs.readdirSync("db/migrations", { recursive: true }).map(String).filter((f) => f.endsWith(".sql") || f.endsWith(".json")).sort();
  const key = fileHash([
    "scripts/bench/generate.ts",
    "scripts/bench/random.ts",
    "scripts/bench/texts.ts",
    "db/schema.ts",
    ...migrations.map((f) => path.join("db/migrations", f)),
  ]);
  let generatedSeconds: number | null = null;
  if (flag("regenerate") || !fs.existsSync(template) || !fs.existsSync(keyFile) || fs.readFileSync(keyFile, "utf8") !== key) {
    log("Generating the large dataset…");
    const result = await generate(template, 2026, log);
    generatedSeconds = result.seconds;
    fs.writeFileSync(keyFile, key);
    fs.writeFileSync(path.join(TMP, "generate.json"), JSON.stringify(result, null, 2));
  } else {
    log("Large dataset: reusing .tmp/bench/large-template.db (same generator and migrations; --regenerate to make it again)");
    const previous = path.join(TMP, "generate.json");
    if (fs.existsSync(previous)) generatedSeconds = JSON.parse(fs.readFileSync(previous, "utf8")).seconds;
  }
  const file = path.join(TMP, "large.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(template, file);
  return { file, generatedSeconds, sizeMb: fs.statSync(file).size / 1024 / 1024 };
}

type Sessions = { residents: string[]; residentIds: string[]; official: string };

/**
 * Cookies for SESSION_RESIDENTS residents and one official, written as
 * createSession does (id, SHA-256 of the secret). A database with fewer
 * residents (the demo) gets bench residents added (same password as the
 * generated ones).
 */
async function signIn(file: string): Promise<Sessions> {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  const select = () =>
    db
      .prepare(
        `SELECT id FROM users WHERE role = 'bewoner' AND email_verified_at IS NOT NULL AND blocked_at IS NULL AND deleted_at IS NULL
         ORDER BY created_at, id LIMIT ?`,
      )
      .all(SESSION_RESIDENTS) as Array<{ id: string }>;
  let residents = select();
  if (residents.length < SESSION_RESIDENTS) {
    const hash = await hashPassword(BENCH_PASSWORD);
    const now = Date.now();
    const insertUser = db.prepare(
      `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, role, code_of_conduct_version, code_of_conduct_accepted_at, created_at)
       VALUES (?,?,?,?,?,'bewoner',?,?,?)`,
    );
    const accept = db.prepare(`INSERT INTO code_of_conduct_acceptances (user_id, version, accepted_at) VALUES (?,?,?)`);
    db.transaction(() => {
      for (let i = residents.length; i < SESSION_RESIDENTS; i++) {
        const id = generateSecureRandomString();
        insertUser.run(id, `bench-${i}@bench.veranderlab.test`, now, hash, `Bench bewoner ${i}`, CODE_OF_CONDUCT_VERSION, now, now + i);
        accept.run(id, CODE_OF_CONDUCT_VERSION, now);
      }
    })();
    residents = select();
  }
  const official = db.prepare(`SELECT id FROM users WHERE role = 'ambtenaar' AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`).get() as { id: string };
  const insertSession = db.prepare(`INSERT INTO sessions (id, secret_hash, user_id, created_at, last_active_at) VALUES (?,?,?,?,?)`);
  const session = (userId: string) => {
    const id = generateSecureRandomString();
    const secret = generateSecureRandomString();
    const now = Date.now();
    insertSession.run(id, Buffer.from(hashSecret(secret)), userId, now, now);
    return `vl_session=${id}.${secret}`;
  };
  const result = db.transaction(() => ({
    residents: residents.map((r) => session(r.id)),
    residentIds: residents.map((r) => r.id),
    official: session(official.id),
  }))();
  db.close();
  return result;
}

type Pair = { cookie: string; measureId: number; knelpuntId: number };

type Discovered = {
  cycleSlug: string;
  knelpuntCount: number;
  busyKnelpunt: { id: number; measures: number; reactions: number };
  busyPost: { slug: string; reactions: number };
  queueWaiting: number;
  pairs: Pair[];
};

/** The targets, found the same way in any database: the biggest running cycle, the busiest knelpunt and post, … */
function discover(file: string, sessions: Sessions): Discovered {
  const db = new Database(file, { readonly: true });
  const cycle = db
    .prepare(
      `SELECT c.id, c.slug, (SELECT count(*) FROM knelpunten k WHERE k.cycle_id = c.id) AS n FROM cycles c
       WHERE c.phase IN ('meedenken', 'zelf_doen', 'opschalen') ORDER BY n DESC, c.id LIMIT 1`,
    )
    .get() as { id: number; slug: string; n: number };
  const busyKnelpunt = db
    .prepare(
      `SELECT k.id,
         (SELECT count(*) FROM measures m WHERE m.knelpunt_id = k.id) AS measures,
         (SELECT count(*) FROM reactions r WHERE r.target_type = 'knelpunt' AND r.target_id = k.id) AS reactions
       FROM knelpunten k JOIN cycles c ON c.id = k.cycle_id
       WHERE c.phase != 'concept' AND k.moderation = 'visible' ORDER BY measures + reactions DESC, k.id LIMIT 1`,
    )
    .get() as Discovered["busyKnelpunt"];
  const busyPost = db
    .prepare(
      `SELECT p.slug, (SELECT count(*) FROM reactions r WHERE r.target_type = 'post' AND r.target_id = p.id) AS reactions
       FROM posts p LEFT JOIN cycles c ON c.id = p.cycle_id
       WHERE p.status = 'published' AND (c.phase IS NULL OR c.phase != 'concept') ORDER BY reactions DESC, p.id LIMIT 1`,
    )
    .get() as Discovered["busyPost"];
  const queueWaiting = (db.prepare(`SELECT count(*) AS n FROM knelpunten WHERE status = 'geescaleerd' AND escalated_at IS NOT NULL`).get() as { n: number }).n;
  // Measures a resident can support now: self-help, still active, public, in a cycle in zelf_doen, knelpunt open for self-help.
  const measures = db
    .prepare(
      `SELECT m.id, m.knelpunt_id AS knelpuntId FROM measures m
       JOIN knelpunten k ON k.id = m.knelpunt_id JOIN cycles c ON c.id = m.cycle_id
       WHERE m.kind = 'zelf' AND m.status IN ('voorgesteld', 'aangenomen', 'in_uitvoering') AND m.moderation = 'visible'
         AND k.status IN ('open', 'zelf_aan_de_slag') AND k.moderation = 'visible' AND c.phase = 'zelf_doen'
       ORDER BY (c.id = ?) DESC, (m.id * 7919) % 1009, m.id LIMIT 100`,
    )
    .all(cycle.id) as Array<{ id: number; knelpuntId: number }>;
  const supported = db.prepare(`SELECT 1 FROM supports WHERE measure_id = ? AND user_id = ?`);
  const pairs: Pair[] = [];
  // Each resident in at most two pairs, so no one comes near a cycle's limit.
  for (let i = 0; i < sessions.residents.length * 2 && measures.length; i++) {
    const r = i % sessions.residents.length;
    const measure = measures[(i * 37) % measures.length]!;
    if (supported.get(measure.id, sessions.residentIds[r])) continue;
    pairs.push({ cookie: sessions.residents[r]!, measureId: measure.id, knelpuntId: measure.knelpuntId });
  }
  db.close();
  if (!pairs.length) throw new Error(`No measure to support in ${file}`);
  return { cycleSlug: cycle.slug, knelpuntCount: cycle.n, busyKnelpunt, busyPost, queueWaiting, pairs };
}

type Target = {
  name: string;
  label: string;
  method: "GET" | "POST";
  path: string;
  expect: number;
  /** Cookie per request (rotated), or none. */
  cookies?: string[];
  /** The support action: support, then withdraw, pair by pair (each connection its own pairs, in order). */
  pairs?: Pair[];
};

function targets(d: Discovered, sessions: Sessions): Target[] {
  return [
    { name: "home", label: "home", method: "GET", path: "/", expect: 200 },
    { name: "cycle", label: "cycle page", method: "GET", path: `/rondes/${d.cycleSlug}`, expect: 200 },
    { name: "list1", label: "knelpunten p.1", method: "GET", path: `/rondes/${d.cycleSlug}/knelpunten`, expect: 200 },
    { name: "list100", label: "knelpunten p.100", method: "GET", path: `/rondes/${d.cycleSlug}/knelpunten?pagina=100`, expect: 200 },
    { name: "knelpunt", label: "busy knelpunt", method: "GET", path: `/knelpunten/${d.busyKnelpunt.id}`, expect: 200 },
    { name: "knelpuntSignedIn", label: "busy knelpunt (resident)", method: "GET", path: `/knelpunten/${d.busyKnelpunt.id}`, expect: 200, cookies: sessions.residents },
    { name: "post", label: "post", method: "GET", path: `/berichten/${d.busyPost.slug}`, expect: 200 },
    { name: "queue", label: "officials' queue", method: "GET", path: "/beoordelen", expect: 200, cookies: [sessions.official] },
    { name: "support", label: "support action", method: "POST", path: "/maatregelen/:id", expect: 302, pairs: d.pairs },
  ].filter((t) => !ONLY || ONLY.includes(t.name)) as Target[];
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

type Load = {
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  requests: number;
  unexpected: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
  peakMb: number | null;
  /** The machine's 1-minute load average after the run (other work on the machine skews the figures). */
  loadAverage: number;
  /** Share of the machine's CPU that other processes used during the measured run (0–1). */
  othersCpu: number;
  /** CPU time of the server process (all its threads, compression included) per finished request. */
  cpuMsPerRequest: number;
};

const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "nl-NL,nl;q=0.9,en;q=0.8",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) veranderlab-bench",
};

function formBody(intent: string, pair: Pair) {
  return new URLSearchParams({ intent, redirectTo: `/knelpunten/${pair.knelpuntId}` }).toString();
}

let pairCursor = 0;

function autocannonOptions(origin: string, target: Target, duration: number, baselinePath?: string): autocannon.Options {
  const base = {
    url: origin,
    connections: CONNECTIONS,
    duration,
    timeout: 30,
    headers: { ...BROWSER_HEADERS, host: new URL(origin).host },
  };
  const path = baselinePath ?? target.path;
  if (target.pairs) {
    const pairs = target.pairs;
    const headers = (pair: Pair) => ({
      ...BROWSER_HEADERS,
      host: new URL(origin).host,
      origin,
      "content-type": "application/x-www-form-urlencoded",
      // (autocannon adds Content-Length itself; a second one makes the request invalid)
      cookie: pair.cookie,
    });
    // Two requests per round on each connection: support a pair, then withdraw it (so the data stays as generated).
    return {
      ...base,
      requests: [
        {
          method: "POST",
          setupRequest: (req: any, context: any) => {
            const pair = pairs[pairCursor++ % pairs.length]!;
            context.pair = pair;
            const body = formBody("support", pair);
            return { ...req, method: "POST", path: baselinePath ?? `/maatregelen/${pair.measureId}`, headers: headers(pair), body };
          },
        },
        {
          method: "POST",
          setupRequest: (req: any, context: any) => {
            const pair: Pair = context.pair ?? pairs[0]!;
            const body = formBody("withdrawSupport", pair);
            return { ...req, method: "POST", path: baselinePath ?? `/maatregelen/${pair.measureId}`, headers: headers(pair), body };
          },
        },
      ],
    } as autocannon.Options;
  }
  if (target.cookies && target.cookies.length > 1) {
    const cookies = target.cookies;
    let cursor = 0;
    return {
      ...base,
      requests: [
        {
          method: "GET",
          setupRequest: (req: any) => ({ ...req, method: "GET", path, headers: { ...base.headers, cookie: cookies[cursor++ % cookies.length]! } }),
        },
      ],
    } as autocannon.Options;
  }
  // autocannon takes the path from the URL when there is no `requests` list.
  return { ...base, url: `${origin}${path}`, method: "GET", headers: { ...base.headers, ...(target.cookies ? { cookie: target.cookies[0]! } : {}) } } as autocannon.Options;
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function load(server: Server, target: Target, baselinePath?: string): Promise<Load> {
  const mem = memory(server.child.pid!);
  const canReset = mem.reset();
  await cannon(autocannonOptions(server.origin, target, WARMUP, baselinePath));
  // The server's processes: with workers, their CPU time adds up.
  const pids = processTree(server.child.pid!);
  const ticks = () => pids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const cpu0 = ticks();
  const { result, others } = await othersShare(pids, () => cannon(autocannonOptions(server.origin, target, DURATION, baselinePath)));
  const cpuMs = ((ticks() - cpu0) * 1000) / CLOCK_TICKS;
  const statusCodes: Record<string, number> = {};
  for (const [code, value] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (value as { count: number }).count;
  const unexpected = Object.entries(statusCodes)
    .filter(([code]) => Number(code) !== target.expect)
    .reduce((sum, [, n]) => sum + n, 0);
  const latency = result.latency as unknown as Record<string, number>;
  return {
    rps: result.requests.average,
    p50: latency.p50!,
    p99: latency.p99!,
    p999: latency.p99_9 ?? latency.p999 ?? NaN,
    max: latency.max!,
    requests: result.requests.total,
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
    peakMb: canReset ? mem.read().peakMb : null,
    loadAverage: os.loadavg()[0]!,
    othersCpu: others,
    cpuMsPerRequest: result.requests.total ? cpuMs / result.requests.total : NaN,
  };
}

// ---------------------------------------------------------------------------
// Checks and JavaScript sizes
// ---------------------------------------------------------------------------

type Page = { status: number; html: string; htmlBytes: number; htmlGzipBytes: number; nonce: string | null; location?: string };

/** One request per target before the load: the answer must be right (status, and what a page must show). */
async function check(server: Server, target: Target, file: string): Promise<Page> {
  const headers: Record<string, string> = { ...BROWSER_HEADERS, host: new URL(server.origin).host };
  let response;
  if (target.pairs) {
    const pair = target.pairs[0]!;
    const db = new Database(file, { readonly: true });
    const count = () => (db.prepare(`SELECT support_count AS n FROM measures WHERE id = ?`).get(pair.measureId) as { n: number }).n;
    const before = count();
    const body = formBody("support", pair);
    response = await request(`${server.origin}/maatregelen/${pair.measureId}`, {
      method: "POST",
      headers: { ...headers, origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: pair.cookie },
      body,
    });
    if (count() !== before + 1) throw new Error(`support on measure ${pair.measureId} did not count (${before} → ${count()})`);
    // Undo it, so the load starts from the generated data.
    const undo = formBody("withdrawSupport", pair);
    const back = await request(`${server.origin}/maatregelen/${pair.measureId}`, {
      method: "POST",
      headers: { ...headers, origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: pair.cookie },
      body: undo,
    });
    if (back.status !== 302) throw new Error(`withdrawSupport answered ${back.status}`);
    const after = count();
    db.close();
    // The support counted, and the withdrawal took it back.
    if (after !== before) throw new Error(`support_count of measure ${pair.measureId}: ${before} before, ${after} after support + withdraw`);
  } else {
    response = await request(`${server.origin}${target.path}`, { headers: { ...headers, ...(target.cookies ? { cookie: target.cookies[0]! } : {}) } });
  }
  const html = decoded(response);
  if (response.status !== target.expect) {
    throw new Error(`${target.name} (${target.path}) answered ${response.status}, expected ${target.expect}: ${html.slice(0, 300)}`);
  }
  if (target.pairs) {
    const location = String(response.headers.location ?? "");
    if (!location.startsWith(`/knelpunten/${target.pairs[0]!.knelpuntId}`)) throw new Error(`support redirected to ${location}`);
  } else if (!/<main\b/i.test(html)) {
    throw new Error(`${target.name}: no <main> in the page`);
  }
  const nonce = /'nonce-([^']+)'/.exec(String(response.headers["content-security-policy"] ?? ""))?.[1] ?? null;
  return {
    status: response.status,
    html,
    htmlBytes: Buffer.byteLength(html),
    htmlGzipBytes: zlib.gzipSync(html).length,
    nonce,
    location: target.pairs ? String(response.headers.location) : undefined,
  };
}

type JsSize = { page: string; path: string; files: number; rawBytes: number; gzipBytes: number; brotliBytes: number; notPreloaded: string[]; cssGzipBytes: number };

/**
 * What a visitor's browser downloads for a page: every script the HTML
 * names (modulepreload links, script src, and the imports in the inline
 * module script), plus their static imports, as the server sends them with
 * gzip and with brotli. Dynamic imports (loaded later, on use) are left out.
 */
async function jsSizes(server: Server, name: string, pagePath: string): Promise<JsSize> {
  const page = decoded(await request(`${server.origin}${pagePath}`, { headers: { ...BROWSER_HEADERS } }));
  const preloaded = new Set<string>();
  for (const match of page.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) preloaded.add(match[1]!);
  for (const match of page.matchAll(/<link[^>]*href="([^"]+)"[^>]+rel="modulepreload"/g)) preloaded.add(match[1]!);
  const named = new Set<string>(preloaded);
  for (const match of page.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) named.add(match[1]!);
  for (const script of page.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    // `import "x"`, `import * as m from "x"`, and `import("x")` (the inline module script runs at once).
    for (const match of script[1]!.matchAll(/import\s*(?:\(\s*|[^"'()]*?from\s*)?["']([^"']+\.js)["']/g)) named.add(match[1]!);
  }
  const seen = new Set<string>();
  const queue = [...named];
  let rawBytes = 0;
  let gzipBytes = 0;
  let brotliBytes = 0;
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const url = new URL(file, `${server.origin}/`).href;
    const gz = await request(url, { headers: { "accept-encoding": "gzip" } });
    const br = await request(url, { headers: { "accept-encoding": "br" } });
    if (gz.status !== 200) throw new Error(`${url}: ${gz.status}`);
    const source = decoded(gz);
    rawBytes += Buffer.byteLength(source);
    gzipBytes += gz.body.length;
    brotliBytes += br.body.length;
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`.
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(new URL(match[1]!, url).pathname);
    }
  }
  let cssGzipBytes = 0;
  for (const match of page.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const css = await request(new URL(match[1]!, `${server.origin}/`).href, { headers: { "accept-encoding": "gzip" } });
    cssGzipBytes += css.body.length;
  }
  return {
    page: name,
    path: pagePath,
    files: seen.size,
    rawBytes,
    gzipBytes,
    brotliBytes,
    notPreloaded: [...seen].filter((f) => !preloaded.has(f)),
    cssGzipBytes,
  };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

type DatasetRun = {
  label: string;
  database: string;
  databaseMb: number;
  discovered: Omit<Discovered, "pairs"> & { pairs: number };
  startMb: number;
  targets: Record<string, { path: string; page: Omit<Page, "html">; load: Load }>;
};

type Prepared = { label: string; file: string; server: Server; sessions: Sessions; discovered: Discovered; targets: Target[]; pages: Record<string, Page>; startMb: number };

/** Starts the app on a database, signs people in, finds the targets and checks each once. */
async function prepare(label: string, file: string, env: NodeJS.ProcessEnv): Promise<Prepared> {
  log(`[${label}] starting the server on ${path.relative(ROOT, file)}`);
  const server = await startServer(label, "server.js", {
    NODE_ENV: "production",
    BUILD_DIR,
    DATABASE_PATH: file,
    TRUST_PROXY: "true",
    WEB_CONCURRENCY: WORKERS,
    ...(PAGE_CACHE_SECONDS !== undefined ? { PAGE_CACHE_SECONDS } : {}),
    ...env,
  });
  const sessions = await signIn(file);
  const discovered = discover(file, sessions);
  log(
    `[${label}] cycle ${discovered.cycleSlug} (${discovered.knelpuntCount} knelpunten), knelpunt ${discovered.busyKnelpunt.id} ` +
      `(${discovered.busyKnelpunt.measures} measures, ${discovered.busyKnelpunt.reactions} reactions), post ${discovered.busyPost.slug} ` +
      `(${discovered.busyPost.reactions} reactions), ${discovered.queueWaiting} waiting in the queue, ${discovered.pairs.length} support pairs`,
  );
  const list = targets(discovered, sessions);
  const pages: Record<string, Page> = {};
  for (const target of list) pages[target.name] = await check(server, target, file);
  return { label, file, server, sessions, discovered, targets: list, pages, startMb: memory(server.child.pid!).read().rssMb };
}

function logLoad(label: string, name: string, result: Load) {
  log(
    `[${label.padEnd(8)}] ${name.padEnd(26)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms` +
      `  ${(result.bytesPerResponse / 1024).toFixed(1).padStart(6)} kB/resp  ${result.cpuMsPerRequest.toFixed(2).padStart(6)} CPU ms/req  peak ${result.peakMb?.toFixed(0) ?? "?"} MB  others ${(result.othersCpu * 100).toFixed(0)}% CPU` +
      (result.unexpected || result.errors ? `  UNEXPECTED ${JSON.stringify(result.statusCodes)} errors ${result.errors}` : ""),
  );
}

function datasetRun(prepared: Prepared, loads: Record<string, Load>): DatasetRun {
  const { pairs, ...rest } = prepared.discovered;
  const targetsRun: DatasetRun["targets"] = {};
  for (const target of prepared.targets) {
    const { html: _html, ...page } = prepared.pages[target.name]!;
    targetsRun[target.name] = { path: target.path, page, load: loads[target.name]! };
  }
  return {
    label: prepared.label,
    database: path.relative(ROOT, prepared.file),
    databaseMb: fs.statSync(prepared.file).size / 1024 / 1024,
    discovered: { ...rest, pairs: pairs.length },
    startMb: prepared.startMb,
    targets: targetsRun,
  };
}

/** The baseline: the same HTTP stack answering the pages the app rendered (large dataset), from memory. */
async function startBaseline(pages: Record<string, Page>): Promise<Server> {
  const file = path.join(TMP, "baseline-pages.json");
  const fixed: Record<string, { status: number; html?: string; location?: string }> = {};
  for (const [name, page] of Object.entries(pages)) {
    fixed[name] = page.location
      ? { status: page.status, location: page.location }
      : { status: page.status, html: page.nonce ? page.html.replaceAll(page.nonce, "__NONCE__") : page.html };
  }
  fs.writeFileSync(file, JSON.stringify(fixed));
  log(`[baseline] starting scripts/bench/baseline-server.js`);
  return startServer("baseline", "scripts/bench/baseline-server.js", { BASELINE_PAGES: file, TRUST_PROXY: "true", WEB_CONCURRENCY: WORKERS });
}

function baselineTarget(name: string, page: Page): Target {
  return page.location
    ? { name, label: name, method: "POST", path: `/page/${name}`, expect: page.status, pairs: [{ cookie: "vl_session=x", measureId: 0, knelpuntId: 0 }] }
    : { name, label: name, method: "GET", path: `/page/${name}`, expect: page.status };
}

function table(headers: string[], rows: string[][], align: Array<"l" | "r">): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (align[i] === "r" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (align[i] === "r" ? `${"-".repeat(w + 1)}:` : `:${"-".repeat(w + 1)}`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

async function main() {
  const started = Date.now();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  const loadAtStart = os.loadavg()[0]!;
  log(`Bench: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target; ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  if (loadAtStart > machine.cpus) log(`Warning: the machine is busy (load average ${loadAtStart.toFixed(1)} on ${machine.cpus} cores); the figures will be low and noisy.`);

  let buildSeconds: number | null = null;
  if (flag("skip-build") && fs.existsSync(path.join(BUILD_DIR, "server/index.js"))) {
    log(`Build: reusing ${BUILD_DIR} (--skip-build)`);
  } else {
    log(`Building into ${BUILD_DIR}…`);
    const t = Date.now();
    await run("npm", ["run", "build"], { BUILD_DIR, NODE_ENV: "production" }, path.join(TMP, "build.log"));
    buildSeconds = (Date.now() - t) / 1000;
    log(`Build: ${buildSeconds.toFixed(0)} s`);
  }

  const large = await largeDatabase();
  const demoFile = path.join(TMP, "demo.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(demoFile + suffix, { force: true });

  // All three servers run side by side (an idle server costs nothing); each target is loaded on
  // the large dataset, the demo and the baseline one right after the other, so a change in what
  // else the machine does hits all three alike.
  const prepared: Prepared[] = [];
  let baselineServer: Server | null = null;
  const js: JsSize[] = [];
  const largeLoads: Record<string, Load> = {};
  const demoLoads: Record<string, Load> = {};
  const baseline: Record<string, Load> = {};
  try {
    const largePrepared = await prepare("large", large.file, { SEED_DEMO: "false" });
    prepared.push(largePrepared);
    const demoPrepared = flag("skip-demo") ? null : await prepare("demo", demoFile, { SEED_DEMO: "true" });
    if (demoPrepared) prepared.push(demoPrepared);
    baselineServer = await startBaseline(largePrepared.pages);
    // Warm every route on both app servers once (JIT, SQLite page cache) before anything is measured.
    log("warming up…");
    for (const p of prepared) for (const target of p.targets) await cannon({ ...autocannonOptions(p.server.origin, target, 1), connections: 2 });
    log("");
    for (const target of largePrepared.targets) {
      const others = await waitForQuiet();
      if (others > QUIET_SHARE) log(`(other work uses ${(others * 100).toFixed(0)}% of the machine; measuring anyway)`);
      largeLoads[target.name] = await load(largePrepared.server, target);
      logLoad("large", target.label, largeLoads[target.name]!);
      const demoTarget = demoPrepared?.targets.find((t) => t.name === target.name);
      if (demoPrepared && demoTarget) {
        demoLoads[target.name] = await load(demoPrepared.server, demoTarget);
        logLoad("demo", target.label, demoLoads[target.name]!);
      }
      const page = largePrepared.pages[target.name]!;
      baseline[target.name] = await load(baselineServer, baselineTarget(target.name, page), `/page/${target.name}`);
      logLoad("baseline", target.label, baseline[target.name]!);
    }
    const d = largePrepared.discovered;
    for (const [name, pagePath] of [
      ["home", "/"],
      ["knelpunt", `/knelpunten/${d.busyKnelpunt.id}`],
      ["post", `/berichten/${d.busyPost.slug}`],
      ["knelpunten list", `/rondes/${d.cycleSlug}/knelpunten`],
      ["cycle", `/rondes/${d.cycleSlug}`],
    ] as const) {
      js.push(await jsSizes(largePrepared.server, name, pagePath));
    }
  } finally {
    for (const p of prepared) await p.server.stop();
    await baselineServer?.stop();
  }
  const largeRun = datasetRun(prepared[0]!, largeLoads);
  const demoRun = prepared[1] ? datasetRun(prepared[1], demoLoads) : null;
  const names = Object.keys(largeRun.targets);

  // -------------------------------------------------------------------------
  // The table
  // -------------------------------------------------------------------------
  const labels: Record<string, string> = Object.fromEntries(targets({ cycleSlug: "", knelpuntCount: 0, busyKnelpunt: { id: 0, measures: 0, reactions: 0 }, busyPost: { slug: "", reactions: 0 }, queueWaiting: 0, pairs: [] }, { residents: [], residentIds: [], official: "" }).map((t) => [t.name, t.label]));
  const loadRows: string[][] = [];
  const costRows: string[][] = [];
  const summary: Record<string, unknown> = {};
  const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? "–" : n.toFixed(digits));
  const mark = (ok: boolean | null) => (ok === null ? "" : ok ? " ✓" : " ✗");
  for (const name of names) {
    const l = largeRun.targets[name]!.load;
    const d = demoRun?.targets[name]?.load;
    const b = baseline[name]!;
    const page = largeRun.targets[name]!.page;
    const largeDemo = d && d.requests > 0 ? l.rps / d.rps : null;
    const pageBaseline = b.requests > 0 ? l.rps / b.rps : null;
    // The same ratios from the server's CPU time per request: far less sensitive to other work on the machine.
    const largeDemoCpu = d && l.cpuMsPerRequest > 0 ? d.cpuMsPerRequest / l.cpuMsPerRequest : null;
    const pageBaselineCpu = l.cpuMsPerRequest > 0 ? b.cpuMsPerRequest / l.cpuMsPerRequest : null;
    // No finished request in the time given counts as a miss, not as a p99 of 0.
    const p99ok = l.requests > 0 && l.p99 < P99_TARGET_MS;
    const ratioOk = largeDemo === null ? (d ? false : null) : largeDemo >= RATIO_TARGET;
    const ratioCpuOk = largeDemoCpu === null ? null : largeDemoCpu >= RATIO_TARGET;
    summary[name] = { largeDemo, largeDemoCpu, pageBaseline, pageBaselineCpu, p99ok, ratioOk, ratioCpuOk };
    loadRows.push([
      labels[name] ?? name,
      fmt(l.rps),
      fmt(l.p50, 1),
      fmt(l.p99, 1) + mark(p99ok),
      fmt(d?.rps),
      fmt(d?.p50, 1),
      fmt(d?.p99, 1),
      fmt(b.rps),
      fmt(b.p99, 1),
      fmt(Math.max(l.othersCpu, d?.othersCpu ?? 0, b.othersCpu) * 100),
      l.unexpected + l.errors + (d ? d.unexpected + d.errors : 0) ? "yes" : "",
    ]);
    costRows.push([
      labels[name] ?? name,
      fmt(largeDemo, 2) + mark(ratioOk),
      fmt(largeDemoCpu, 2) + mark(ratioCpuOk),
      fmt(pageBaseline, 2),
      fmt(pageBaselineCpu, 2),
      `${fmt(l.cpuMsPerRequest, 1)} / ${fmt(d?.cpuMsPerRequest, 1)} / ${fmt(b.cpuMsPerRequest, 2)}`,
      `${fmt(l.peakMb)} / ${fmt(d?.peakMb)}`,
      `${fmt(page.htmlBytes / 1024)} / ${fmt(page.htmlGzipBytes / 1024, 1)}`,
    ]);
  }
  const loadTable = table(
    ["target", "large req/s", "p50 ms", "p99 ms (<50)", "demo req/s", "p50 ms", "p99 ms", "baseline req/s", "p99 ms", "others' CPU %", "errors"],
    loadRows,
    ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "l"],
  );
  const costTable = table(
    ["target", "large/demo req/s (≥0.8)", "large/demo CPU", "page/baseline req/s", "page/baseline CPU", "server CPU ms/req large / demo / baseline", "peak MB large / demo", "HTML kB raw / gzip"],
    costRows,
    ["l", "r", "r", "r", "r", "r", "r", "r"],
  );
  const jsTable = table(
    ["page", "scripts", "JS raw kB", "JS gzip kB", "JS brotli kB", "≤120 kB", "CSS gzip kB"],
    js.map((j) => [
      j.page,
      String(j.files),
      fmt(j.rawBytes / 1024, 1),
      fmt(j.gzipBytes / 1024, 1),
      fmt(j.brotliBytes / 1024, 1),
      j.gzipBytes <= JS_BUDGET_BYTES ? "✓" : "✗",
      fmt(j.cssGzipBytes / 1024, 1),
    ]),
    ["l", "r", "r", "r", "r", "r", "r"],
  );
  const totalSeconds = (Date.now() - started) / 1000;
  const all = [...Object.values(largeRun.targets).map((t) => t.load), ...Object.values(demoRun?.targets ?? {}).map((t) => t.load), ...Object.values(baseline)];
  const loads = all.map((l) => l.loadAverage);
  const others = all.map((l) => l.othersCpu * 100);
  const header = [
    `Veranderlab bench — ${new Date().toISOString()}`,
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target; visitors' page cache ${PAGE_CACHE_SECONDS ?? "5 (default)"} s`,
    `large: ${path.relative(ROOT, large.file)} (${large.sizeMb.toFixed(0)} MB, generated in ${fmt(large.generatedSeconds, 1)} s); demo: the seeded demo database; baseline: the same HTTP stack answering the large run's pages from memory`,
    `other work on the machine during the measured runs: ${fmt(Math.min(...others))}–${fmt(Math.max(...others))}% of its CPU (median ${fmt(others.sort((x, y) => x - y)[Math.floor(others.length / 2)])}%); 1-min load average ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} on ${machine.cpus} cores`,
  ].join("\n");
  const text = `${header}\n\n${loadTable}\n\n${costTable}\n\nJavaScript a visitor downloads (large dataset; as served, static imports included):\n\n${jsTable}\n\nTotal bench time ${totalSeconds.toFixed(0)} s${buildSeconds !== null ? ` (build ${buildSeconds.toFixed(0)} s)` : ""}.`;
  console.log(`\n${text}`);

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const results = {
    when: new Date().toISOString(),
    machine,
    options: { connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION, pageCacheSeconds: PAGE_CACHE_SECONDS ?? "default (5)", workers: Number(WORKERS) },
    targetsAsked: { p99Ms: P99_TARGET_MS, largeDemoRatio: RATIO_TARGET, jsBudgetBytes: JS_BUDGET_BYTES },
    loadAverageAtStart: loadAtStart,
    buildSeconds,
    generatedSeconds: large.generatedSeconds,
    large: largeRun,
    demo: demoRun,
    baseline,
    summary,
    js,
    totalSeconds,
  };
  fs.writeFileSync(path.join(TMP, `results-${stamp}.json`), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(TMP, `results-${stamp}.md`), `${text}\n`);
  fs.writeFileSync(path.join(TMP, "latest.json"), JSON.stringify(results, null, 2));
  log(`\nWrote .tmp/bench/results-${stamp}.json and .md (and .tmp/bench/latest.json)`);
}

main().catch((error) => {
  console.error(error);
  stopAll();
  process.exit(1);
});
