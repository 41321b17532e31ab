import type { Database } from "../../db/client";
import type { Logger } from "../log";

/** A background job: what it does, how often, and what the log says when it fails. */
export interface Job {
  name: string;
  /** Time between two runs. */
  everyMs: number;
  /** A first run this long after start, before the first interval has passed. */
  firstAfterMs?: number;
  /** The log line of a failed run; the job runs again at its next turn. */
  failure: string;
  run(db: Database["db"]): Promise<void>;
}

/** How long stopping waits for a running job before the database is closed under it. */
const STOP_WAIT_MS = 5_000;

/**
 * Runs each job on its schedule in this process, never twice at once, logging failures.
 * `stop()` cancels the timers and waits (up to a few seconds) for runs in progress: a run still
 * going then is cut by the database closing, and its transaction rolls back.
 */
export function startJobs(
  jobs: readonly Job[],
  database: { get(): Promise<Database> },
  log: Logger,
): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopping = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopping) return;
      busy = true;
      const run = database
        .get()
        .then(({ db }) => job.run(db))
        .catch((error: unknown) => log.error({ err: error, job: job.name }, job.failure))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    if (job.firstAfterMs !== undefined) timers.push(setTimeout(tick, job.firstAfterMs).unref());
    timers.push(setInterval(tick, job.everyMs).unref());
  }
  return {
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
      ]);
    },
  };
}
