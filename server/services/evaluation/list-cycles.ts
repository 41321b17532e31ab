import { desc, eq } from "drizzle-orm";
import { evaluationCycles } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "../alliances/access";

/** The alliance's cycles, newest first, with who answered. Permission: alliances.read. */
export async function listCycles(ctx: WorkspaceContext, allianceId: string) {
  await requireAllianceParty(ctx, allianceId);
  const cycles = await ctx.tx
    .select({
      id: evaluationCycles.id,
      period: evaluationCycles.period,
      dueOn: evaluationCycles.dueOn,
      status: evaluationCycles.status,
      closedAt: evaluationCycles.closedAt,
    })
    .from(evaluationCycles)
    .where(eq(evaluationCycles.allianceId, allianceId))
    .orderBy(desc(evaluationCycles.createdAt))
    .limit(50);
  return cycles;
}
