import { and, eq } from "drizzle-orm";
import { memberships, users } from "../../../db/schema";
import { canAssignRole } from "../../../domain/roles";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { assertAnotherOwnerRemains } from "./owners";

async function deleteMembership(ctx: WorkspaceContext, userId: string, action: "member.remove" | "member.leave") {
  const [target] = await ctx.tx
    .select({ role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)));
  if (!target) throw new AppError("NOT_FOUND", "errors.members.notFound");
  if (action === "member.remove" && !canAssignRole(ctx.role, target.role, target.role)) {
    throw new AppError("FORBIDDEN", "errors.members.ownerOnly");
  }
  if (target.role === "owner") await assertAnotherOwnerRemains(ctx, userId);
  await ctx.tx
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)));
  await recordAudit(ctx, { action, entityType: "membership", entityId: userId, before: target });
}

/**
 * Removes another member. Admins cannot remove owners; the last owner cannot be removed;
 * removing oneself goes through leaveWorkspace. Tenant: ctx.workspaceId. Permission: members.manage. Audited.
 */
export async function removeMember(ctx: WorkspaceContext, input: { userId: string }) {
  if (input.userId === ctx.actor.userId) throw new AppError("BAD_REQUEST", "errors.members.useLeave");
  await deleteMembership(ctx, input.userId, "member.remove");
}

/** The actor leaves the workspace, unless it is its last owner. Permission: members.leave. Audited. */
export async function leaveWorkspace(ctx: WorkspaceContext) {
  await deleteMembership(ctx, ctx.actor.userId, "member.leave");
}
