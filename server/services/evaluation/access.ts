import { eq } from "drizzle-orm";
import { evaluationCycles } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "../alliances/access";

/** A cycle of an alliance this workspace is party to, with the alliance; NOT_FOUND otherwise. */
export async function loadCycle(ctx: WorkspaceContext, cycleId: string) {
  const [cycle] = await ctx.tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId));
  if (!cycle) throw new AppError("NOT_FOUND", "errors.evaluation.notFound");
  const core = await loadAllianceCore(ctx, cycle.allianceId).catch(() => {
    throw new AppError("NOT_FOUND", "errors.evaluation.notFound");
  });
  return { cycle, core };
}
