import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { allianceParties, allianceSdgClaims, alliances, organisations } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { notifyParties } from "../notifications/notifications";
import { PartyInput, RespondInput, AnswerMentionInput } from "./schemas";
import { recordChange } from "./record-change";

/** How long an invitation to co-own can be accepted. */
export const CO_OWNER_INVITATION_DAYS = 14;

/** The workspace verified for an organisation (organisation_claims), or null. */
async function verifiedWorkspaceOf(ctx: WorkspaceContext, organisationId: string): Promise<string | null> {
  const [found] = resultRows<{ id: string | null }>(
    await ctx.tx.execute(sql`select app_workspace_of_organisation(${organisationId}) as id`),
  );
  return found?.id ?? null;
}

async function loadParty(ctx: WorkspaceContext, allianceId: string, partyId: string) {
  const [party] = await ctx.tx
    .select({
      id: allianceParties.id,
      organisationId: allianceParties.organisationId,
      workspaceId: allianceParties.workspaceId,
      status: allianceParties.status,
      name: organisations.name,
    })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(and(eq(allianceParties.id, partyId), eq(allianceParties.allianceId, allianceId)));
  if (!party) throw new AppError("NOT_FOUND", "errors.share.partyNotFound");
  return party;
}

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

/** Invitations to co-own alliances waiting for this workspace's answer (title and inviter only). */
export async function listIncomingInvitations(ctx: WorkspaceContext) {
  return resultRows<{
    party_id: string;
    alliance_id: string;
    title: string;
    role: string;
    invited_by: string | null;
    invited_at: Date | string | null;
    inviter_verified: boolean;
  }>(await ctx.tx.execute(sql`select * from app_incoming_party_invitations()`)).map((r) => ({
    partyId: r.party_id,
    allianceId: r.alliance_id,
    title: r.title,
    role: r.role,
    invitedBy: r.invited_by,
    invitedAt: r.invited_at ? new Date(r.invited_at) : null,
    /** Whether the inviting workspace is verified for the organisation it speaks for. */
    inviterVerified: Boolean(r.inviter_verified),
  }));
}

/**
 * Alliances asking for the public library that name this workspace's organisation as a partner
 * without it co-owning them: it is asked before being named there. Only a workspace
 * verified for the organisation sees them. Permission: alliances.read.
 */
export async function listMentionRequests(ctx: WorkspaceContext) {
  return resultRows<{
    party_id: string;
    alliance_id: string;
    title: string;
    summary: string | null;
    role: string;
    declared_by: string | null;
  }>(await ctx.tx.execute(sql`select * from app_incoming_mention_requests()`)).map((r) => ({
    partyId: r.party_id,
    allianceId: r.alliance_id,
    title: r.title,
    summary: r.summary,
    role: r.role,
    declaredBy: r.declared_by,
  }));
}

/**
 * This (verified) workspace agrees to its organisation being named in the library as a partner
 * of the alliance, or refuses. Permission: alliances.share. Audited.
 */
export async function answerMention(ctx: WorkspaceContext, input: z.infer<typeof AnswerMentionInput>) {
  const [answered] = resultRows<{ alliance_id: string | null }>(
    await ctx.tx.execute(sql`select app_answer_mention(${input.partyId}, ${input.appear}) as alliance_id`),
  );
  if (!answered?.alliance_id) throw new AppError("NOT_FOUND", "errors.share.mentionNotFound");
  await recordAudit(ctx, {
    action: input.appear ? "mention.grant" : "mention.refuse",
    entityType: "alliance",
    entityId: answered.alliance_id,
  });
  return { allianceId: answered.alliance_id, appear: input.appear };
}

/**
 * Accepts or declines an invitation addressed to this workspace; accepting makes the alliance
 * appear in its list with the shared core. Permission: alliances.share (admins). Audited.
 */
export async function respondToCoOwnership(ctx: WorkspaceContext, input: z.infer<typeof RespondInput>) {
  const [pending] = await ctx.tx
    .select({ expiresAt: allianceParties.invitationExpiresAt, organisationId: allianceParties.organisationId })
    .from(allianceParties)
    .where(
      and(
        eq(allianceParties.id, input.partyId),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "invited"),
      ),
    );
  if (!pending) throw new AppError("NOT_FOUND", "errors.share.invitationNotFound");
  // An invitation lapses when this workspace is no longer the organisation's verified one.
  if ((await verifiedWorkspaceOf(ctx, pending.organisationId)) !== ctx.workspaceId)
    throw new AppError("NOT_FOUND", "errors.share.invitationNotFound");
  if (input.accept && pending.expiresAt && pending.expiresAt < new Date())
    throw new AppError("CONFLICT", "errors.share.invitationExpired");
  const [updated] = await ctx.tx
    .update(allianceParties)
    .set({ status: input.accept ? "accepted" : "declined", respondedAt: new Date() })
    .where(
      and(
        eq(allianceParties.id, input.partyId),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "invited"),
      ),
    )
    .returning({ allianceId: allianceParties.allianceId });
  if (!updated) throw new AppError("NOT_FOUND", "errors.share.invitationNotFound");
  if (input.accept) {
    const [core] = await ctx.tx
      .select({ title: alliances.title })
      .from(alliances)
      .where(eq(alliances.id, updated.allianceId));
    const title = core?.title ?? "";
    await recordChange(ctx, {
      allianceId: updated.allianceId,
      title,
      action: "share.accept",
      notify: "share.accepted",
      event: {
        type: "invitation.accepted",
        data: { alliance: { id: updated.allianceId, title }, partyId: input.partyId },
      },
    });
  } else {
    await recordAudit(ctx, { action: "share.decline", entityType: "alliance", entityId: updated.allianceId });
  }
  return updated;
}

/**
 * This workspace leaves an alliance it co-owns and loses the shared core; the last co-owner
 * cannot leave (the alliance would belong to nobody). Permission: alliances.share. Audited.
 */
export async function leaveAlliance(ctx: WorkspaceContext, input: { allianceId: string }) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const owners = await ctx.tx
    .select({ workspaceId: allianceParties.workspaceId })
    .from(allianceParties)
    .where(
      and(
        eq(allianceParties.allianceId, input.allianceId),
        eq(allianceParties.status, "accepted"),
        sql`${allianceParties.workspaceId} is not null`,
      ),
    )
    .for("update");
  if (owners.length < 2) throw new AppError("CONFLICT", "errors.share.lastOwner");
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "share.leave",
    before: { title: core.title },
    notify: "share.left",
  });
  // Its SDG claims and consents go with it; its private layer stays its own.
  await ctx.tx
    .delete(allianceSdgClaims)
    .where(and(eq(allianceSdgClaims.allianceId, input.allianceId), eq(allianceSdgClaims.workspaceId, ctx.workspaceId)));
  await ctx.tx
    .update(allianceParties)
    .set({ status: "left", respondedAt: new Date(), audienceConsent: null, consentRevision: null, consentAt: null })
    .where(and(eq(allianceParties.allianceId, input.allianceId), eq(allianceParties.workspaceId, ctx.workspaceId)));
}
