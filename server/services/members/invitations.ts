import { and, desc, eq, isNull } from "drizzle-orm";
import { invitations } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

/** Pending invitations of the workspace (expired ones flagged). Tenant: ctx.workspaceId. Permission: members.invite. */
export async function listInvitations(ctx: WorkspaceContext) {
  const rows = await ctx.tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(eq(invitations.workspaceId, ctx.workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .orderBy(desc(invitations.createdAt));
  const now = new Date();
  return rows.map((r) => ({ ...r, isExpired: r.expiresAt <= now }));
}

/** Revokes a pending invitation so its link stops working. Permission: members.invite. Audited. */
export async function revokeInvitation(ctx: WorkspaceContext, input: { invitationId: string }) {
  const [revoked] = await ctx.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspaceId),
        eq(invitations.id, input.invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
  if (!revoked) throw new AppError("NOT_FOUND", "errors.invitation.notFound");
  await recordAudit(ctx, {
    action: "invitation.revoke",
    entityType: "invitation",
    entityId: revoked.id,
    before: revoked,
  });
}
