import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { allianceParties, memberships, organisations, workspaces } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import { translator } from "../../i18n/translate";
import type { ServiceContext, WorkspaceContext } from "../context";
import { linkEmailHtml } from "../mail/mailer";
import { InvitationTokenInput } from "../members/schemas";
import { hashInvitationToken, newInvitationToken } from "../members/tokens";
import { CO_OWNER_INVITATION_DAYS } from "./invite-co-owner";
import { loadAllianceCore } from "./access";
import { maskEmail } from "../../../domain/mask-email";
import { InviteByEmailInput } from "./schemas";
import { recordChange } from "./record-change";

/** The same kind of token as a member invitation's. */
export const PartyInvitationTokenInput = InvitationTokenInput;

/**
 * Invites a named partner that has no workspace here yet, by email. The row stays without a
 * workspace (it grants nothing); the link lets the recipient sign in, pick or create its
 * organisation's workspace and accept. Only the token's SHA-256 is kept. Sending again
 * replaces the previous link. Permission: alliances.write. Audited.
 */
export async function inviteByEmail(ctx: WorkspaceContext, input: z.infer<typeof InviteByEmailInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [party] = await ctx.tx
    .select({
      id: allianceParties.id,
      workspaceId: allianceParties.workspaceId,
      status: allianceParties.status,
      organisationId: allianceParties.organisationId,
      name: organisations.name,
    })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(and(eq(allianceParties.id, input.partyId), eq(allianceParties.allianceId, input.allianceId)));
  if (!party) throw new AppError("NOT_FOUND", "errors.share.partyNotFound");
  if (party.workspaceId) throw new AppError("CONFLICT", "errors.share.hasWorkspace");
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + CO_OWNER_INVITATION_DAYS * 86_400_000);
  await ctx.tx
    .update(allianceParties)
    .set({
      status: "invited",
      invitedEmail: input.email,
      invitationTokenHash: tokenHash,
      invitedByWorkspaceId: ctx.workspaceId,
      invitedAt: new Date(),
      invitationExpiresAt: expiresAt,
      respondedAt: null,
    })
    .where(eq(allianceParties.id, party.id));
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "share.inviteByEmail",
    detail: { organisation: party.name },
    notify: null,
    after: { organisation: party.name, email: input.email },
  });

  const [inviter] = await ctx.tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const t = translator(ctx.locale);
  const url = `${ctx.appUrl}/alliance-invitations/${token}`;
  const values = {
    inviter: inviter?.name ?? "",
    organisation: party.name,
    title: core.title,
    days: CO_OWNER_INVITATION_DAYS,
  };
  await ctx.mailer.send({
    to: input.email,
    subject: t("emails.partyInvitation.subject", values),
    text: `${t("emails.partyInvitation.body", values)}\n\n${url}\n\n${t("emails.partyInvitation.footer")}`,
    html: linkEmailHtml({
      heading: t("emails.partyInvitation.subject", values),
      body: t("emails.partyInvitation.body", values),
      action: t("emails.partyInvitation.action"),
      url,
      footer: t("emails.partyInvitation.footer"),
    }),
  });
  return { email: input.email, expiresAt };
}

async function readInvitation(ctx: ServiceContext, token: string) {
  await ctx.tx.execute(sql`select set_config('app.invitation_token_hash', ${hashInvitationToken(token)}, true)`);
  const [row] = resultRows<{
    party_id: string;
    alliance_id: string;
    title: string;
    organisation_id: string;
    organisation_name: string;
    invited_by: string | null;
    invited_email: string | null;
    expires_at: Date | string | null;
    status: string;
    workspace_id: string | null;
  }>(await ctx.tx.execute(sql`select * from app_party_invitation_preview()`));
  if (!row) throw new AppError("NOT_FOUND", "errors.invitation.invalid");
  const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
  const status =
    row.status === "accepted" && row.workspace_id
      ? ("accepted" as const)
      : row.status !== "invited"
        ? ("withdrawn" as const)
        : expiresAt && expiresAt <= new Date()
          ? ("expired" as const)
          : ("pending" as const);
  return { row, status, expiresAt };
}

/**
 * What the invitation page shows: the alliance's title, the organisation invited and whether a
 * workspace is verified for it, who invites, the address, its state, and which of the reader's
 * workspaces could accept (those it
 * administers that are this organisation's, or have no organisation yet). Permission: signed in.
 */
export async function previewPartyInvitation(ctx: ServiceContext, token: string) {
  const { row, status, expiresAt } = await readInvitation(ctx, token);
  const [verified] = resultRows<{ verified: boolean }>(
    await ctx.tx.execute(sql`select app_workspace_of_organisation(${row.organisation_id}) is not null as verified`),
  );
  const mine = await ctx.tx
    .select({
      slug: workspaces.slug,
      name: workspaces.name,
      organisationId: workspaces.organisationId,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, ctx.actor.userId))
    .orderBy(asc(workspaces.name));
  return {
    title: row.title,
    organisationName: row.organisation_name,
    /** Whether a workspace here is verified for the invited organisation (the page says so when none is). */
    organisationVerified: verified?.verified ?? false,
    invitedBy: row.invited_by,
    // Masked unless the reader is the invitee: a forwarded link does not give the address away.
    email:
      row.invited_email && row.invited_email.toLowerCase() !== ctx.actor.email.toLowerCase()
        ? maskEmail(row.invited_email)
        : row.invited_email,
    emailMatches: (row.invited_email ?? "").toLowerCase() === ctx.actor.email.toLowerCase(),
    expiresAt,
    status,
    candidates: mine
      .filter(
        (w) =>
          (w.role === "owner" || w.role === "admin") &&
          (w.organisationId === null || w.organisationId === row.organisation_id),
      )
      .map((w) => ({ slug: w.slug, name: w.name, isOrganisation: w.organisationId === row.organisation_id })),
  };
}

/**
 * Accepts an email invitation for the given workspace: the database function checks the
 * token, expiry, address, the person's admin role and the workspace's organisation, and links
 * a workspace that has no organisation yet to the invited one. Permission: alliances.share
 * (in the accepting workspace). Audited there; the other parties are told.
 */
export async function acceptPartyInvitation(ctx: WorkspaceContext, token: string) {
  const { row, status } = await readInvitation(ctx, token);
  if (status === "expired") throw new AppError("CONFLICT", "errors.share.invitationExpired");
  if (status !== "pending") throw new AppError("NOT_FOUND", "errors.invitation.invalid");
  if ((row.invited_email ?? "").toLowerCase() !== ctx.actor.email.toLowerCase())
    throw new AppError("FORBIDDEN", "errors.share.wrongEmail", { email: maskEmail(row.invited_email ?? "") });
  const [ws] = await ctx.tx
    .select({ organisationId: workspaces.organisationId })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  if (ws?.organisationId && ws.organisationId !== row.organisation_id)
    throw new AppError("FORBIDDEN", "errors.share.otherOrganisation", { organisation: row.organisation_name });
  let allianceId: string;
  try {
    const [accepted] = resultRows<{ id: string }>(
      await ctx.tx.execute(sql`select app_accept_party_invitation(${ctx.workspaceId}) as id`),
    );
    allianceId = accepted!.id;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.share.alreadyCoOwner");
    throw error;
  }
  await recordChange(ctx, {
    allianceId,
    title: row.title,
    action: "share.accept",
    notify: "share.accepted",
    after: { organisation: row.organisation_name },
    event: {
      type: "invitation.accepted",
      data: { alliance: { id: allianceId, title: row.title }, organisation: row.organisation_name },
    },
  });
  return { allianceId };
}
