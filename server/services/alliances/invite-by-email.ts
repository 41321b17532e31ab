import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { allianceParties, organisations, workspaces } from "../../../db/schema";
import { AppError } from "../../errors";
import { translator } from "../../i18n/translate";
import type { WorkspaceContext } from "../context";
import { linkEmailHtml } from "../mail/mailer";
import { newInvitationToken } from "../members/tokens";
import { CO_OWNER_INVITATION_DAYS } from "./invite-co-owner";
import { loadAllianceCore } from "./access";
import { InviteByEmailInput } from "./schemas";
import { recordChange } from "./record-change";

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
