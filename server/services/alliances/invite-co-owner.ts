import { eq } from "drizzle-orm";
import { z } from "zod";
import { allianceParties } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { notifyParties } from "../notifications/notifications";
import { PartyInput } from "./schemas";
import { recordChange } from "./record-change";
import { verifiedWorkspaceOf, loadParty } from "./access";

/** How long an invitation to co-own can be accepted. */
export const CO_OWNER_INVITATION_DAYS = 14;

/**
 * Invites a named partner's own workspace to co-own the alliance. The partner organisation
 * must have a workspace verified for it here; its row becomes an invitation that only that
 * workspace can answer. A refused or withdrawn invitation can be sent again. Permission:
 * alliances.write. Audited.
 */
export async function inviteCoOwner(ctx: WorkspaceContext, input: z.infer<typeof PartyInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const party = await loadParty(ctx, input.allianceId, input.partyId);
  if (party.workspaceId === ctx.workspaceId) throw new AppError("BAD_REQUEST", "errors.share.self");
  if (party.status === "accepted" && party.workspaceId) throw new AppError("CONFLICT", "errors.share.alreadyCoOwner");
  if (party.status === "invited" && party.workspaceId) throw new AppError("CONFLICT", "errors.share.alreadyInvited");
  // Only the workspace verified for the organisation may receive it (never one that merely named
  // the same SIREN): without one, the inviter invites someone of the organisation by email.
  const workspaceId = await verifiedWorkspaceOf(ctx, party.organisationId);
  if (!workspaceId) throw new AppError("CONFLICT", "errors.share.notVerified");
  await ctx.tx
    .update(allianceParties)
    .set({
      workspaceId,
      status: "invited",
      invitedByWorkspaceId: ctx.workspaceId,
      invitedAt: new Date(),
      invitationExpiresAt: new Date(Date.now() + CO_OWNER_INVITATION_DAYS * 86_400_000),
      invitedEmail: null,
      invitationTokenHash: null,
      respondedAt: null,
    })
    .where(eq(allianceParties.id, party.id));
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "share.invite",
    detail: { organisation: party.name },
    notify: null,
    after: { organisation: party.name },
  });
  await notifyParties(ctx, input.allianceId, "share.invited", { title: core.title }, workspaceId);
}
