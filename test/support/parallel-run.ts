/**
 * Runs commands truly in parallel: worker threads, each with its own SQLite
 * connection to the same test database file, released at the same moment by
 * a shared flag (Atomics.wait/notify). The workers load TypeScript through
 * tsx; they start once per test file (startParallelPool) and take jobs.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParallelJob, WorkerMessage } from "./parallel-support";

export type { ParallelJob };

const WORKER_FILE = path.resolve("test/support/parallel-support.ts");

// CommonJS boot code (run with the project as working directory): load tsx's
// ESM API, then the worker module through it.
const BOOT = `
import("tsx/esm/api")
  .then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_FILE)}, ${JSON.stringify(pathToFileURL(path.resolve("package.json")).href)}));
`;

function next(worker: Worker, type: WorkerMessage["type"]): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onError = (error: Error) => (cleanup(), reject(error));
    const onExit = (code: number) => (cleanup(), reject(new Error(`worker exited with ${code}`)));
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

export type ParallelPool = {
  size: number;
  /** Gives job i to worker i (at most `size` jobs), starts them together, returns each job's outcomes. */
  run(jobs: ParallelJob[]): Promise<string[][]>;
  close(): Promise<void>;
};

export async function startParallelPool(size: number): Promise<ParallelPool> {
  const workers = Array.from({ length: size }, () => new Worker(BOOT, { eval: true, env: { ...process.env } }));
  try {
    await Promise.all(workers.map((worker) => next(worker, "open")));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  return {
    size,
    async run(jobs) {
      if (jobs.length > size) throw new Error(`${jobs.length} jobs for ${size} workers`);
      const control = new SharedArrayBuffer(4);
      const flag = new Int32Array(control);
      const used = workers.slice(0, jobs.length);
      const ready = used.map((worker) => next(worker, "ready"));
      const done = used.map((worker) => next(worker, "done"));
      used.forEach((worker, i) => worker.postMessage({ type: "job", job: jobs[i], control }));
      try {
        await Promise.all(ready);
      } finally {
        // Release them all at once (also when one failed, so none waits forever).
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      }
      return (await Promise.all(done)).map((message) => (message as Extract<WorkerMessage, { type: "done" }>).outcomes);
    },
    async close() {
      for (const worker of workers) worker.postMessage({ type: "close" });
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve))));
    },
  };
}
