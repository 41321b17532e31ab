/**
 * `npm run worker`: a process that runs the background jobs and nothing else, beside any number
 * of web processes (`JOBS_IN_WEB=false` leaves them to pages and the API) and other workers. The
 * queue (server/jobs/queue.ts) runs each scheduled job once per period across all of them.
 *
 * Needs DATABASE_URL: the embedded database serves one process, whose web server runs the jobs.
 * On SIGTERM or SIGINT it stops taking jobs, lets a running one finish for a few seconds (one cut
 * then is taken again by another process once it expires), closes the database and exits 0.
 *
 *   DATABASE_URL=postgres://… npm run worker
 */
import { openDatabase } from "../db/client";
import { env } from "../env";
import { appJobs, appOneOffJobs } from "../server/jobs/jobs";
import { startJobs } from "../server/jobs/queue";
import { INSTANCE_ID, logger } from "../server/log";
import { startTracing, stopTracing } from "../server/tracing";
import { createMailer } from "../server/services/mail/mailer";

const config = env();
const log = logger().child({ component: "worker" });
if (!config.DATABASE_URL) {
  console.error(
    "The worker needs DATABASE_URL: on the embedded database, `npm start` runs the jobs in the web process.",
  );
  process.exit(1);
}
// Each job's run a span, with its statements, when OTEL_EXPORTER_OTLP_ENDPOINT is set.
await startTracing({ instance: INSTANCE_ID });
const database = await openDatabase({
  url: config.DATABASE_URL,
  applicationName: `maillage ${INSTANCE_ID}`.slice(0, 63),
  poolMax: 4,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
});
const mailer = createMailer({ server: config.EMAIL_SERVER, from: config.EMAIL_FROM, log });
const jobs = await startJobs(
  appJobs(config, mailer, log),
  { get: async () => database },
  log,
  appOneOffJobs(config, mailer, log),
);
log.info("worker running the background jobs");

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping");
  setTimeout(() => process.exit(1), 20_000).unref();
  await jobs.stop();
  await database.close();
  await stopTracing();
  log.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
