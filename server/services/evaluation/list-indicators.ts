import { asc, eq, inArray } from "drizzle-orm";
import { allianceIndicators, indicatorResults } from "../../../db/schema";
import { progressTowardTarget } from "../../../domain/evaluation";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "../alliances/access";

/**
 * The alliance's indicators with their results in period order, the latest value and the
 * progress toward the target. Permission: alliances.read.
 */
export async function listIndicators(ctx: WorkspaceContext, allianceId: string) {
  await requireAllianceParty(ctx, allianceId);
  const indicators = await ctx.tx
    .select()
    .from(allianceIndicators)
    .where(eq(allianceIndicators.allianceId, allianceId))
    .orderBy(asc(allianceIndicators.createdAt));
  const results = indicators.length
    ? await ctx.tx
        .select({
          id: indicatorResults.id,
          indicatorId: indicatorResults.indicatorId,
          period: indicatorResults.period,
          periodEnd: indicatorResults.periodEnd,
          value: indicatorResults.value,
          note: indicatorResults.note,
          evidenceUrl: indicatorResults.evidenceUrl,
          workspaceId: indicatorResults.workspaceId,
        })
        .from(indicatorResults)
        .where(
          inArray(
            indicatorResults.indicatorId,
            indicators.map((i) => i.id),
          ),
        )
        .orderBy(asc(indicatorResults.periodEnd), asc(indicatorResults.createdAt))
    : [];
  return indicators.map((i) => {
    const series = results
      .filter((r) => r.indicatorId === i.id)
      .map(({ indicatorId: _i, workspaceId, ...r }) => ({ ...r, mine: workspaceId === ctx.workspaceId }));
    const latest = series.at(-1)?.value ?? null;
    return {
      id: i.id,
      name: i.name,
      unit: i.unit,
      dimension: i.dimension,
      sdgTarget: i.sdgTarget,
      direction: i.direction,
      baseline: i.baseline,
      target: i.target,
      frequency: i.frequency,
      libraryKey: i.libraryKey,
      results: series,
      latest,
      progress: progressTowardTarget(i.baseline, i.target, latest),
    };
  });
}
