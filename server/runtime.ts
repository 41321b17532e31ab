import "server-only";
import { ResilientDatabase } from "../db/resilient";
import { env } from "../env";
import { localeFromHeaders } from "../messages/locales";
import { INSTANCE_ID, logger } from "./log";
import { appJobs, appOneOffJobs } from "./jobs/jobs";
import { startJobs } from "./jobs/queue";
import { createMailer, type Mailer } from "./services/mail/mailer";
import { publishedFiguresDate } from "./services/observatory/read-figures";
import type { MetricsSources } from "./http/metrics";
import { resultRows } from "../db/rows";
import { sql } from "drizzle-orm";
import type { SessionUser, TrpcContext } from "./trpc/init";
import { requestIdFrom } from "./http/request-id";
import { closeRedis } from "./auth/redis-counter";

interface Runtime {
  database: ResilientDatabase;
  mailer: Mailer;
  /**
   * Stops the background jobs (waiting for a running one to finish) and closes the database
   * (PGlite removes its lock file). The server (scripts/serve.ts) calls it once, after the last
   * request was answered; it is the process's only shutdown path.
   */
  shutdown(): Promise<void>;
  /** A consistent copy of the embedded database into `file` (db/backup.ts asks for it by signal). */
  backup(file: string): Promise<number>;
  /** When the observatory's published figures were computed: the server keeps public pages until it changes. */
  figuresDate(): Promise<Date | null>;
  /** What `/api/metrics` reads from the database at each scrape (server/http/metrics.ts). */
  metricsSources: MetricsSources;
}

/** What the server script finds on globalThis: the runtime, once a request opened it. */
export type RuntimeHolder = typeof globalThis & { __maillage?: Runtime };
const holder = globalThis as RuntimeHolder;

/**
 * The process-wide database and mailer, opened on first use (never at build time) and kept
 * on globalThis so hot reloads in development do not open a second PGlite on the same folder,
 * and so the server script can shut them down. The background jobs (server/jobs/) start with them.
 */
export function runtime(): Runtime {
  if (holder.__maillage) return holder.__maillage;
  const config = env();
  const database = new ResilientDatabase({
    url: config.DATABASE_URL,
    dataDir: config.PGLITE_DIR,
    poolMax: config.DB_POOL_MAX,
    // Its connections carry the instance's id, so the metrics tell this instance's pool apart.
    applicationName: poolName(),
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  database.installCrashGuard(process, logger());
  const mailer = createMailer({ server: config.EMAIL_SERVER, from: config.EMAIL_FROM, log: logger() });
  // Opened before the runtime is published, so shutdown always finds them.
  // The jobs start once the database is open; a web process with JOBS_IN_WEB=false leaves them to workers.
  const jobs =
    config.JOBS_IN_WEB === "true"
      ? startJobs(appJobs(config, mailer, logger()), database, logger(), appOneOffJobs(config, mailer, logger())).catch(
          (error: unknown) => {
            logger().error({ err: error }, "the background jobs did not start");
            return null;
          },
        )
      : Promise.resolve(null);
  holder.__maillage = {
    database,
    mailer,
    async shutdown() {
      // A job that is still running after a few seconds (the national statistics take minutes)
      // is cut by the database closing; its transaction rolls back and runs again at next start.
      await (await jobs)?.stop();
      await closeRedis();
      await database.close();
    },
    async backup(file) {
      const current = await database.get();
      if (!current.backup)
        throw new Error("Only the embedded database is backed up by the app: use pg_dump for PostgreSQL.");
      return current.backup(file);
    },
    async figuresDate() {
      return publishedFiguresDate((await database.get()).db);
    },
    metricsSources: {
      poolMax: config.DB_POOL_MAX,
      async jobs() {
        const { db } = await database.get();
        return resultRows<{ name: string; state: string; n: number }>(
          await db.execute(sql`select name, state::text as state, count(*)::int as n from pgboss.job group by 1, 2`),
        );
      },
      async connections() {
        const { db } = await database.get();
        return resultRows<{ state: string; mine: boolean; n: number }>(
          await db.execute(sql`select coalesce(state, 'unknown') as state, application_name = ${poolName()} as mine,
              count(*)::int as n from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend' group by 1, 2`),
        );
      },
    },
  };
  return holder.__maillage;
}

/** The application_name of this instance's database connections (at most 63 bytes). */
export const poolName = () => `maillage ${INSTANCE_ID}`.slice(0, 63);

export async function appDb() {
  return (await runtime().database.get()).db;
}

/**
 * The tRPC context of one HTTP request. Its Idempotency-Key applies only when the request carries
 * a single call (`singleCall`): one key cannot stand for several writes.
 */
export async function createRequestContext(
  headers: Headers,
  user: SessionUser | null,
  singleCall = true,
): Promise<TrpcContext> {
  const requestId = requestIdFrom(headers);
  return {
    db: await appDb(),
    user,
    requestId,
    locale: localeFromHeaders(headers),
    log: logger().child({ requestId, userId: user?.id }),
    mailer: runtime().mailer,
    appUrl: env().APP_URL,
    idempotencyKey: singleCall ? headers.get("idempotency-key") : null,
    memberships: new Map(),
  };
}
