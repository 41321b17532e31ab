import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import type { WorkspaceContext } from "../context";
import { visibleAudiences } from "./notifications";

/**
 * The number of notifications that arrived since this member last opened the inbox, as an
 * expression: a column of the workspace frame's statement, or a statement of its own. Written
 * with its own aliases: in a one-table select, drizzle writes columns by their bare names.
 */
export function unreadCountColumn(ctx: WorkspaceContext) {
  const audiences = sql.join(
    visibleAudiences(ctx).map((a) => sql`${a}::notification_audience`),
    sql`, `,
  );
  return sql<number>`(select count(*)::int from notifications n
    where n.workspace_id = ${ctx.workspaceId} and n.audience in (${audiences})
      and n.created_at > coalesce((select r.read_through from notification_reads r
        where r.workspace_id = ${ctx.workspaceId} and r.user_id = ${ctx.actor.userId}), 'epoch'::timestamptz))`;
}

/** How many notifications arrived since this member last opened the inbox. Permission: alliances.read. */
export async function unreadCount(ctx: WorkspaceContext) {
  const [row] = resultRows<{ n: number }>(await ctx.tx.execute(sql`select ${unreadCountColumn(ctx)} as n`));
  return row?.n ?? 0;
}
