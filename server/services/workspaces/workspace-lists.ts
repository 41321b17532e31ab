import { eq } from "drizzle-orm";
import { workspaces } from "../../../db/schema";
import { DEFAULT_ENGAGEMENT_SCHEMES, DEFAULT_PARTNER_ROLES } from "../../../domain/alliances";
import type { WorkspaceContext } from "../context";

type CustomEntry = { key: string; label: string };

/** The lists of a workspace row already read (see `workspaceLists`). */
export function listsOf(row: {
  customPartnerRoles: CustomEntry[] | null;
  customEngagementSchemes: CustomEntry[] | null;
  hourlyRateCents: number | null;
}) {
  return {
    partnerRoles: [
      ...DEFAULT_PARTNER_ROLES.map((key) => ({ key, label: null as string | null })),
      ...(row.customPartnerRoles ?? []),
    ],
    engagementSchemes: [
      ...DEFAULT_ENGAGEMENT_SCHEMES.map((key) => ({ key, label: null as string | null })),
      ...(row.customEngagementSchemes ?? []),
    ],
    hourlyRateCents: row.hourlyRateCents ?? null,
  };
}

/**
 * The workspace's partner roles and engagement schemes: the defaults (labels in messages,
 * `label` null) followed by the ones it added. Tenant: ctx.workspaceId.
 */
export async function workspaceLists(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({
      customPartnerRoles: workspaces.customPartnerRoles,
      customEngagementSchemes: workspaces.customEngagementSchemes,
      hourlyRateCents: workspaces.hourlyRateCents,
    })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return listsOf(row ?? { customPartnerRoles: null, customEngagementSchemes: null, hourlyRateCents: null });
}
