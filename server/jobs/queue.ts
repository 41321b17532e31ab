import PgBoss from "pg-boss";
import type { Database } from "../../db/client";
import type { Logger } from "../log";

/**
 * The app's background jobs on a PostgreSQL-backed queue (pg-boss), on either database.
 *
 * - Each scheduled job is a queue. Every process that runs jobs asks for one run per period
 *   (`sendThrottled`): pg-boss keeps one job per period slot, so however many processes ask, a
 *   period has one run.
 * - A queue's policy is "stately": one run at a time across processes, and at most one waiting.
 *   A run longer than its period (the national statistics) makes the next one wait, not overlap.
 * - A failed run is retried with backoff, up to the queue's limit. Its error then stays on the
 *   failed job, which an operator sees on /operator and can retry.
 * - pg-boss polls (no LISTEN), so it runs on PGlite too, through the same connection as the app.
 *   Its queries are sent as they come: several statements at once through the simple protocol,
 *   one with parameters through the extended one.
 */

/** The schema pg-boss keeps its tables in. */
export const QUEUE_SCHEMA = "pgboss";

/** A background job: what it does, how often, and what the log says when it fails. */
export interface Job {
  name: string;
  /** Time between two runs. */
  everyMs: number;
  /** A first run this long after start, before the first period has passed. */
  firstAfterMs?: number;
  /** The log line of a failed run. */
  failure: string;
  /** Retries of a failed run before it is left failed (default 2, 5 s then 10 s). */
  retryLimit?: number;
  run(db: Database["db"]): Promise<void>;
}

type Client = { unsafe(text: string, values?: unknown[]): { simple(): Promise<unknown> } & Promise<unknown> };
type Lite = {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(text: string): Promise<Array<{ rows: unknown[]; affectedRows?: number }>>;
};

/** pg-boss's database access through the app's own connection (pool or PGlite), whichever it is now. */
export function queueDb(database: { get(): Promise<Database> }): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const current = await database.get();
      const client = (current.db as unknown as { $client: unknown }).$client;
      // pg (which pg-boss is written for) sends undefined as null and an object as JSON; the
      // drivers here refuse the one and want the other as text.
      const parameters =
        values && values.length > 0
          ? values.map((v) =>
              v === undefined
                ? null
                : v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
                  ? JSON.stringify(v)
                  : v,
            )
          : null;
      if (current.kind === "pglite") {
        const lite = client as Lite;
        if (parameters) {
          const result = await lite.query(text, parameters);
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
        }
        const results = await lite.exec(text);
        const last = results[results.length - 1];
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
      }
      const sql = client as Client;
      const rows = (await (parameters ? sql.unsafe(text, parameters) : sql.unsafe(text).simple())) as unknown;
      // Several statements answer one result per statement: pg-boss reads the last.
      const last = Array.isArray(rows) && Array.isArray(rows[rows.length - 1]) ? rows[rows.length - 1] : rows;
      const list = (Array.isArray(last) ? last : []) as unknown[] & { count?: number };
      return { rows: [...list], rowCount: list.count ?? list.length };
    },
  };
}

/** A pg-boss instance on the app's database. `work` processes run jobs; others only enqueue and read. */
export function createQueue(database: { get(): Promise<Database> }, options: { work: boolean; log: Logger }) {
  const boss = new PgBoss({
    db: queueDb(database),
    schema: QUEUE_SCHEMA,
    // The schema is created by the migrations (db/migrate.ts), in one place.
    migrate: false,
    // Expiry of stuck jobs and archiving, by the processes that run jobs.
    supervise: options.work,
    // No cron: scheduled jobs are asked for per period (below), which allows periods under a minute.
    schedule: false,
    maintenanceIntervalSeconds: 60,
    // Done jobs are kept a week (counted by the drill and shown to operators), failed ones two.
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 7,
  });
  boss.on("error", (error: unknown) => options.log.error({ err: error }, "job queue error"));
  return boss;
}

/** Creates pg-boss's schema, or brings it to this version (the migrations call it). */
export async function migrateQueue(database: Database): Promise<void> {
  const boss = new PgBoss({
    db: queueDb({ get: async () => database }),
    schema: QUEUE_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: false });
}

/** How long stopping waits for a running job before the database is closed under it. */
const STOP_WAIT_MS = 5_000;

/**
 * Runs the scheduled jobs through the queue in this process: asks for one run per period, and
 * takes runs (its own or another process's) as they come. `stop()` stops asking and taking, and
 * waits up to a few seconds for runs in progress; a run cut then is taken again once its job
 * expires, by whichever process runs jobs.
 */
export async function startJobs(
  jobs: readonly Job[],
  database: { get(): Promise<Database> },
  log: Logger,
): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const boss = createQueue(database, { work: true, log });
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const retryLimit = job.retryLimit ?? 2;
    await boss.createQueue(job.name, {
      name: job.name,
      policy: "stately",
      retryLimit,
      retryDelay: 5,
      retryBackoff: true,
      // A run that takes longer than this is taken as stuck, and run again.
      expireInSeconds: Math.max(15 * 60, Math.ceil((job.everyMs * 3) / 1000)),
    });
    const seconds = Math.max(1, Math.round(job.everyMs / 1000));
    const ask = () =>
      void boss
        .sendThrottled(job.name, {}, { retryLimit }, seconds)
        .catch((error: unknown) => log.warn({ err: error, job: job.name }, "could not ask for a job's run"));
    if (job.firstAfterMs !== undefined) timers.push(setTimeout(ask, job.firstAfterMs).unref());
    timers.push(setInterval(ask, job.everyMs).unref());
    await boss.work(job.name, { pollingIntervalSeconds: Math.min(2, seconds / 2) }, async () => {
      try {
        await job.run((await database.get()).db);
      } catch (error) {
        log.error({ err: error, job: job.name }, job.failure);
        throw error;
      }
    });
  }
  return {
    boss,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_WAIT_MS });
    },
  };
}
