import { notificationReads } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** Marks everything up to now as read for this member (not audited: it changes nothing shared). */
export async function markAllRead(ctx: WorkspaceContext) {
  const now = new Date();
  await ctx.tx
    .insert(notificationReads)
    .values({ workspaceId: ctx.workspaceId, userId: ctx.actor.userId, readThrough: now })
    .onConflictDoUpdate({
      target: [notificationReads.workspaceId, notificationReads.userId],
      set: { readThrough: now },
    });
  return { readThrough: now };
}
