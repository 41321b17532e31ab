import { and, desc, eq, isNull } from "drizzle-orm";
import { invitations } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** Pending invitations of the workspace (expired ones flagged). Tenant: ctx.workspaceId. Permission: members.invite. */
export async function listInvitations(ctx: WorkspaceContext) {
  const rows = await ctx.tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(eq(invitations.workspaceId, ctx.workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .orderBy(desc(invitations.createdAt));
  const now = new Date();
  return rows.map((r) => ({ ...r, isExpired: r.expiresAt <= now }));
}
