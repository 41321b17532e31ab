import type { Db } from "../../db/client";
import type { Logger } from "../log";
import type { Mailer } from "../services/mail/mailer";
import { dispatchNotificationEmails } from "../services/notifications/dispatch-emails";
import { dispatchWebhooks } from "../services/webhooks/dispatch-webhooks";
import { enqueue, type OneOffJob } from "./queue";

/**
 * The queue that sends what a change left to send: its notification emails and webhook
 * deliveries. A transaction that writes notifications or deliveries also enqueues one run here
 * (`askDelivery`), so they go out within a second of the commit, by one process, rather than at
 * the next turn of the outbox. A transaction asks once however much it wrote. Runs may overlap:
 * each claims its rows with SKIP LOCKED, so nothing is sent twice, and a run that finds nothing
 * costs one query. (A "stately" queue would keep one run waiting, but its unique index makes a
 * second writing transaction wait for the first to commit: an import would hold up every edit.)
 *
 * The rows stay the state: a webhook delivery that failed keeps its own schedule of retries (1 min
 * to 12 h, dispatch-webhooks.ts) and is sent again by the outbox's scheduled run when due. A run
 * that fails (the mail server refused the batch, say) is retried by the queue with backoff, then
 * left failed with its reason on /operator/travaux.
 */
export const DELIVERY_QUEUE = "deliveries";

/** Asks for a delivery run, in the transaction that wrote what it will send. */
export async function askDelivery(tx: Db): Promise<void> {
  if (asked.has(tx)) return;
  asked.add(tx);
  await enqueue(tx, DELIVERY_QUEUE, {});
}
const asked = new WeakSet<Db>();

/** Sends every notification email waiting (batch after batch), then the webhook deliveries due. */
export function deliveryJob(deps: { mailer: Mailer; appUrl: string; log: Logger }): OneOffJob<Record<string, never>> {
  return {
    name: DELIVERY_QUEUE,
    failure: "sending notification emails or webhooks failed; the queue retries",
    async run(db) {
      for (;;) {
        const { notifications, batch } = await dispatchNotificationEmails(db, deps.mailer, deps.appUrl, deps.log);
        if (notifications < batch) break;
      }
      for (;;) {
        const { attempted, limit } = await dispatchWebhooks(db, { log: deps.log });
        if (attempted < limit) break;
      }
    },
  };
}
