import { eq } from "drizzle-orm";
import { z } from "zod";
import { allianceParties } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { PartyInput } from "./schemas";
import { recordChange } from "./record-change";
import { loadParty } from "./access";

/** Withdraws an invitation this workspace's alliance sent. Permission: alliances.write. Audited. */
export async function withdrawCoOwnerInvitation(ctx: WorkspaceContext, input: z.infer<typeof PartyInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const party = await loadParty(ctx, input.allianceId, input.partyId);
  if (party.status !== "invited") throw new AppError("CONFLICT", "errors.share.notInvited");
  // An email invitation (no workspace yet) returns the row to a plain named partner.
  await ctx.tx
    .update(allianceParties)
    .set(
      party.workspaceId
        ? { status: "withdrawn", respondedAt: new Date() }
        : { status: "accepted", invitedEmail: null, invitationTokenHash: null, invitationExpiresAt: null },
    )
    .where(eq(allianceParties.id, party.id));
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "share.withdraw",
    detail: { organisation: party.name },
    notify: null,
    before: { organisation: party.name },
  });
}
