import { and, eq } from "drizzle-orm";
import { memberships } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";

/**
 * Refuses a change that would leave the workspace without an owner. The owners' rows are
 * locked first so two owners demoting each other at once cannot both succeed.
 */
export async function assertAnotherOwnerRemains(ctx: WorkspaceContext, leavingUserId: string): Promise<void> {
  const owners = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.role, "owner")))
    .for("update");
  if (!owners.some((o) => o.userId !== leavingUserId)) throw new AppError("CONFLICT", "errors.members.lastOwner");
}
