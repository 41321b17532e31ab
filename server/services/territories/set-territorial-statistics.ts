import { eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { StatisticsInput } from "./schemas";

/** Whether this workspace's alliances enter anonymised territorial statistics. Permission: workspace.update. Audited. */
export async function setTerritorialStatistics(ctx: WorkspaceContext, input: z.infer<typeof StatisticsInput>) {
  const [before] = await ctx.tx
    .select({ enabled: workspaces.territorialStatistics })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  await ctx.tx
    .update(workspaces)
    .set({ territorialStatistics: input.enabled, updatedAt: new Date() })
    .where(eq(workspaces.id, ctx.workspaceId));
  await recordAudit(ctx, {
    action: "workspace.statistics",
    entityType: "workspace",
    entityId: ctx.workspaceId,
    before: { enabled: before?.enabled ?? null },
    after: { enabled: input.enabled },
  });
  return { enabled: input.enabled };
}
