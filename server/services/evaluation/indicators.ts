import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { allianceIndicators, allianceSdgTargets, indicatorResults } from "../../../db/schema";
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_FREQUENCIES,
  INDICATOR_LIBRARY,
  progressTowardTarget,
  targetMatchesDirection,
} from "../../../domain/evaluation";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore, requireAllianceParty } from "../alliances/access";
import { recordChange } from "../alliances/record-change";

const amount = z.number({ message: "errors.indicator.number" }).finite().min(-1e13).max(1e13);

export const AddIndicatorInput = z.object({
  allianceId: z.uuid(),
  libraryKey: z.string().max(60).nullish(),
  name: z.string().trim().min(2, { message: "errors.indicator.name" }).max(200),
  unit: z.string().trim().min(1, { message: "errors.indicator.unit" }).max(40),
  dimension: z.enum(["performance", "innovation", "confiance"]),
  sdgTarget: z.string().max(10).nullish(),
  direction: z.enum(INDICATOR_DIRECTIONS),
  baseline: amount.nullish(),
  target: amount.nullish(),
  frequency: z.enum(INDICATOR_FREQUENCIES),
});

export const AddResultInput = z.object({
  allianceId: z.uuid(),
  indicatorId: z.uuid(),
  period: z.string().trim().min(1, { message: "errors.indicator.period" }).max(40),
  periodEnd: z.iso.date({ message: "errors.dates.format" }),
  value: amount,
  note: z.string().trim().max(2000).nullish(),
  evidenceUrl: z.url({ protocol: /^https?$/, message: "errors.evaluation.evidence" }).nullish(),
});

export const DeleteResultInput = z.object({ allianceId: z.uuid(), resultId: z.uuid() });

/**
 * Adds an indicator to the alliance (shared core), copied from the library or written anew.
 * Its SDG target, if any, must be one of the alliance's. Permission: alliances.write. Audited.
 */
export async function addIndicator(ctx: WorkspaceContext, input: z.infer<typeof AddIndicatorInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  if (input.libraryKey && !INDICATOR_LIBRARY.some((l) => l.key === input.libraryKey))
    throw new AppError("BAD_REQUEST", "errors.indicator.library", { field: "libraryKey" });
  if (input.sdgTarget) {
    const [known] = await ctx.tx
      .select({ t: allianceSdgTargets.target })
      .from(allianceSdgTargets)
      .where(and(eq(allianceSdgTargets.allianceId, input.allianceId), eq(allianceSdgTargets.target, input.sdgTarget)));
    if (!known) throw new AppError("BAD_REQUEST", "errors.indicator.sdgTarget", { field: "sdgTarget" });
  }
  if (!targetMatchesDirection(input.direction, input.baseline ?? null, input.target ?? null))
    throw new AppError("BAD_REQUEST", "errors.indicator.direction", { field: "target" });
  const [row] = await ctx.tx
    .insert(allianceIndicators)
    .values({
      allianceId: input.allianceId,
      name: input.name,
      unit: input.unit,
      dimension: input.dimension,
      sdgTarget: input.sdgTarget ?? null,
      direction: input.direction,
      baseline: input.baseline ?? null,
      target: input.target ?? null,
      frequency: input.frequency,
      libraryKey: input.libraryKey ?? null,
      createdByWorkspaceId: ctx.workspaceId,
    })
    .returning({ id: allianceIndicators.id });
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "indicator.add",
    detail: { name: input.name },
    after: { name: input.name, unit: input.unit, baseline: input.baseline ?? null, target: input.target ?? null },
  });
  return row!;
}

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

/** Removes a result this workspace entered. Permission: alliances.write. Audited. */
export async function deleteResult(ctx: WorkspaceContext, input: z.infer<typeof DeleteResultInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [removed] = await ctx.tx
    .delete(indicatorResults)
    .where(
      and(
        eq(indicatorResults.id, input.resultId),
        eq(indicatorResults.allianceId, input.allianceId),
        eq(indicatorResults.workspaceId, ctx.workspaceId),
      ),
    )
    .returning({ period: indicatorResults.period, value: indicatorResults.value });
  if (!removed) throw new AppError("NOT_FOUND", "errors.indicator.resultNotFound");
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "indicator.resultDelete",
    detail: removed,
    before: removed,
  });
}

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
