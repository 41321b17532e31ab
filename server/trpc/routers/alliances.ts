import { inviteCoOwner } from "../../services/alliances/invite-co-owner";
import { leaveAlliance } from "../../services/alliances/leave-alliance";
import { listIncomingInvitations } from "../../services/alliances/list-incoming-invitations";
import { respondToCoOwnership } from "../../services/alliances/respond-to-co-ownership";
import { answerMention } from "../../services/alliances/answer-mention";
import { listMentionRequests } from "../../services/alliances/list-mention-requests";
import { withdrawCoOwnerInvitation } from "../../services/alliances/withdraw-co-owner-invitation";
import { PartyInput, RespondInput, AnswerMentionInput } from "../../services/alliances/schemas";
import { approveAudience } from "../../services/alliances/approve-audience";
import { getAudience } from "../../services/alliances/get-audience";
import { requestAudience } from "../../services/alliances/request-audience";
import { withdrawAudience } from "../../services/alliances/withdraw-audience";
import { ApproveAudienceInput, RequestAudienceInput } from "../../services/alliances/schemas";
import { acceptPartyInvitation } from "../../services/alliances/accept-party-invitation";
import { inviteByEmail } from "../../services/alliances/invite-by-email";
import { PartyInvitationTokenInput } from "../../services/alliances/schemas";
import { InviteByEmailInput } from "../../services/alliances/schemas";
import { exportAllianceRows } from "../../services/alliances/export-alliances";
import { PageAlliancesInput, pageAlliances } from "../../api/pages";
import { contributionLedger } from "../../services/exchange/contribution-ledger";
import { getSdgClaims } from "../../services/alliances/get-sdg-claims";
import { saveSdgClaims } from "../../services/alliances/save-sdg-claims";
import { SaveSdgClaimsInput } from "../../services/alliances/schemas";
import { addContribution } from "../../services/alliances/add-contribution";
import { contributionTotals } from "../../services/alliances/contribution-totals";
import { deleteContribution } from "../../services/alliances/delete-contribution";
import { alliancePage } from "../../services/alliances/alliance-page";
import { getAlliance } from "../../services/alliances/get-alliance";
import { archiveAlliance } from "../../services/alliances/archive-alliance";
import { deleteAlliance } from "../../services/alliances/delete-alliance";
import { restoreAlliance } from "../../services/alliances/restore-alliance";
import { listAlliances } from "../../services/alliances/list-alliances";
import { allianceListPage } from "../../services/alliances/list-page";
import { addPrivateEntry } from "../../services/alliances/add-private-entry";
import { getPrivateLayer } from "../../services/alliances/get-private-layer";
import { savePrivateNotes } from "../../services/alliances/save-private-notes";
import { AddPrivateEntryInput, SavePrivateNotesInput } from "../../services/alliances/schemas";
import {
  AddContributionInput,
  AddTimelineEntryInput,
  AllianceIdInput,
  AllianceViewInput,
  CreateAllianceInput,
  DeleteContributionInput,
  ListAlliancesInput,
  UpdateAllianceInput,
} from "../../services/alliances/schemas";
import { addTimelineEntry } from "../../services/alliances/add-timeline-entry";
import { allianceHistory } from "../../services/alliances/alliance-history";
import { createAlliance } from "../../services/alliances/create-alliance";
import { updateAlliance } from "../../services/alliances/update-alliance";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const alliancesRouter = router({
  list: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ListAlliancesInput)
    .query(({ ctx, input }) => listAlliances(ctx.workspace, withoutSlug(input))),
  /** The list page's reads (alliances, saved views, requests waiting, at-risk count), in one transaction. */
  listPage: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ListAlliancesInput)
    .query(({ ctx, input }) => allianceListPage(ctx.workspace, withoutSlug(input))),
  get: workspaceProcedure
    .meta({ permission: "alliances.read", plans: "generic" })
    .input(AllianceIdInput)
    .query(async ({ ctx, input }) => {
      const detail = await getAlliance(ctx.workspace, input.id);
      return { ...detail, totals: contributionTotals(detail.contributions) };
    }),
  view: workspaceProcedure
    .meta({ permission: "alliances.read", plans: "generic" })
    .input(AllianceViewInput)
    .query(({ ctx, input }) => alliancePage(ctx.workspace, input.id, input.section, ctx.locale)),
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
