import type { WorkspaceContext } from "../context";
import { myActions } from "./my-actions";
import { type DashboardFilters, workspaceDashboard } from "./workspace-dashboard";

/**
 * The workspace's home page in one transaction: its dashboard for the filters and what waits
 * for the workspace (issue 27; each call through the server caller is a transaction of its own,
 * with its own membership check). Permission: alliances.read, as both parts.
 */
export async function dashboardHome(ctx: WorkspaceContext, filters: DashboardFilters) {
  // One after the other: both may store their figures, and two savepoints must not interleave.
  const dashboard = await workspaceDashboard(ctx, filters);
  const actions = await myActions(ctx);
  return { dashboard, actions };
}
