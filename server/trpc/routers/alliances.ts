import { inviteCoOwner } from "../../services/alliances/invite-co-owner";
import { leaveAlliance } from "../../services/alliances/leave-alliance";
import { listIncomingInvitations } from "../../services/alliances/list-incoming-invitations";
import { respondToCoOwnership } from "../../services/alliances/respond-to-co-ownership";
import { answerMention } from "../../services/alliances/answer-mention";
import { listMentionRequests } from "../../services/alliances/list-mention-requests";
import { withdrawCoOwnerInvitation } from "../../services/alliances/withdraw-co-owner-invitation";
import { PartyInput, RespondInput, AnswerMentionInput } from "../../services/alliances/schemas";
import { approveAudience, getAudience, requestAudience, withdrawAudience } from "../../services/alliances/audience";
import { ApproveAudienceInput, RequestAudienceInput } from "../../services/alliances/schemas";
import {
  acceptPartyInvitation,
  inviteByEmail,
  PartyInvitationTokenInput,
} from "../../services/alliances/email-invitations";
import { InviteByEmailInput } from "../../services/alliances/schemas";
import { exportAllianceRows } from "../../services/alliances/export-alliances";
import { PageAlliancesInput, pageAlliances } from "../../api/pages";
import { contributionLedger } from "../../services/exchange/exports";
import { getSdgClaims, saveSdgClaims } from "../../services/alliances/sdg-claims";
import { SaveSdgClaimsInput } from "../../services/alliances/schemas";
import { addContribution, contributionTotals, deleteContribution } from "../../services/alliances/contributions";
import { alliancePage } from "../../services/alliances/alliance-page";
import { getAlliance } from "../../services/alliances/get-alliance";
import { archiveAlliance, deleteAlliance, restoreAlliance } from "../../services/alliances/lifecycle";
import { listAlliances } from "../../services/alliances/list-alliances";
import { addPrivateEntry, getPrivateLayer, savePrivateNotes } from "../../services/alliances/private-layer";
import { AddPrivateEntryInput, SavePrivateNotesInput } from "../../services/alliances/schemas";
import {
  AddContributionInput,
  AddTimelineEntryInput,
  AllianceIdInput,
  CreateAllianceInput,
  DeleteContributionInput,
  ListAlliancesInput,
  UpdateAllianceInput,
} from "../../services/alliances/schemas";
import { addTimelineEntry, allianceHistory } from "../../services/alliances/timeline";
import { createAlliance, updateAlliance } from "../../services/alliances/write-alliance";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const alliancesRouter = router({
  list: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ListAlliancesInput)
    .query(({ ctx, input }) => listAlliances(ctx.workspace, withoutSlug(input))),
  get: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceIdInput)
    .query(async ({ ctx, input }) => {
      const detail = await getAlliance(ctx.workspace, input.id);
      return { ...detail, totals: contributionTotals(detail.contributions) };
    }),
  view: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceIdInput)
    .query(({ ctx, input }) => alliancePage(ctx.workspace, input.id)),
  history: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceIdInput)
    .query(({ ctx, input }) => allianceHistory(ctx.workspace, input.id)),
  create: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(CreateAllianceInput)
    .mutation(({ ctx, input }) => createAlliance(ctx.workspace, withoutSlug(input))),
  update: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(UpdateAllianceInput)
    .mutation(({ ctx, input }) => updateAlliance(ctx.workspace, withoutSlug(input))),
  archive: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AllianceIdInput)
    .mutation(({ ctx, input }) => archiveAlliance(ctx.workspace, input.id)),
  restore: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AllianceIdInput)
    .mutation(({ ctx, input }) => restoreAlliance(ctx.workspace, input.id)),
  delete: workspaceProcedure
    .meta({ permission: "alliances.delete" })
    .input(AllianceIdInput)
    .mutation(({ ctx, input }) => deleteAlliance(ctx.workspace, input.id)),
  addContribution: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AddContributionInput)
    .mutation(({ ctx, input }) => addContribution(ctx.workspace, withoutSlug(input))),
  deleteContribution: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(DeleteContributionInput)
    .mutation(({ ctx, input }) => deleteContribution(ctx.workspace, withoutSlug(input))),
  inviteCoOwner: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(PartyInput)
    .mutation(({ ctx, input }) => inviteCoOwner(ctx.workspace, withoutSlug(input))),
  withdrawCoOwnerInvitation: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(PartyInput)
    .mutation(({ ctx, input }) => withdrawCoOwnerInvitation(ctx.workspace, withoutSlug(input))),
  incomingInvitations: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .query(({ ctx }) => listIncomingInvitations(ctx.workspace)),
  respondToCoOwnership: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(RespondInput)
    .mutation(({ ctx, input }) => respondToCoOwnership(ctx.workspace, withoutSlug(input))),
  mentionRequests: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .query(({ ctx }) => listMentionRequests(ctx.workspace)),
  answerMention: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(AnswerMentionInput)
    .mutation(({ ctx, input }) => answerMention(ctx.workspace, withoutSlug(input))),
  leave: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(AllianceIdInput)
    .mutation(({ ctx, input }) => leaveAlliance(ctx.workspace, { allianceId: input.id })),
  privateLayer: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceIdInput)
    .query(({ ctx, input }) => getPrivateLayer(ctx.workspace, input.id)),
  savePrivateNotes: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(SavePrivateNotesInput)
    .mutation(({ ctx, input }) => savePrivateNotes(ctx.workspace, withoutSlug(input))),
  addPrivateEntry: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AddPrivateEntryInput)
    .mutation(({ ctx, input }) => addPrivateEntry(ctx.workspace, withoutSlug(input))),
  addTimelineEntry: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AddTimelineEntryInput)
    .mutation(({ ctx, input }) => addTimelineEntry(ctx.workspace, withoutSlug(input))),
  audience: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceIdInput)
    .query(({ ctx, input }) => getAudience(ctx.workspace, input.id)),
  requestAudience: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(RequestAudienceInput)
    .mutation(({ ctx, input }) => requestAudience(ctx.workspace, withoutSlug(input))),
  approveAudience: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(ApproveAudienceInput)
    .mutation(({ ctx, input }) => approveAudience(ctx.workspace, withoutSlug(input))),
  withdrawAudience: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(AllianceIdInput)
    .mutation(({ ctx, input }) => withdrawAudience(ctx.workspace, { allianceId: input.id })),
  inviteByEmail: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(InviteByEmailInput)
    .mutation(({ ctx, input }) => inviteByEmail(ctx.workspace, withoutSlug(input))),
  acceptEmailInvitation: workspaceProcedure
    .meta({ permission: "alliances.share" })
    .input(PartyInvitationTokenInput)
    .mutation(({ ctx, input }) => acceptPartyInvitation(ctx.workspace, input.token)),
  page: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(PageAlliancesInput)
    .query(({ ctx, input }) => pageAlliances(ctx.workspace, withoutSlug(input))),
  exportRows: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ListAlliancesInput.omit({ sort: true, direction: true, page: true, pageSize: true }))
    .query(({ ctx, input }) => exportAllianceRows(ctx.workspace, withoutSlug(input))),
  exportLedger: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ListAlliancesInput.omit({ sort: true, direction: true, page: true, pageSize: true }))
    .query(({ ctx, input }) => contributionLedger(ctx.workspace, withoutSlug(input), ctx.workspace.locale)),
  sdgClaims: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceIdInput)
    .query(({ ctx, input }) => getSdgClaims(ctx.workspace, input.id)),
  saveSdgClaims: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(SaveSdgClaimsInput)
    .mutation(({ ctx, input }) => saveSdgClaims(ctx.workspace, withoutSlug(input))),
});

/** Email invitations to co-own an alliance, read by whoever holds the link (signed in). */
