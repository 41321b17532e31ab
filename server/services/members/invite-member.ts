import { and, eq, isNull, sql } from "drizzle-orm";
import { invitations, memberships, users, workspaces } from "../../../db/schema";
import { canAssignRole } from "../../../domain/roles";
import { AppError } from "../../errors";
import { translator } from "../../i18n/translate";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { linkEmailHtml } from "../mail/mailer";
import type { InviteMemberInput } from "./schemas";
import { INVITATION_TTL_MS, newInvitationToken } from "./tokens";

/**
 * Invites an email address with a role and sends the single-use link (valid 7 days).
 * Only the token's hash is stored. An address that is already a member, or already has a
 * pending invitation, is a CONFLICT; an expired pending invitation is replaced.
 * Tenant: ctx.workspaceId. Permission: members.invite (+ only owners may invite owners). Audited.
 */
export async function inviteMember(ctx: WorkspaceContext, input: InviteMemberInput) {
  if (!canAssignRole(ctx.role, null, input.role)) throw new AppError("FORBIDDEN", "errors.members.ownerOnly");

  const [existingMember] = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(sql`lower(${users.email})`, input.email)));
  if (existingMember) throw new AppError("CONFLICT", "errors.members.alreadyMember", { field: "email" });

  const pendingForEmail = and(
    eq(invitations.workspaceId, ctx.workspaceId),
    eq(invitations.email, input.email),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
  );
  const [pending] = await ctx.tx.select().from(invitations).where(pendingForEmail);
  if (pending && pending.expiresAt > new Date()) {
    throw new AppError("CONFLICT", "errors.invitation.alreadyPending", { field: "email" });
  }
  if (pending)
    await ctx.tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(pendingForEmail, eq(invitations.id, pending.id)));

  const { token, tokenHash } = newInvitationToken();
  const [invitation] = await ctx.tx
    .insert(invitations)
    .values({
      workspaceId: ctx.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash,
      invitedBy: ctx.actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    });
  if (!invitation) throw new AppError("INTERNAL", "errors.internal");
  await recordAudit(ctx, {
    action: "invitation.create",
    entityType: "invitation",
    entityId: invitation.id,
    after: invitation,
  });

  const [workspace] = await ctx.tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const t = translator(ctx.locale);
  const url = `${ctx.appUrl}/invitations/${token}`;
  const values = { workspace: workspace?.name ?? "", inviter: ctx.actor.email, role: t(`roles.${input.role}`) };
  await ctx.mailer.send({
    to: input.email,
    subject: t("emails.invitation.subject", values),
    text: `${t("emails.invitation.body", values)}\n\n${url}\n\n${t("emails.invitation.footer")}`,
    html: linkEmailHtml({
      heading: t("emails.invitation.subject", values),
      body: t("emails.invitation.body", values),
      action: t("emails.invitation.action"),
      url,
      footer: t("emails.invitation.footer"),
    }),
  });
  ctx.log.info({ invitationId: invitation.id }, "invitation sent");
  return invitation;
}
