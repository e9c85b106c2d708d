/**
 * A worker thread for the parallel-support tests: opens its own
 * better-sqlite3 connection to the test database (DATABASE_PATH, inherited
 * from the test). For each job it says it is ready, waits for the shared
 * start signal, runs its calls as fast as it can and reports the outcomes.
 * Started by startParallelPool() (./parallel-run.ts) through tsx.
 */
import { parentPort } from "node:worker_threads";
import { closeDb, getDb } from "#db/client.server";
import type { Role } from "~/domain/accounts/roles";
import { supportMeasure, volunteerForMeasure, withdrawSupport, withdrawVolunteer } from "~/domain/measures/measures.server";

export type ParallelCall = { command: "support" | "withdraw" | "volunteer" | "unvolunteer"; measureId: number };

export type ParallelJob = {
  actor: { id: string; role: Role };
  calls: ParallelCall[];
};

export type WorkerMessage = { type: "open" } | { type: "ready" } | { type: "done"; outcomes: string[] };

const COMMANDS = { support: supportMeasure, withdraw: withdrawSupport, volunteer: volunteerForMeasure, unvolunteer: withdrawVolunteer };

const port = parentPort!;
getDb(); // open (and check migrations) once, so the calls themselves race
port.postMessage({ type: "open" } satisfies WorkerMessage);

port.on("message", (message: { type: "job"; job: ParallelJob; control: SharedArrayBuffer } | { type: "close" }) => {
  if (message.type === "close") {
    closeDb();
    port.close();
    return;
  }
  const control = new Int32Array(message.control);
  port.postMessage({ type: "ready" } satisfies WorkerMessage);
  Atomics.wait(control, 0, 0);
  const outcomes = message.job.calls.map(({ command, measureId }) => {
    try {
      const result = COMMANDS[command](message.job.actor, measureId);
      return result.ok ? (result.changed ? "changed" : "unchanged") : `refused:${result.reason}`;
    } catch (error) {
      return `error:${(error as Error).message}`;
    }
  });
  port.postMessage({ type: "done", outcomes } satisfies WorkerMessage);
});
