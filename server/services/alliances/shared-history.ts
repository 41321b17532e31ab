import { desc, eq, sql } from "drizzle-orm";
import { allianceChanges } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { actingNames, notifyParties, type NotificationKind } from "../notifications/notifications";

/**
 * Writes one line of the alliance's shared history (which organisation, which person, what)
 * and, unless told otherwise, tells the other co-owning workspaces. Runs in the caller's
 * transaction, next to its audit row.
 */
export async function recordSharedChange(
  ctx: WorkspaceContext,
  change: {
    allianceId: string;
    title: string;
    action: string;
    detail?: Record<string, unknown>;
    notify?: NotificationKind | null;
  },
) {
  const names = await actingNames(ctx);
  await ctx.tx.insert(allianceChanges).values({
    allianceId: change.allianceId,
    workspaceId: ctx.workspaceId,
    organisationName: names.organisation,
    actorName: names.actor,
    action: change.action,
    detail: change.detail ?? null,
  });
  const kind = change.notify === undefined ? "alliance.changed" : change.notify;
  if (kind) await notifyParties(ctx, change.allianceId, kind, { title: change.title, detail: change.action });
}

/** The shared history every party sees, newest first. Permission: alliances.read (caller checks access). */
export async function sharedHistory(ctx: WorkspaceContext, allianceId: string) {
  return ctx.tx
    .select({
      id: allianceChanges.id,
      action: allianceChanges.action,
      organisationName: allianceChanges.organisationName,
      actorName: allianceChanges.actorName,
      detail: allianceChanges.detail,
      createdAt: allianceChanges.createdAt,
      mine: sql<boolean>`${allianceChanges.workspaceId} is not distinct from ${ctx.workspaceId}`,
    })
    .from(allianceChanges)
    .where(eq(allianceChanges.allianceId, allianceId))
    .orderBy(desc(allianceChanges.createdAt), desc(allianceChanges.id))
    .limit(200);
}
