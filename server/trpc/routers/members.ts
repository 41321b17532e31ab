import { acceptInvitation, previewInvitation } from "../../services/members/accept-invitation";
import { changeMemberRole } from "../../services/members/change-member-role";
import { inviteMember } from "../../services/members/invite-member";
import { listInvitations, revokeInvitation } from "../../services/members/invitations";
import { listMembers } from "../../services/members/list-members";
import { leaveWorkspace, removeMember } from "../../services/members/remove-member";
import {
  ChangeMemberRoleInput,
  InvitationTokenInput,
  InviteMemberInput,
  RemoveMemberInput,
  RevokeInvitationInput,
} from "../../services/members/schemas";
import { authedProcedure, router, workspaceProcedure } from "../procedures";

export const membersRouter = router({
  list: workspaceProcedure.query(({ ctx }) => listMembers(ctx.workspace)),
  invite: workspaceProcedure.input(InviteMemberInput).mutation(({ ctx, input }) => inviteMember(ctx.workspace, input)),
  changeRole: workspaceProcedure
    .input(ChangeMemberRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.workspace, input)),
  remove: workspaceProcedure.input(RemoveMemberInput).mutation(({ ctx, input }) => removeMember(ctx.workspace, input)),
  leave: workspaceProcedure.mutation(({ ctx }) => leaveWorkspace(ctx.workspace)),
});

export const invitationsRouter = router({
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
