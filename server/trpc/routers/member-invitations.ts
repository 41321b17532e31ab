import { acceptInvitation, previewInvitation } from "../../services/members/accept-invitation";
import { listInvitations } from "../../services/members/list-invitations";
import { revokeInvitation } from "../../services/members/revoke-invitation";
import { InvitationTokenInput, RevokeInvitationInput } from "../../services/members/schemas";
import { authedProcedure, router, workspaceProcedure } from "../procedures";

export const memberInvitationsRouter = router({
  list: workspaceProcedure.meta({ permission: "members.invite" }).query(({ ctx }) => listInvitations(ctx.workspace)),
  revoke: workspaceProcedure
    .meta({ permission: "members.invite" })
    .input(RevokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.workspace, input)),
  preview: authedProcedure
    .meta({ permission: "authed" })
    .input(InvitationTokenInput)
    .query(({ ctx, input }) => previewInvitation(ctx.service, input.token)),
  accept: authedProcedure
    .meta({ permission: "authed" })
    .input(InvitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.service, input.token)),
});
