import { asc, eq } from "drizzle-orm";
import { memberships, users } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** Members of the current workspace with their role. Tenant: ctx.workspaceId. Permission: members.read. */
export async function listMembers(ctx: WorkspaceContext) {
  return ctx.tx
    .select({
      userId: memberships.userId,
      email: users.email,
      name: users.name,
      role: memberships.role,
      version: memberships.version,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(asc(users.email));
}
