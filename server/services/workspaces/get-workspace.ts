import { eq, sql } from "drizzle-orm";
import { workspaces } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { listsOf } from "./workspace-lists";

/**
 * The workspace's member count, as a column of a statement. The workspace is a parameter: in a
 * one-table select, drizzle writes a column as its bare name ("id"), which inside a subquery
 * would name the subquery's own column.
 */
export function memberCountColumn(ctx: WorkspaceContext) {
  return sql<number>`(select count(*)::int from memberships m where m.workspace_id = ${ctx.workspaceId})`;
}

/** What `getWorkspace` answers, from the row and member count one statement read. */
export function workspaceOf(
  ctx: WorkspaceContext,
  row: { workspace: typeof workspaces.$inferSelect; memberCount: number } | undefined,
) {
  if (!row) throw new AppError("NOT_FOUND", "errors.workspace.notFound");
  return { ...row.workspace, memberCount: row.memberCount, myRole: ctx.role, lists: listsOf(row.workspace) };
}

/** The current workspace with its member count and the actor's role. Tenant: ctx.workspaceId. */
export async function getWorkspace(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({ workspace: workspaces, memberCount: memberCountColumn(ctx) })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return workspaceOf(ctx, row);
}
