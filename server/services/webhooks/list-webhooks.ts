import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

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
