import { desc, eq } from "drizzle-orm";
import { evaluationCycles } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "../alliances/access";

/** The alliance's cycles, newest first, with who answered. Permission: alliances.read. */
export async function listCycles(ctx: WorkspaceContext, allianceId: string) {
  // The party check and the read are sent together: row-level security already keeps the cycles
  // of an alliance the workspace is not a party to out of the read, and the check refuses it.
  const [, cycles] = await Promise.all([
    requireAllianceParty(ctx, allianceId),
    ctx.tx
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
      .limit(50),
  ]);
  return cycles;
}
