import { can } from "../../../domain/roles";
import { unreadCount } from "../notifications/unread-count";
import { listCoordinations } from "../territories/list-coordinations";
import type { WorkspaceContext } from "../context";
import { getWorkspace } from "./get-workspace";
import { listMyWorkspaces } from "./list-my-workspaces";

/**
 * What every page of a workspace shows around its content, read in the one transaction of the
 * call instead of four: the workspace, the member's other workspaces (the switcher), unread
 * notifications, and whether the workspace coordinates an approved territory. The same service
 * functions answer as their own procedures, so the figures are the same. Permission:
 * workspace.read; the unread count is given only to roles that may read notifications
 * (alliances.read), 0 otherwise.
 */
export async function getWorkspaceFrame(ctx: WorkspaceContext) {
  const workspace = await getWorkspace(ctx);
  const mine = await listMyWorkspaces(ctx);
  const unread = can(ctx.role, "alliances.read") ? await unreadCount(ctx) : 0;
  const coordinating = (await listCoordinations(ctx)).some((c) => c.status === "approved");
  return { workspace, mine, unread, coordinating };
}
