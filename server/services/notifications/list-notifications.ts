import { desc } from "drizzle-orm";
import { notifications } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { visibleTo, readThrough } from "./notifications";

/** The latest notifications of the workspace meant for this member, newest first. Permission: alliances.read. */
export async function listNotifications(ctx: WorkspaceContext) {
  const since = await readThrough(ctx);
  const rows = await ctx.tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      allianceId: notifications.allianceId,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(visibleTo(ctx))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, unread: r.createdAt > since }));
}
