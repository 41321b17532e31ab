import { and, eq, isNull } from "drizzle-orm";
import { invitations } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

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
