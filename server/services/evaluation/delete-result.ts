import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { indicatorResults } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "../alliances/access";
import { recordChange } from "../alliances/record-change";
import { DeleteResultInput } from "./schemas";

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
