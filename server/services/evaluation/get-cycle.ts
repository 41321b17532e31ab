import { and, asc, eq } from "drizzle-orm";
import { evaluationAnswers, evaluationParticipants } from "../../../db/schema";
import { dimensionAverages, perceptionGaps } from "../../../domain/evaluation";
import type { WorkspaceContext } from "../context";
import { loadCycle } from "./access";

/**
 * A cycle as this workspace may see it: who answered, its own answers, and — only once the
 * cycle is closed — everyone's scores side by side, the averages per dimension and the
 * perception gap per question. Row-level security hides the other answers before that too.
 * Permission: alliances.read.
 */
export async function getCycle(ctx: WorkspaceContext, cycleId: string) {
  const { cycle } = await loadCycle(ctx, cycleId);
  const participants = await ctx.tx
    .select({
      workspaceId: evaluationParticipants.workspaceId,
      organisationName: evaluationParticipants.organisationName,
      status: evaluationParticipants.status,
      answeredAt: evaluationParticipants.answeredAt,
    })
    .from(evaluationParticipants)
    .where(eq(evaluationParticipants.cycleId, cycle.id))
    .orderBy(asc(evaluationParticipants.organisationName));
  const answers = await ctx.tx
    .select({
      workspaceId: evaluationAnswers.workspaceId,
      questionKey: evaluationAnswers.questionKey,
      score: evaluationAnswers.score,
      justification: evaluationAnswers.justification,
      evidence: evaluationAnswers.evidence,
    })
    .from(evaluationAnswers)
    .where(
      and(
        eq(evaluationAnswers.cycleId, cycle.id),
        cycle.status === "closed" ? undefined : eq(evaluationAnswers.workspaceId, ctx.workspaceId),
      ),
    );
  const parties = participants.map((p) => ({
    name: p.organisationName,
    isMine: p.workspaceId === ctx.workspaceId,
    status: p.status,
    answeredAt: p.answeredAt,
    answers: answers.filter((a) => a.workspaceId === p.workspaceId).map(({ workspaceId: _w, ...a }) => a),
  }));
  const closed = cycle.status === "closed";
  const scored = parties.map((p) => ({
    partyKey: p.name,
    scores: Object.fromEntries(p.answers.map((a) => [a.questionKey, a.score])),
  }));
  return {
    id: cycle.id,
    allianceId: cycle.allianceId,
    period: cycle.period,
    dueOn: cycle.dueOn,
    status: cycle.status,
    closedAt: cycle.closedAt,
    closedReason: cycle.closedReason,
    questions: cycle.questions,
    parties,
    myStatus: participants.find((p) => p.workspaceId === ctx.workspaceId)?.status ?? null,
    results: closed
      ? { averages: dimensionAverages(cycle.questions, scored), gaps: perceptionGaps(cycle.questions, scored) }
      : null,
  };
}
