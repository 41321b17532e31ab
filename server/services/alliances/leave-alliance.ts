import { and, eq, sql } from "drizzle-orm";
import { allianceParties, allianceSdgClaims } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { recordChange } from "./record-change";

/**
 * This workspace leaves an alliance it co-owns and loses the shared core; the last co-owner
 * cannot leave (the alliance would belong to nobody). Permission: alliances.share. Audited.
 */
export async function leaveAlliance(ctx: WorkspaceContext, input: { allianceId: string }) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const owners = await ctx.tx
    .select({ workspaceId: allianceParties.workspaceId })
    .from(allianceParties)
    .where(
      and(
        eq(allianceParties.allianceId, input.allianceId),
        eq(allianceParties.status, "accepted"),
        sql`${allianceParties.workspaceId} is not null`,
      ),
    )
    .for("update");
  if (owners.length < 2) throw new AppError("CONFLICT", "errors.share.lastOwner");
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "share.leave",
    before: { title: core.title },
    notify: "share.left",
  });
  // Its SDG claims and consents go with it; its private layer stays its own.
  await ctx.tx
    .delete(allianceSdgClaims)
    .where(and(eq(allianceSdgClaims.allianceId, input.allianceId), eq(allianceSdgClaims.workspaceId, ctx.workspaceId)));
  await ctx.tx
    .update(allianceParties)
    .set({ status: "left", respondedAt: new Date(), audienceConsent: null, consentRevision: null, consentAt: null })
    .where(and(eq(allianceParties.allianceId, input.allianceId), eq(allianceParties.workspaceId, ctx.workspaceId)));
}
