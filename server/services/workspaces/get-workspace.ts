import { count, eq } from "drizzle-orm";
import { memberships, workspaces } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { workspaceLists } from "./workspace-lists";

/** The current workspace with its member count and the actor's role. Tenant: ctx.workspaceId. */
export async function getWorkspace(ctx: WorkspaceContext) {
  const [workspace] = await ctx.tx.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!workspace) throw new AppError("NOT_FOUND", "errors.workspace.notFound");
  const [members] = await ctx.tx
    .select({ value: count() })
    .from(memberships)
    .where(eq(memberships.workspaceId, ctx.workspaceId));
  return { ...workspace, memberCount: members?.value ?? 0, myRole: ctx.role, lists: await workspaceLists(ctx) };
}
