import { eq } from "drizzle-orm";
import { workspaces } from "../../../db/schema";
import { DEFAULT_ENGAGEMENT_SCHEMES, DEFAULT_PARTNER_ROLES } from "../../../domain/alliances";
import type { WorkspaceContext } from "../context";

/**
 * The workspace's partner roles and engagement schemes: the defaults (labels in messages,
 * `label` null) followed by the ones it added. Tenant: ctx.workspaceId.
 */
export async function workspaceLists(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({
      roles: workspaces.customPartnerRoles,
      schemes: workspaces.customEngagementSchemes,
      hourlyRateCents: workspaces.hourlyRateCents,
    })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return {
    partnerRoles: [
      ...DEFAULT_PARTNER_ROLES.map((key) => ({ key, label: null as string | null })),
      ...(row?.roles ?? []),
    ],
    engagementSchemes: [
      ...DEFAULT_ENGAGEMENT_SCHEMES.map((key) => ({ key, label: null as string | null })),
      ...(row?.schemes ?? []),
    ],
    hourlyRateCents: row?.hourlyRateCents ?? null,
  };
}
