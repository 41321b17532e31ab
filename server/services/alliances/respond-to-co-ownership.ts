import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { allianceParties, alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { RespondInput } from "./schemas";
import { recordChange } from "./record-change";
import { verifiedWorkspaceOf } from "./access";

/**
 * Accepts or declines an invitation addressed to this workspace; accepting makes the alliance
 * appear in its list with the shared core. Permission: alliances.share (admins). Audited.
 */
export async function respondToCoOwnership(ctx: WorkspaceContext, input: z.infer<typeof RespondInput>) {
  const [pending] = await ctx.tx
    .select({ expiresAt: allianceParties.invitationExpiresAt, organisationId: allianceParties.organisationId })
    .from(allianceParties)
    .where(
      and(
        eq(allianceParties.id, input.partyId),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "invited"),
      ),
    );
  if (!pending) throw new AppError("NOT_FOUND", "errors.share.invitationNotFound");
  // An invitation lapses when this workspace is no longer the organisation's verified one.
  if ((await verifiedWorkspaceOf(ctx, pending.organisationId)) !== ctx.workspaceId)
    throw new AppError("NOT_FOUND", "errors.share.invitationNotFound");
  if (input.accept && pending.expiresAt && pending.expiresAt < new Date())
    throw new AppError("CONFLICT", "errors.share.invitationExpired");
  const [updated] = await ctx.tx
    .update(allianceParties)
    .set({ status: input.accept ? "accepted" : "declined", respondedAt: new Date() })
    .where(
      and(
        eq(allianceParties.id, input.partyId),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "invited"),
      ),
    )
    .returning({ allianceId: allianceParties.allianceId });
  if (!updated) throw new AppError("NOT_FOUND", "errors.share.invitationNotFound");
  if (input.accept) {
    const [core] = await ctx.tx
      .select({ title: alliances.title })
      .from(alliances)
      .where(eq(alliances.id, updated.allianceId));
    const title = core?.title ?? "";
    await recordChange(ctx, {
      allianceId: updated.allianceId,
      title,
      action: "share.accept",
      notify: "share.accepted",
      event: {
        type: "invitation.accepted",
        data: { alliance: { id: updated.allianceId, title }, partyId: input.partyId },
      },
    });
  } else {
    await recordAudit(ctx, { action: "share.decline", entityType: "alliance", entityId: updated.allianceId });
  }
  return updated;
}
