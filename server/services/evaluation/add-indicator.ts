import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { allianceIndicators, allianceSdgTargets } from "../../../db/schema";
import { INDICATOR_LIBRARY, targetMatchesDirection } from "../../../domain/evaluation";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "../alliances/access";
import { recordChange } from "../alliances/record-change";
import { AddIndicatorInput } from "./schemas";

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
