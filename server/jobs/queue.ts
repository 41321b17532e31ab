import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { REQUEST_ROLE } from "../../db/scope";
import { env } from "../../env";
import type { Database, Db } from "../../db/client";
import type { Logger } from "../log";
import { inSpan } from "../tracing";

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

/** A job run once per enqueued request (an import), by whichever process takes it. */
export interface OneOffJob<T> {
  name: string;
  /** The log line of a failed attempt. */
  failure: string;
  /** `attempt.last`: no retry follows if this one fails. */
  run(db: Database["db"], data: T, attempt: { last: boolean }): Promise<void>;
}

type Client = {
  unsafe(text: string, values?: unknown[]): { simple(): Promise<unknown> } & Promise<unknown>;
  reserve?(): Promise<Client & { release(): void }>;
};
type Lite = {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(text: string): Promise<Array<{ rows: unknown[]; affectedRows?: number }>>;
};

/**
 * One pg-boss statement on a connection or transaction of either driver. pg (which pg-boss is
 * written for) sends undefined as null and an object as JSON; the drivers here refuse the one and
 * want the other as text. Several statements at once go through the simple protocol.
 */
async function runOn(client: unknown, text: string, values?: unknown[]) {
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
  if (!(client as Partial<Client>).unsafe) {
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
  let rows: unknown;
  if (!parameters && /^\s*BEGIN\b/i.test(text) && sql.reserve) {
    // A transaction written out (pg-boss's locked commands): on one connection of the pool, which
    // postgres.js asks for rather than sending BEGIN to whichever connection is free.
    const reserved = await sql.reserve();
    try {
      rows = await reserved.unsafe(text).simple();
    } finally {
      reserved.release();
    }
  } else rows = await (parameters ? sql.unsafe(text, parameters) : sql.unsafe(text).simple());
  // Several statements answer one result per statement: pg-boss reads the last.
  const last = Array.isArray(rows) && Array.isArray(rows[rows.length - 1]) ? rows[rows.length - 1] : rows;
  const list = (Array.isArray(last) ? last : []) as unknown[] & { count?: number };
  return { rows: [...list], rowCount: list.count ?? list.length };
}

/** pg-boss's database access through the app's own connection (pool or PGlite), whichever it is now. */
export function queueDb(database: { get(): Promise<Database> }): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const current = await database.get();
      return runOn((current.db as unknown as { $client: unknown }).$client, text, values);
    },
  };
}

/**
 * pg-boss's access through an open transaction of the app: a job sent with it is enqueued with
 * what the transaction writes, or not at all. Inside a tenant transaction it runs as the request
 * role, which may add jobs to the queue and read nothing of it (db/migrate.ts grants).
 */
export function transactionQueueDb(tx: Db): PgBoss.Db {
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  return { executeSql: (text: string, values?: unknown[]) => runOn(client, text, values) };
}

let senderBoss: PgBoss | null = null;
/** A pg-boss that only writes jobs: it needs no connection of its own, each call brings one. */
const sender = () =>
  (senderBoss ??= new PgBoss({
    db: { executeSql: () => Promise.reject(new Error("jobs are sent through a transaction")) },
    schema: QUEUE_SCHEMA,
  }));

/**
 * Enqueues a one-off job in the given transaction (an import asked for, say), retried with
 * backoff as its queue says, and left failed with its reason after the last retry.
 */
export async function enqueue(tx: Db, name: string, data: object, options: PgBoss.SendOptions = {}) {
  return sender().send(name, data, { ...options, db: transactionQueueDb(tx) });
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
    maintenanceIntervalSeconds: env().JOB_MAINTENANCE_SECONDS,
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
  for (const queue of oneOffQueues()) {
    // Created with the settings of now; a later change of setting updates the queue.
    await boss.createQueue(queue.name, { ...queue });
    await boss.updateQueue(queue.name, { ...queue });
  }
  await boss.stop({ graceful: false, wait: true, close: false });
  // The request role enqueues jobs in its transactions (an import asked for), and reads nothing
  // of the queue but the ids of the jobs it adds and the queues' settings.
  const schema = sql.identifier(QUEUE_SCHEMA);
  const app = sql.identifier(REQUEST_ROLE);
  const operator = sql.identifier("maillage_operator");
  await database.db.execute(sql`grant usage on schema ${schema} to ${app}`);
  await database.db.execute(sql`grant select on ${schema}.queue to ${app}`);
  await database.db.execute(sql`grant insert, select (id) on ${schema}.job to ${app}`);
  // Operators (in their transactions, as maillage_operator) read the queue and retry failed jobs.
  await database.db.execute(sql`grant usage on schema ${schema} to ${operator}`);
  await database.db.execute(sql`grant select on ${schema}.queue to ${operator}`);
  await database.db.execute(sql`grant select, update on ${schema}.job to ${operator}`);
}

/** Makes a failed job wait to run again, through the given transaction; false if it is not failed. */
export async function retryJob(tx: Db, name: string, id: string): Promise<boolean> {
  const result = (await sender().retry(name, id, { db: transactionQueueDb(tx) })) as unknown as { affected?: number };
  return (result.affected ?? 0) > 0;
}

/**
 * The queues of one-off jobs: created by the migrations so a transaction can enqueue into them
 * before any worker started. An import is retried twice (it writes all or nothing), then failed.
 */
export const oneOffQueues = (): PgBoss.Queue[] => [
  // Taken as stuck (its process died) after IMPORT_JOB_EXPIRE_SECONDS: a second run of a slow
  // import is safe, it waits for the first's lock and finds it done.
  {
    name: "import",
    policy: "standard",
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: env().IMPORT_JOB_EXPIRE_SECONDS,
  },
  // An export (services/exchange/export-jobs.ts): built again from the start when retried.
  {
    name: "export",
    policy: "standard",
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 300,
  },
  // Notification emails and webhook deliveries a change left to send (jobs/deliveries.ts):
  // retried three times from 15 s on, then left failed with the mail server's or network's reason.
  {
    name: "deliveries",
    policy: "standard",
    retryLimit: 3,
    retryDelay: 15,
    retryBackoff: true,
    expireInSeconds: 300,
  },
];

type Metadata = PgBoss.JobWithMetadata<object>;

/** Runs one taken job of a one-off queue, logging a failed attempt (thrown back for the queue to retry). */
async function runOneOff<T>(job: OneOffJob<T>, db: Database["db"], taken: Metadata, log: Logger) {
  try {
    await inSpan(`job ${job.name}`, { "job.id": taken.id, "job.retry": taken.retryCount }, () =>
      job.run(db, taken.data as T, { last: taken.retryCount >= taken.retryLimit }),
    );
  } catch (error) {
    log.error({ err: error, job: job.name, id: taken.id, retry: taken.retryCount }, job.failure);
    throw error;
  }
}

/**
 * Runs in this process every job waiting in one queue, until none is left (tests and scripts
 * that enqueue work and need it done before they go on).
 */
export async function drainQueue<T>(database: Database, job: OneOffJob<T>, log: Logger): Promise<number> {
  const boss = createQueue({ get: async () => database }, { work: false, log });
  let done = 0;
  for (;;) {
    const taken = (await boss.fetch(job.name, { batchSize: 1, includeMetadata: true })) as Metadata[] | null;
    if (!taken || taken.length === 0) return done;
    for (const one of taken) {
      try {
        await runOneOff(job, database.db, one, log);
        await boss.complete(job.name, one.id);
      } catch (error) {
        await boss.fail(job.name, one.id, { message: (error as Error).message });
      }
      done++;
    }
  }
}

/**
 * Creates a queue unless it exists. Processes starting together race to create the same queue,
 * and pg-boss's creation can deadlock with another's: the loser waits a moment and looks again.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue) {
  for (let attempt = 0; ; attempt++) {
    if (await boss.getQueue(queue.name)) return;
    try {
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || (code !== "40P01" && code !== "23505")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
    }
  }
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each queue its own data
  oneOff: ReadonlyArray<OneOffJob<any>> = [],
): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const boss = createQueue(database, { work: true, log });
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const retryLimit = job.retryLimit ?? 2;
    await ensureQueue(boss, {
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
        const { db } = await database.get();
        await inSpan(`job ${job.name}`, {}, () => job.run(db));
      } catch (error) {
        log.error({ err: error, job: job.name }, job.failure);
        throw error;
      }
    });
  }
  for (const job of oneOff) {
    await boss.work(job.name, { pollingIntervalSeconds: 1, includeMetadata: true }, async ([taken]) => {
      if (taken) await runOneOff(job, (await database.get()).db, taken as Metadata, log);
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
