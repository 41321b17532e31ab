import "server-only";
import { randomUUID } from "node:crypto";
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

/** How often notification emails waiting in the outbox are sent. */
const NOTIFICATION_EMAIL_INTERVAL_MS = 15_000;
/** How often workspaces' piled-up change rows are folded (see compactWorkspaceChanges). */
const FIGURES_COMPACTION_INTERVAL_MS = 10 * 60_000;
import type { SessionUser, TrpcContext } from "./trpc/init";

interface Runtime {
  database: ResilientDatabase;
  mailer: Mailer;
}

const holder = globalThis as typeof globalThis & { __maillage?: Runtime };

/**
 * The process-wide database and mailer, opened on first use (never at build time) and kept
 * on globalThis so hot reloads in development do not open a second PGlite on the same folder.
 */
export function runtime(): Runtime {
  if (holder.__maillage) return holder.__maillage;
  const config = env();
  const database = new ResilientDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR, poolMax: config.DB_POOL_MAX });
  database.installCrashGuard(process, logger());
  const shutdown = () => {
    database
      .get()
      .then((db) => db.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  const mailer = createMailer({ server: config.EMAIL_SERVER, from: config.EMAIL_FROM, log: logger() });
  holder.__maillage = { database, mailer };
  /** Runs `task` every `ms` (and once after `firstMs` if given), never twice at once, logging failures. */
  const every = (ms: number, failure: string, task: (db: Database["db"]) => Promise<void>, firstMs?: number) => {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      database
        .get()
        .then(({ db }) => task(db))
        .catch((error: unknown) => logger().error({ err: error }, failure))
        .finally(() => {
          running = false;
        });
    };
    if (firstMs !== undefined) setTimeout(tick, firstMs).unref();
    setInterval(tick, ms).unref();
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

/** The tRPC context of one HTTP request. */
export async function createRequestContext(headers: Headers, user: SessionUser | null): Promise<TrpcContext> {
  const requestId = headers.get("x-request-id") ?? randomUUID();
  return {
    db: await appDb(),
    user,
    requestId,
    locale: localeFromHeaders(headers),
    log: logger().child({ requestId, userId: user?.id }),
    mailer: runtime().mailer,
    appUrl: env().APP_URL,
    memberships: new Map(),
  };
}
