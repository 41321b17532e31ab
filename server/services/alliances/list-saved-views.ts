import { and, asc, eq } from "drizzle-orm";
import { savedViews } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** The actor's saved views in this workspace. Tenant: ctx.workspaceId and the actor. */
export async function listSavedViews(ctx: WorkspaceContext) {
  return ctx.tx
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, ctx.workspaceId), eq(savedViews.userId, ctx.actor.userId)))
    .orderBy(asc(savedViews.name));
}
