import { acceptInvitation, previewInvitation } from "../../services/members/accept-invitation";
import { listInvitations, revokeInvitation } from "../../services/members/invitations";
import { InvitationTokenInput, RevokeInvitationInput } from "../../services/members/schemas";
import { authedProcedure, router, workspaceProcedure } from "../procedures";

export const memberInvitationsRouter = router({
  list: workspaceProcedure.query(({ ctx }) => listInvitations(ctx.workspace)),
  revoke: workspaceProcedure
    .input(RevokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.workspace, input)),
  preview: authedProcedure
    .input(InvitationTokenInput)
    .query(({ ctx, input }) => previewInvitation(ctx.service, input.token)),
  accept: authedProcedure
    .input(InvitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.service, input.token)),
});
