import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { evaluationAnswers, evaluationCycles, evaluationParticipants } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { recordChange } from "../alliances/record-change";
import { SubmitAnswersInput } from "./schemas";
import { loadCycle } from "./access";
import { getCycle } from "./get-cycle";

/**
 * Records this workspace's answers to every question of the cycle, once. When it was the last
 * party to answer, the cycle closes and everyone's answers become visible. Permission:
 * alliances.write. Audited.
 */
export async function submitAnswers(ctx: WorkspaceContext, input: z.infer<typeof SubmitAnswersInput>) {
  const { cycle, core } = await loadCycle(ctx, input.cycleId);
  if (cycle.status !== "open") throw new AppError("CONFLICT", "errors.evaluation.closed");
  // Lock the cycle: two parties answering last at the same moment close it once.
  await ctx.tx
    .select({ id: evaluationCycles.id })
    .from(evaluationCycles)
    .where(eq(evaluationCycles.id, cycle.id))
    .for("update");
  const [me] = await ctx.tx
    .select({ status: evaluationParticipants.status })
    .from(evaluationParticipants)
    .where(and(eq(evaluationParticipants.cycleId, cycle.id), eq(evaluationParticipants.workspaceId, ctx.workspaceId)));
  if (!me) throw new AppError("FORBIDDEN", "errors.evaluation.notParticipant");
  if (me.status !== "pending") throw new AppError("CONFLICT", "errors.evaluation.alreadyAnswered");
  const questions = cycle.questions;
  const given = new Map(input.answers.map((a) => [a.questionKey, a]));
  questions.forEach((q) => {
    if (!given.has(q.key))
      throw new AppError("BAD_REQUEST", "errors.evaluation.missingAnswer", { field: `answers.${q.key}` });
  });
  for (const a of input.answers) {
    if (!questions.some((q) => q.key === a.questionKey))
      throw new AppError("BAD_REQUEST", "errors.evaluation.unknownQuestion", { field: `answers.${a.questionKey}` });
  }
  await ctx.tx.insert(evaluationAnswers).values(
    questions.map((q) => {
      const a = given.get(q.key)!;
      return {
        cycleId: cycle.id,
        allianceId: cycle.allianceId,
        workspaceId: ctx.workspaceId,
        questionKey: q.key,
        dimension: q.dimension,
        score: a.score,
        justification: a.justification,
        evidence: a.evidence,
      };
    }),
  );
  await ctx.tx
    .update(evaluationParticipants)
    .set({ status: "answered", answeredAt: new Date(), answeredBy: ctx.actor.userId })
    .where(and(eq(evaluationParticipants.cycleId, cycle.id), eq(evaluationParticipants.workspaceId, ctx.workspaceId)));
  await recordAudit(ctx, {
    action: "evaluation.answer",
    entityType: "alliance",
    entityId: cycle.allianceId,
    after: { period: cycle.period },
  });
  const [left] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(evaluationParticipants)
    .where(and(eq(evaluationParticipants.cycleId, cycle.id), eq(evaluationParticipants.status, "pending")));
  if ((left?.n ?? 0) === 0) {
    await ctx.tx
      .update(evaluationCycles)
      .set({ status: "closed", closedAt: new Date(), closedReason: "all_answered" })
      .where(eq(evaluationCycles.id, cycle.id));
    await recordChange(ctx, {
      allianceId: cycle.allianceId,
      title: core.title,
      action: "evaluation.close",
      detail: { period: cycle.period },
      notify: "evaluation.closed",
      audit: false,
    });
  } else {
    await recordChange(ctx, {
      allianceId: cycle.allianceId,
      title: core.title,
      action: "evaluation.answer",
      detail: { period: cycle.period },
      notify: null,
      audit: false,
    });
  }
  return getCycle(ctx, cycle.id);
}
