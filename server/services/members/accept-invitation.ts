import { and, eq, isNull, sql } from "drizzle-orm";
import { invitations, memberships, workspaces } from "../../../db/schema";
import { enterWorkspace } from "../../../db/scope";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { hashInvitationToken } from "./tokens";
import { maskEmail } from "../../../domain/mask-email";

/** Finds the invitation a token designates; the scope lets the request read that single row. */
async function findInvitation(ctx: ServiceContext, token: string) {
  const tokenHash = hashInvitationToken(token);
  await ctx.tx.execute(sql`select set_config('app.invitation_token_hash', ${tokenHash}, true)`);
  const [invitation] = await ctx.tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
  if (!invitation) throw new AppError("NOT_FOUND", "errors.invitation.invalid");
  await enterWorkspace(ctx.tx, invitation.workspaceId);
  const [workspace] = await ctx.tx
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, invitation.workspaceId));
  if (!workspace) throw new AppError("NOT_FOUND", "errors.invitation.invalid");
  const status = invitation.acceptedAt
    ? ("accepted" as const)
    : invitation.revokedAt
      ? ("revoked" as const)
      : invitation.expiresAt <= new Date()
        ? ("expired" as const)
        : ("pending" as const);
  return { invitation, workspace, status };
}

/** What the invitation page shows before accepting: workspace, role, invited address, status. */
export async function previewInvitation(ctx: ServiceContext, token: string) {
  const { invitation, workspace, status } = await findInvitation(ctx, token);
  return {
    workspaceName: workspace.name,
    workspaceSlug: status === "accepted" ? workspace.slug : null,
    role: invitation.role,
    // Masked unless the reader is the invitee: a forwarded link does not give the address away.
    email: invitation.email === ctx.actor.email.toLowerCase() ? invitation.email : maskEmail(invitation.email),
    status,
    emailMatches: invitation.email === ctx.actor.email.toLowerCase(),
  };
}

/**
 * Accepts an invitation for the signed-in user, whose email must be the invited one.
 * Single use: the invitation is claimed with a conditional update before the membership
 * is created, so two concurrent accepts cannot both succeed. Audited in the workspace.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string) {
  const { invitation, workspace, status } = await findInvitation(ctx, token);
  if (status === "accepted" || status === "revoked") throw new AppError("CONFLICT", "errors.invitation.used");
  if (status === "expired") throw new AppError("CONFLICT", "errors.invitation.expired");
  if (invitation.email !== ctx.actor.email.toLowerCase()) {
    throw new AppError("FORBIDDEN", "errors.invitation.wrongEmail", { email: maskEmail(invitation.email) });
  }

  const wctx = { ...ctx, workspaceId: workspace.id, role: invitation.role };
  const [claimed] = await ctx.tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedBy: ctx.actor.userId })
    .where(
      and(
        eq(invitations.id, invitation.id),
        eq(invitations.workspaceId, workspace.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (!claimed) throw new AppError("CONFLICT", "errors.invitation.used");
  await recordAudit(wctx, {
    action: "invitation.accept",
    entityType: "invitation",
    entityId: invitation.id,
    after: { email: invitation.email },
  });

  const [existing] = await ctx.tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, ctx.actor.userId)));
  if (!existing) {
    await ctx.tx
      .insert(memberships)
      .values({ workspaceId: workspace.id, userId: ctx.actor.userId, role: invitation.role });
    await recordAudit(wctx, {
      action: "member.add",
      entityType: "membership",
      entityId: ctx.actor.userId,
      after: { email: ctx.actor.email, role: invitation.role },
    });
  }
  return { workspaceSlug: workspace.slug, workspaceName: workspace.name };
}
