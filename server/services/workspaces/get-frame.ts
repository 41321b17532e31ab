import { eq, sql } from "drizzle-orm";
import { memberships, workspaces } from "../../../db/schema";
import { can } from "../../../domain/roles";
import { unreadCountColumn } from "../notifications/unread-count";
import type { WorkspaceContext } from "../context";
import { memberCountColumn, workspaceOf } from "./get-workspace";

type MyWorkspace = Pick<typeof workspaces.$inferSelect, "id" | "slug" | "name" | "kind"> & {
  role: (typeof memberships.$inferSelect)["role"];
};

/**
 * What every page of a workspace shows around its content, in one statement: the workspace with
 * its member count and lists, the member's workspaces (the switcher), unread notifications, and
 * whether the workspace coordinates an approved territory. It was seven statements, one round
 * trip each, on every page. Each part is the expression its own procedure uses
 * (`memberCountColumn`, `unreadCountColumn`), or is checked against it
 * (tests/integration/page-reads.test.ts: the switcher against `listMyWorkspaces`, the
 * coordination against `listCoordinations`). Row-level security applies to every subquery.
 * Permission: workspace.read; the unread count is given only to roles that may read
 * notifications (alliances.read), 0 otherwise.
 */
export async function getWorkspaceFrame(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({
      workspace: workspaces,
      memberCount: memberCountColumn(ctx),
      unread: can(ctx.role, "alliances.read") ? unreadCountColumn(ctx) : sql<number>`0`,
      coordinating: sql<boolean>`exists (select 1 from territory_coordinations c
        where c.workspace_id = ${ctx.workspaceId} and c.status = 'approved')`,
      // The switcher, in listMyWorkspaces's order (by name).
      mine: sql<MyWorkspace[]>`(select coalesce(json_agg(json_build_object('id', o.id, 'slug', o.slug, 'name', o.name,
          'kind', o.kind, 'role', m.role) order by o.name), '[]'::json)
        from memberships m join workspaces o on o.id = m.workspace_id where m.user_id = ${ctx.actor.userId})`,
    })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const workspace = workspaceOf(ctx, row);
  return { workspace, mine: row!.mine, unread: row!.unread, coordinating: row!.coordinating };
}
