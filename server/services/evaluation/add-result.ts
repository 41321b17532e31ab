import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { allianceIndicators, indicatorResults } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "../alliances/access";
import { recordChange } from "../alliances/record-change";
import { AddResultInput } from "./schemas";

/**
 * Records a measured value for a period, in this workspace's name (any co-owning party enters
 * results for its part). Permission: alliances.write. Audited.
 */
export async function addResult(ctx: WorkspaceContext, input: z.infer<typeof AddResultInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [indicator] = await ctx.tx
    .select({ id: allianceIndicators.id, name: allianceIndicators.name })
    .from(allianceIndicators)
    .where(and(eq(allianceIndicators.id, input.indicatorId), eq(allianceIndicators.allianceId, input.allianceId)));
  if (!indicator) throw new AppError("NOT_FOUND", "errors.indicator.notFound");
  const [row] = await ctx.tx
    .insert(indicatorResults)
    .values({
      indicatorId: indicator.id,
      allianceId: input.allianceId,
      workspaceId: ctx.workspaceId,
      period: input.period,
      periodEnd: input.periodEnd,
      value: input.value,
      note: input.note ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: indicatorResults.id });
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "indicator.result",
    detail: { name: indicator.name, period: input.period, value: input.value },
    after: { indicator: indicator.name, period: input.period, value: input.value },
  });
  return row!;
}
