import { PartyInvitationTokenInput, previewPartyInvitation } from "../../services/alliances/email-invitations";
import { authedProcedure, router } from "../procedures";

export const partyInvitationsRouter = router({
  preview: authedProcedure
    .meta({ permission: "authed" })
    .input(PartyInvitationTokenInput)
    .query(({ ctx, input }) => previewPartyInvitation(ctx.service, input.token)),
});
