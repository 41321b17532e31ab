import { and, gt, sql } from "drizzle-orm";
import { notifications } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { visibleTo, readThrough } from "./notifications";

/** How many notifications arrived since this member last opened the inbox. Permission: alliances.read. */
export async function unreadCount(ctx: WorkspaceContext) {
  const since = await readThrough(ctx);
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(visibleTo(ctx), gt(notifications.createdAt, since)));
  return row?.n ?? 0;
}
