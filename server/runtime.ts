import "server-only";
import type { Database } from "../db/client";
import { ResilientDatabase } from "../db/resilient";
import { env } from "../env";
import { localeFromHeaders } from "../messages/locales";
import { logger } from "./log";
import { createMailer, type Mailer } from "./services/mail/mailer";
import { dispatchWebhooks } from "./services/webhooks/webhooks";
import { sendEvaluationReminders } from "./services/evaluation/reminders";
import { dispatchNotificationEmails } from "./services/notifications/dispatch-emails";
import { compactWorkspaceChanges } from "./services/stored-figures";
import { refreshTerritoryStatistics, territoryStatisticsRefreshedAt } from "./services/territories/statistics";
import type { SessionUser, TrpcContext } from "./trpc/init";
import { requestIdFrom } from "./http/request-id";

/** How often notification emails waiting in the outbox are sent. */
const NOTIFICATION_EMAIL_INTERVAL_MS = 15_000;
/** How often workspaces' piled-up change rows are folded (see compactWorkspaceChanges). */
const FIGURES_COMPACTION_INTERVAL_MS = 10 * 60_000;
/** How long shutdown waits for a running background job before closing the database under it. */
const JOB_STOP_WAIT_MS = 5_000;

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
}

/** What the server script finds on globalThis: the runtime, once a request opened it. */
export type RuntimeHolder = typeof globalThis & { __maillage?: Runtime };
const holder = globalThis as RuntimeHolder;

/**
 * The process-wide database and mailer, opened on first use (never at build time) and kept
 * on globalThis so hot reloads in development do not open a second PGlite on the same folder,
 * and so the server script can shut them down.
 */
export function runtime(): Runtime {
  if (holder.__maillage) return holder.__maillage;
  const config = env();
  const database = new ResilientDatabase({
    url: config.DATABASE_URL,
    dataDir: config.PGLITE_DIR,
    poolMax: config.DB_POOL_MAX,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  database.installCrashGuard(process, logger());
  const mailer = createMailer({ server: config.EMAIL_SERVER, from: config.EMAIL_FROM, log: logger() });
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopping = false;
  holder.__maillage = {
    database,
    mailer,
    async shutdown() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      // A job that is still running after a few seconds (the national statistics take minutes)
      // is cut by the database closing; its transaction rolls back and runs again at next start.
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => setTimeout(resolve, JOB_STOP_WAIT_MS).unref()),
      ]);
      await database.close();
    },
    async backup(file) {
      const current = await database.get();
      if (!current.backup)
        throw new Error("Only the embedded database is backed up by the app: use pg_dump for PostgreSQL.");
      return current.backup(file);
    },
  };
  /** Runs `task` every `ms` (and once after `firstMs` if given), never twice at once, logging failures. */
  const every = (ms: number, failure: string, task: (db: Database["db"]) => Promise<void>, firstMs?: number) => {
    let busy = false;
    const tick = () => {
      if (busy || stopping) return;
      busy = true;
      const run = database
        .get()
        .then(({ db }) => task(db))
        .catch((error: unknown) => logger().error({ err: error }, failure))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    if (firstMs !== undefined) timers.push(setTimeout(tick, firstMs).unref());
    timers.push(setInterval(tick, ms).unref());
  };
  // The notification outbox: emails go out after the change committed, never inside it.
  every(NOTIFICATION_EMAIL_INTERVAL_MS, "notification emails failed; retrying later", async (db) => {
    // Evaluation reminders become notifications first; the outbox then mails them.
    const reminders = await sendEvaluationReminders(db);
    if (reminders) logger().info({ reminders }, "evaluation reminders added");
    await dispatchNotificationEmails(db, mailer, config.APP_URL, logger());
    await dispatchWebhooks(db, { log: logger() });
  });
  // Workspaces' change rows folded into their compacted counts (stored-figures.ts), so those
  // whose figures nobody reads do not pile them up.
  every(FIGURES_COMPACTION_INTERVAL_MS, "folding workspace change rows failed; retrying later", async (db) => {
    const folded = await compactWorkspaceChanges(db);
    if (folded) logger().info({ workspaces: folded }, "workspace change rows folded");
  });
  // The territorial dashboards' summary, recomputed when older than the configured interval
  // (checked every minute, and soon after start so a new install has figures at once).
  const statisticsEveryMs = config.TERRITORY_STATISTICS_MINUTES * 60_000;
  if (statisticsEveryMs > 0) {
    every(
      60_000,
      "territorial statistics failed; retrying later",
      async (db) => {
        const at = await territoryStatisticsRefreshedAt(db);
        if (at && Date.now() - at.getTime() < statisticsEveryMs) return;
        const result = await refreshTerritoryStatistics(db);
        if (!result.skipped) logger().info(result, "territorial statistics recomputed");
      },
      5_000,
    );
  }
  return holder.__maillage;
}

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
