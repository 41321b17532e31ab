import { PartyInvitationTokenInput } from "../../services/alliances/schemas";
import { previewPartyInvitation } from "../../services/alliances/preview-party-invitation";
import { authedProcedure, router } from "../procedures";

export const partyInvitationsRouter = router({
  preview: authedProcedure
    .meta({ permission: "authed" })
    .input(PartyInvitationTokenInput)
    .query(({ ctx, input }) => previewPartyInvitation(ctx.service, input.token)),
});
