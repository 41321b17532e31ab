import type { Env } from "../../env";
import type { Logger } from "../log";
import { sendEvaluationReminders } from "../services/evaluation/reminders";
import type { Mailer } from "../services/mail/mailer";
import { dispatchNotificationEmails } from "../services/notifications/dispatch-emails";
import { compactWorkspaceChanges } from "../services/stored-figures";
import { refreshTerritoryStatistics, territoryStatisticsRefreshedAt } from "./territory-statistics";
import { observatoryRefreshedAt, refreshObservatory } from "./observatory";
import { dispatchWebhooks } from "../services/webhooks/dispatch-webhooks";
import type { Job, OneOffJob } from "./queue";
import { importJob } from "../services/exchange/run-import";
import { deliveryJob } from "./deliveries";
import { exportJob } from "../services/exchange/export-jobs";

/** How often notification emails waiting in the outbox are sent. */
const NOTIFICATION_EMAIL_INTERVAL_MS = 15_000;
/** How often workspaces' piled-up change rows are folded (see compactWorkspaceChanges). */
const FIGURES_COMPACTION_INTERVAL_MS = 10 * 60_000;

/** Every background job of the app, with its schedule. */
export function appJobs(config: Env, mailer: Mailer, log: Logger): Job[] {
  const jobs: Job[] = [
    {
      // The notification outbox: emails go out after the change committed, never inside it.
      // A change's own emails and webhooks are sent at once by its `deliveries` job
      // (deliveries.ts); this turn adds the evaluation reminders, sends webhook retries when
      // due, and anything a lost job left behind.
      name: "outbox",
      everyMs: NOTIFICATION_EMAIL_INTERVAL_MS,
      failure: "notification emails failed; retrying later",
      async run(db) {
        const reminders = await sendEvaluationReminders(db);
        if (reminders) log.info({ reminders }, "evaluation reminders added");
        await dispatchNotificationEmails(db, mailer, config.APP_URL, log);
        await dispatchWebhooks(db, { log });
      },
    },
    {
      // Workspaces' change rows folded into their compacted counts (stored-figures.ts), so those
      // whose figures nobody reads do not pile them up.
      name: "figures-compaction",
      everyMs: FIGURES_COMPACTION_INTERVAL_MS,
      failure: "folding workspace change rows failed; retrying later",
      async run(db) {
        const folded = await compactWorkspaceChanges(db);
        if (folded) log.info({ workspaces: folded }, "workspace change rows folded");
      },
    },
  ];
  // The territorial dashboards' summary, recomputed when older than the configured interval
  // (checked every minute, and soon after start so a new install has figures at once).
  const statisticsEveryMs = config.TERRITORY_STATISTICS_MINUTES * 60_000;
  if (statisticsEveryMs > 0) {
    jobs.push({
      name: "territory-statistics",
      everyMs: 60_000,
      firstAfterMs: 5_000,
      failure: "territorial statistics failed; retrying later",
      async run(db) {
        const at = await territoryStatisticsRefreshedAt(db);
        if (at && Date.now() - at.getTime() < statisticsEveryMs) return;
        const result = await refreshTerritoryStatistics(db);
        if (!result.skipped) log.info(result, "territorial statistics recomputed");
      },
    });
  }
  // The public observatory, recomputed when older than its interval (and soon after start).
  const observatoryEveryMs = config.OBSERVATORY_MINUTES * 60_000;
  if (observatoryEveryMs > 0) {
    jobs.push({
      name: "observatory",
      everyMs: 60_000,
      firstAfterMs: 8_000,
      failure: "the observatory's figures failed; retrying later",
      async run(db) {
        const at = await observatoryRefreshedAt(db);
        if (at && Date.now() - at.getTime() < observatoryEveryMs) return;
        const result = await refreshObservatory(db);
        if (!result.skipped) log.info(result, "observatory recomputed");
      },
    });
  }
  return jobs;
}

/** The app's one-off jobs, each taken by one process that runs jobs once enqueued. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each queue its own data
export function appOneOffJobs(config: Env, mailer: Mailer, log: Logger): Array<OneOffJob<any>> {
  return [importJob({ log, mailer }), exportJob({ log, mailer }), deliveryJob({ mailer, appUrl: config.APP_URL, log })];
}
