import { and, eq, sql } from "drizzle-orm";
import { memberships, users } from "../../../db/schema";
import { canAssignRole } from "../../../domain/roles";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { assertAnotherOwnerRemains } from "./owners";
import type { ChangeMemberRoleInput } from "./schemas";

/**
 * Changes a member's role. Admins manage admins, editors and viewers; only owners touch the
 * owner role; the last owner cannot be demoted. Stale versions are a CONFLICT.
 * Tenant: ctx.workspaceId. Permission: members.manage. Audited.
 */
export async function changeMemberRole(ctx: WorkspaceContext, input: ChangeMemberRoleInput) {
  const [target] = await ctx.tx
    .select({ role: memberships.role, version: memberships.version, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)));
  if (!target) throw new AppError("NOT_FOUND", "errors.members.notFound");
  if (!canAssignRole(ctx.role, target.role, input.role)) throw new AppError("FORBIDDEN", "errors.members.ownerOnly");
  if (target.role === "owner" && input.role !== "owner") await assertAnotherOwnerRemains(ctx, input.userId);

  const [updated] = await ctx.tx
    .update(memberships)
    .set({ role: input.role, version: sql`${memberships.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(memberships.workspaceId, ctx.workspaceId),
        eq(memberships.userId, input.userId),
        eq(memberships.version, input.version),
      ),
    )
    .returning({ userId: memberships.userId, role: memberships.role, version: memberships.version });
  if (!updated) throw new AppError("CONFLICT", "errors.staleVersion");
  await recordAudit(ctx, {
    action: "member.role_change",
    entityType: "membership",
    entityId: input.userId,
    before: { email: target.email, role: target.role },
    after: { email: target.email, role: updated.role },
  });
  return updated;
}
