import { sql } from "drizzle-orm";
import { allianceChanges, auditEvents } from "../../../db/schema";
import { askDelivery } from "../../jobs/deliveries";
import { resultRows } from "../../../db/rows";
import type { WebhookEvent } from "../../../domain/webhooks";
import type { WorkspaceContext } from "../context";
import { actingNames, notifyParties, type NotificationKind } from "../notifications/notifications";

/** One change to an alliance and every trace it leaves. */
export interface AllianceChange {
  allianceId: string;
  /** The alliance's title, for the notification. */
  title: string;
  /** Names the change in the audit log and in the shared history ("alliance.update"). */
  action: string;
  /** The audit row's before and after; `audit: false` writes none (the caller audited otherwise). */
  before?: unknown;
  after?: unknown;
  audit?: boolean;
  /** What the shared-history line says beyond the action. */
  detail?: Record<string, unknown> | null;
  /** The notification the other co-owning workspaces get: "alliance.changed" unless told, none with null. */
  notify?: NotificationKind | null;
  /** The webhook event queued for the alliance's parties, if any. */
  event?: { type: WebhookEvent; data: Record<string, unknown> };
}

/**
 * Records changes to alliances in the caller's transaction, so that they commit or roll back
 * with the change itself: the workspace's audit rows, the shared-history lines every party
 * reads, the notifications of the other co-owners and the webhook events, each kind in one
 * statement however many alliances changed. The form records one change, an import thousands.
 * Tenant: ctx.workspaceId (row-level security holds the history and the events to the
 * alliances this workspace is a party to).
 */
export async function recordChanges(ctx: WorkspaceContext, changes: AllianceChange[]): Promise<void> {
  if (changes.length === 0) return;
  const audited = changes.filter((c) => c.audit !== false);
  if (audited.length) {
    await ctx.tx.insert(auditEvents).values(
      audited.map((c) => ({
        workspaceId: ctx.workspaceId,
        actorUserId: ctx.actor.userId,
        action: c.action,
        entityType: "alliance",
        entityId: c.allianceId,
        before: c.before ?? null,
        after: c.after ?? null,
        requestId: ctx.requestId,
      })),
    );
  }
  const names = await actingNames(ctx);
  await ctx.tx.insert(allianceChanges).values(
    changes.map((c) => ({
      allianceId: c.allianceId,
      workspaceId: ctx.workspaceId,
      organisationName: names.organisation,
      actorName: names.actor,
      action: c.action,
      detail: c.detail ?? null,
    })),
  );
  for (const c of changes) {
    const kind = c.notify === undefined ? "alliance.changed" : c.notify;
    if (kind) await notifyParties(ctx, c.allianceId, kind, { title: c.title, detail: c.action });
  }
  await queueEvents(ctx, changes);
}

/** Records one change: see recordChanges. */
export async function recordChange(ctx: WorkspaceContext, change: AllianceChange): Promise<void> {
  await recordChanges(ctx, [change]);
}

/**
 * Queues the changes' webhook events in one statement per event type. A new alliance has no
 * party but this workspace, so its event is only queued when one of this workspace's webhooks
 * listens for it (which spares a large import a call per row).
 */
async function queueEvents(ctx: WorkspaceContext, changes: AllianceChange[]) {
  const occurredAt = new Date().toISOString();
  const byType = new Map<WebhookEvent, Array<{ id: string; payload: unknown }>>();
  for (const c of changes) {
    if (!c.event) continue;
    const list = byType.get(c.event.type) ?? [];
    list.push({ id: c.allianceId, payload: { event: c.event.type, occurredAt, data: c.event.data } });
    byType.set(c.event.type, list);
  }
  for (const [type, rows] of byType) {
    if (type === "alliance.created" && !(await workspaceListens(ctx, type))) continue;
    const [queued] = resultRows<{ deliveries: number }>(
      await ctx.tx.execute(sql`
        select coalesce(sum(app_enqueue_alliance_webhooks(v.id, ${type}, v.payload)), 0)::int as deliveries
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, payload jsonb)`),
    );
    if (queued && queued.deliveries > 0) await askDelivery(ctx.tx);
  }
}

/** Whether one of this workspace's active webhooks listens for the event. */
async function workspaceListens(ctx: WorkspaceContext, event: WebhookEvent): Promise<boolean> {
  const rows = resultRows(
    await ctx.tx.execute(
      sql`select 1 from webhooks where workspace_id = ${ctx.workspaceId} and disabled_at is null and ${event} = any(events) limit 1`,
    ),
  );
  return rows.length > 0;
}
