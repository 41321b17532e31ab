import { asc, eq } from "drizzle-orm";
import { memberships, workspaces } from "../../../db/schema";
import type { ServiceContext } from "../context";

/** The workspaces the actor belongs to, with its role in each. Scope: the actor's own memberships. */
export async function listMyWorkspaces(ctx: ServiceContext) {
  return ctx.tx
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      kind: workspaces.kind,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, ctx.actor.userId))
    .orderBy(asc(workspaces.name));
}
