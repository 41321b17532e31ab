import { isIP } from "node:net";
import { createHmac, randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { webhookDeliveries, webhooks } from "../../../db/schema";
import { WEBHOOK_EVENTS, type WebhookEvent } from "../../../domain/webhooks";
import { env } from "../../../env";
import { AppError } from "../../errors";
import type { Logger } from "../../log";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { isPublicAddress, postChecked, type OutboundOptions } from "../../http/outbound";

export type { WebhookEvent };

/** Waits before each retry: 1 min, 5 min, 30 min, 2 h, 12 h; after the sixth attempt the delivery has failed. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000];
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * HTTPS to a public host only; plain HTTP to this machine only where the configuration allows it
 * (development, tests). An address written as an IP is checked here; a host name is checked
 * again at each delivery, after resolution (server/http/outbound.ts).
 */
function acceptableUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "http:")
      return env().WEBHOOK_ALLOW_LOCAL_HTTP && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    if (url.protocol !== "https:" || url.username || url.password) return false;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (host === "localhost" || host.endsWith(".localhost")) return false;
    return isIP(host) === 0 || isPublicAddress(host);
  } catch {
    return false;
  }
}

export const CreateWebhookInput = z.object({
  url: z.string().trim().max(500).refine(acceptableUrl, { message: "errors.webhooks.url" }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, { message: "errors.webhooks.events" }).max(WEBHOOK_EVENTS.length),
});
export const WebhookIdInput = z.object({ id: z.uuid() });

/** Registers a webhook; its signing secret is returned once. Permission: workspace.update. Audited. */
export async function createWebhook(ctx: WorkspaceContext, input: z.infer<typeof CreateWebhookInput>) {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await ctx.tx
    .insert(webhooks)
    .values({
      workspaceId: ctx.workspaceId,
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: webhooks.id });
  await recordAudit(ctx, {
    action: "webhook.create",
    entityType: "webhook",
    entityId: row!.id,
    after: { url: input.url, events: input.events },
  });
  return { id: row!.id, secret };
}

/** Removes a webhook and its delivery log. Permission: workspace.update. Audited. */
export async function deleteWebhook(ctx: WorkspaceContext, id: string) {
  const [row] = await ctx.tx
    .delete(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.workspaceId, ctx.workspaceId)))
    .returning({ url: webhooks.url });
  if (!row) throw new AppError("NOT_FOUND", "errors.webhooks.notFound");
  await recordAudit(ctx, { action: "webhook.delete", entityType: "webhook", entityId: id, before: { url: row.url } });
  return { id };
}

/** The workspace's webhooks with their latest deliveries (the delivery log). Permission: workspace.update. */
export async function listWebhooks(ctx: WorkspaceContext) {
  const hooks = await ctx.tx
    .select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt })
    .from(webhooks)
    .where(eq(webhooks.workspaceId, ctx.workspaceId))
    .orderBy(asc(webhooks.createdAt));
  const deliveries = hooks.length
    ? await ctx.tx
        .select({
          id: webhookDeliveries.id,
          webhookId: webhookDeliveries.webhookId,
          event: webhookDeliveries.event,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          lastStatusCode: webhookDeliveries.lastStatusCode,
          lastError: webhookDeliveries.lastError,
          nextAttemptAt: webhookDeliveries.nextAttemptAt,
          deliveredAt: webhookDeliveries.deliveredAt,
          createdAt: webhookDeliveries.createdAt,
        })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.workspaceId, ctx.workspaceId),
            inArray(
              webhookDeliveries.webhookId,
              hooks.map((h) => h.id),
            ),
          ),
        )
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(50 * hooks.length)
    : [];
  return hooks.map((h) => ({ ...h, deliveries: deliveries.filter((d) => d.webhookId === h.id).slice(0, 20) }));
}

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
      .limit(options.limit ?? 20)
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
  return { attempted: claimed.length, delivered };
}
