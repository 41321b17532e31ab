import { createHmac } from "node:crypto";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { webhookDeliveries, webhooks } from "../../../db/schema";
import { env } from "../../../env";
import type { Logger } from "../../log";
import { postChecked, type OutboundOptions } from "../../http/outbound";

/** Waits before each retry: 1 min, 5 min, 30 min, 2 h, 12 h; after the sixth attempt the delivery has failed. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000];

const ATTEMPT_TIMEOUT_MS = 10_000;

/** The signature header: "t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${body}` with the secret>". */
export function signature(secret: string, body: string, at: number): string {
  const t = Math.floor(at / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** Posts one delivery; resolves with the HTTP status. */
type Send = (url: string, headers: Record<string, string>, body: string) => Promise<number>;

/**
 * Sends the deliveries that are due, as the maillage_webhooks role: each is claimed in a short
 * transaction (a lease, so two runners never send it together), posted without holding a
 * transaction open, then its outcome recorded. A 2xx answer delivers it; anything else is
 * retried after RETRY_DELAYS_MS, and after the last one it has failed.
 */
export async function dispatchWebhooks(
  db: Db,
  options: { send?: Send; now?: () => number; log?: Logger; limit?: number; resolve?: OutboundOptions["resolve"] } = {},
) {
  const send: Send =
    options.send ??
    ((url, headers, body) =>
      postChecked(url, headers, body, {
        allowLocalHttp: env().WEBHOOK_ALLOW_LOCAL_HTTP,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
        resolve: options.resolve,
      }));
  const now = options.now ?? Date.now;
  const limit = options.limit ?? 20;
  const claimed = await db.transaction(async (tx) => {
    await tx.execute(sql`set local role maillage_webhooks`);
    const due = await tx
      .select({
        id: webhookDeliveries.id,
        event: webhookDeliveries.event,
        payload: webhookDeliveries.payload,
        attempts: webhookDeliveries.attempts,
        url: webhooks.url,
        secret: webhooks.secret,
      })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, new Date(now()))))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    for (const d of due) {
      await tx
        .update(webhookDeliveries)
        .set({ attempts: d.attempts + 1, nextAttemptAt: new Date(now() + ATTEMPT_TIMEOUT_MS * 6) })
        .where(eq(webhookDeliveries.id, d.id));
    }
    return due.map((d) => ({ ...d, attempts: d.attempts + 1 }));
  });
  let delivered = 0;
  for (const d of claimed) {
    const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
    let code: number | null = null;
    let error: string | null = null;
    try {
      const status = await send(
        d.url,
        {
          "Content-Type": "application/json",
          "User-Agent": "Maillage-Webhooks/1",
          "X-Maillage-Event": d.event,
          "X-Maillage-Delivery": d.id,
          "X-Maillage-Signature": signature(d.secret, body, now()),
        },
        body,
      );
      code = status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message.slice(0, 300) : "error";
    }
    const ok = error === null;
    if (ok) delivered += 1;
    const exhausted = !ok && d.attempts > RETRY_DELAYS_MS.length;
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local role maillage_webhooks`);
      await tx
        .update(webhookDeliveries)
        .set({
          status: ok ? "delivered" : exhausted ? "failed" : "pending",
          lastStatusCode: code,
          lastError: error,
          deliveredAt: ok ? new Date(now()) : null,
          nextAttemptAt: new Date(now() + (ok || exhausted ? 0 : RETRY_DELAYS_MS[d.attempts - 1]!)),
        })
        .where(eq(webhookDeliveries.id, d.id));
    });
    if (!ok)
      options.log?.info(
        { delivery: d.id, attempts: d.attempts, error },
        exhausted ? "webhook delivery failed" : "webhook delivery will be retried",
      );
  }
  return { attempted: claimed.length, delivered, limit };
}
