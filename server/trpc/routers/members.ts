import { changeMemberRole } from "../../services/members/change-member-role";
import { inviteMember } from "../../services/members/invite-member";
import { listMembers } from "../../services/members/list-members";
import { leaveWorkspace, removeMember } from "../../services/members/remove-member";
import { ChangeMemberRoleInput, InviteMemberInput, RemoveMemberInput } from "../../services/members/schemas";
import { router, workspaceProcedure } from "../procedures";

export const membersRouter = router({
  list: workspaceProcedure.meta({ permission: "members.read" }).query(({ ctx }) => listMembers(ctx.workspace)),
  invite: workspaceProcedure
    .meta({ permission: "members.invite" })
    .input(InviteMemberInput)
    .mutation(({ ctx, input }) => inviteMember(ctx.workspace, input)),
  changeRole: workspaceProcedure
    .meta({ permission: "members.manage" })
    .input(ChangeMemberRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.workspace, input)),
  remove: workspaceProcedure
    .meta({ permission: "members.manage" })
    .input(RemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.workspace, input)),
  leave: workspaceProcedure.meta({ permission: "members.leave" }).mutation(({ ctx }) => leaveWorkspace(ctx.workspace)),
});
