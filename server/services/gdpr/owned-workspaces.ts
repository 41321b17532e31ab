import { and, eq } from "drizzle-orm";
import { memberships, workspaces } from "../../../db/schema";
import type { ServiceContext } from "../context";

/** The workspaces the user owns: while there is one, the account cannot go. */
export async function ownedWorkspaces(ctx: ServiceContext) {
  return ctx.tx
    .select({ slug: workspaces.slug, name: workspaces.name })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, ctx.actor.userId), eq(memberships.role, "owner")));
}
