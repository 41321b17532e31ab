import { and, eq, sql } from "drizzle-orm";
import { workspaces } from "../../../db/schema";
import { customListEntries, DEFAULT_ENGAGEMENT_SCHEMES, DEFAULT_PARTNER_ROLES } from "../../../domain/alliances";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import type { UpdateWorkspaceInput } from "./schemas";

/**
 * Renames or re-describes the workspace. The update names the version it was based on:
 * if someone saved in between, it is refused with CONFLICT rather than overwriting them.
 * Tenant: ctx.workspaceId. Permission: workspace.update. Audited.
 */
export async function updateWorkspace(ctx: WorkspaceContext, input: UpdateWorkspaceInput) {
  const [before] = await ctx.tx.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!before) throw new AppError("NOT_FOUND", "errors.workspace.notFound");
  const { version, hourlyRateEuros, customPartnerRoles, customEngagementSchemes, ...fields } = input;
  const [after] = await ctx.tx
    .update(workspaces)
    .set({
      ...fields,
      ...(hourlyRateEuros !== undefined
        ? { hourlyRateCents: hourlyRateEuros === null ? null : Math.round(hourlyRateEuros * 100) }
        : {}),
      ...(customPartnerRoles
        ? { customPartnerRoles: customListEntries(customPartnerRoles, DEFAULT_PARTNER_ROLES) }
        : {}),
      ...(customEngagementSchemes
        ? { customEngagementSchemes: customListEntries(customEngagementSchemes, DEFAULT_ENGAGEMENT_SCHEMES) }
        : {}),
      version: sql`${workspaces.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(workspaces.id, ctx.workspaceId), eq(workspaces.version, version)))
    .returning();
  if (!after) throw new AppError("CONFLICT", "errors.staleVersion");
  await recordAudit(ctx, {
    action: "workspace.update",
    entityType: "workspace",
    entityId: ctx.workspaceId,
    before,
    after,
  });
  return after;
}
