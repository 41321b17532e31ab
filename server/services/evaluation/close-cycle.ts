import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { evaluationCycles, evaluationParticipants } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { CycleIdInput } from "./schemas";
import { loadCycle } from "./access";
import { getCycle } from "./get-cycle";
import { recordChange } from "../alliances/record-change";

/**
 * Closes a cycle before every party answered, once its due date has come; the parties that
 * did not answer are marked so. Permission: alliances.write. Audited.
 */
export async function closeCycle(ctx: WorkspaceContext, input: z.infer<typeof CycleIdInput>) {
  const { cycle, core } = await loadCycle(ctx, input.cycleId);
  if (cycle.status !== "open") throw new AppError("CONFLICT", "errors.evaluation.closed");
  if (cycle.dueOn > new Date().toISOString().slice(0, 10))
    throw new AppError("CONFLICT", "errors.evaluation.notDue", { dueOn: cycle.dueOn });
  await ctx.tx
    .update(evaluationCycles)
    .set({ status: "closed", closedAt: new Date(), closedReason: "closed_early" })
    .where(eq(evaluationCycles.id, cycle.id));
  await ctx.tx
    .update(evaluationParticipants)
    .set({ status: "missed" })
    .where(and(eq(evaluationParticipants.cycleId, cycle.id), eq(evaluationParticipants.status, "pending")));
  await recordChange(ctx, {
    allianceId: cycle.allianceId,
    title: core.title,
    action: "evaluation.close",
    detail: { period: cycle.period },
    notify: "evaluation.closed",
    after: { period: cycle.period },
    event: {
      type: "cycle.closed",
      data: { alliance: { id: cycle.allianceId, title: core.title }, cycle: { id: cycle.id, period: cycle.period } },
    },
  });
  return getCycle(ctx, cycle.id);
}
