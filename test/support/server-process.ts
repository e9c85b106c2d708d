/**
 * Starts the production server (server.js with a build from `npm run build`)
 * as a child process on its own port and database file, for tests that need
 * a real process: they can load it over HTTP, kill it with SIGKILL and start
 * it again on the same file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends the signal and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

export type ServerOptions = {
  port: number;
  databasePath: string;
  /** Fill an empty database with the demo (default false). */
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** How long to wait for the first answer (default 60 s). */
  timeoutMs?: number;
};

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  let output = "";
  const child = spawn(process.execPath, [path.resolve("server.js")], {
    cwd: path.resolve("."),
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATABASE_PATH: path.resolve(options.databasePath),
      BUILD_DIR: process.env.BUILD_DIR ?? "build",
      SEED_DEMO: options.seedDemo ? "true" : "false",
      TRUST_PROXY: "true",
      NODE_ENV: "test",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited before it answered:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/over`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer within the time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    port: options.port,
    child,
    output: () => output,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
