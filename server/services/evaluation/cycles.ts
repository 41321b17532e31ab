import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import {
  allianceParties,
  evaluationAnswers,
  evaluationCycles,
  evaluationParticipants,
  organisations,
  workspaces,
} from "../../../db/schema";
import {
  DEFAULT_QUESTIONS,
  dimensionAverages,
  perceptionGaps,
  QUESTION_DIMENSIONS,
  type Question,
  SCORE_MAX,
  SCORE_MIN,
} from "../../../domain/evaluation";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore, requireAllianceParty } from "../alliances/access";
import { recordSharedChange } from "../alliances/shared-history";
import { enqueueAllianceEvent } from "../webhooks/webhooks";

const isoDate = z.iso.date({ message: "errors.dates.format" });

export const OpenCycleInput = z.object({
  allianceId: z.uuid(),
  period: z
    .string()
    .trim()
    .min(1, { message: "errors.evaluation.period" })
    .max(40, { message: "errors.evaluation.period" }),
  dueOn: isoDate,
});

export const SubmitAnswersInput = z.object({
  cycleId: z.uuid(),
  answers: z
    .array(
      z.object({
        questionKey: z.string().min(1).max(60),
        score: z
          .number()
          .int()
          .min(SCORE_MIN, { message: "errors.evaluation.score" })
          .max(SCORE_MAX, { message: "errors.evaluation.score" }),
        justification: z.string().trim().min(1, { message: "errors.evaluation.justification" }).max(2000),
        evidence: z
          .array(z.url({ protocol: /^https?$/, message: "errors.evaluation.evidence" }))
          .max(5)
          .default([]),
      }),
    )
    .min(1)
    .max(40),
});

export const CycleIdInput = z.object({ cycleId: z.uuid() });

export const QuestionnaireInput = z.object({
  questions: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9_]{1,60}$/),
        dimension: z.enum(QUESTION_DIMENSIONS),
        label: z.string().trim().min(5, { message: "errors.evaluation.questionLabel" }).max(300).nullable(),
      }),
    )
    .min(1, { message: "errors.evaluation.noQuestions" })
    .max(30),
});

/** The questionnaire a workspace uses for the cycles it opens: its own, or the default one. */
export async function workspaceQuestionnaire(ctx: WorkspaceContext): Promise<Question[]> {
  const [row] = await ctx.tx
    .select({ questions: workspaces.evaluationQuestions })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return (row?.questions as Question[] | null | undefined) ?? DEFAULT_QUESTIONS;
}

/**
 * Adapts the workspace's questionnaire (rewording, removing or adding questions); an empty
 * adaptation is refused, and `reset` goes back to the default one. Cycles already open keep
 * the questions they started with. Permission: workspace.update. Audited.
 */
export async function saveQuestionnaire(
  ctx: WorkspaceContext,
  input: z.infer<typeof QuestionnaireInput> & { reset?: boolean },
) {
  const before = await workspaceQuestionnaire(ctx);
  const keys = new Set<string>();
  input.questions.forEach((q, i) => {
    if (keys.has(q.key))
      throw new AppError("BAD_REQUEST", "errors.evaluation.duplicateQuestion", { field: `questions.${i}.key` });
    keys.add(q.key);
    if (q.label === null && !DEFAULT_QUESTIONS.some((d) => d.key === q.key))
      throw new AppError("BAD_REQUEST", "errors.evaluation.questionLabel", { field: `questions.${i}.label` });
  });
  const questions = input.reset ? null : input.questions;
  await ctx.tx
    .update(workspaces)
    .set({ evaluationQuestions: questions, updatedAt: new Date() })
    .where(eq(workspaces.id, ctx.workspaceId));
  await recordAudit(ctx, {
    action: "workspace.questionnaire",
    entityType: "workspace",
    entityId: ctx.workspaceId,
    before: { questions: before.length },
    after: { questions: questions?.length ?? DEFAULT_QUESTIONS.length },
  });
  return workspaceQuestionnaire(ctx);
}

/**
 * Opens an evaluation cycle for a period: every accepted co-owning workspace is asked to
 * answer (and told so). One open cycle per alliance at a time. Permission: alliances.write. Audited.
 */
export async function openCycle(ctx: WorkspaceContext, input: z.infer<typeof OpenCycleInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  if (input.dueOn < new Date().toISOString().slice(0, 10))
    throw new AppError("BAD_REQUEST", "errors.evaluation.dueInPast", { field: "dueOn" });
  const questions = await workspaceQuestionnaire(ctx);
  const parties = await ctx.tx
    .select({ workspaceId: allianceParties.workspaceId, name: organisations.name })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(
      and(
        eq(allianceParties.allianceId, input.allianceId),
        eq(allianceParties.status, "accepted"),
        isNotNull(allianceParties.workspaceId),
      ),
    );
  let cycleId: string;
  try {
    const [cycle] = await ctx.tx
      .insert(evaluationCycles)
      .values({
        allianceId: input.allianceId,
        period: input.period,
        dueOn: input.dueOn,
        questions,
        openedByWorkspaceId: ctx.workspaceId,
        openedBy: ctx.actor.userId,
      })
      .returning({ id: evaluationCycles.id });
    cycleId = cycle!.id;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.evaluation.alreadyOpen");
    throw error;
  }
  await ctx.tx.insert(evaluationParticipants).values(
    parties.map((p) => ({
      cycleId,
      allianceId: input.allianceId,
      workspaceId: p.workspaceId!,
      organisationName: p.name,
    })),
  );
  await recordAudit(ctx, {
    action: "evaluation.open",
    entityType: "alliance",
    entityId: input.allianceId,
    after: { period: input.period, dueOn: input.dueOn },
  });
  await recordSharedChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "evaluation.open",
    detail: { period: input.period },
    notify: "evaluation.requested",
  });
  return { id: cycleId };
}

async function loadCycle(ctx: WorkspaceContext, cycleId: string) {
  const [cycle] = await ctx.tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId));
  if (!cycle) throw new AppError("NOT_FOUND", "errors.evaluation.notFound");
  const core = await loadAllianceCore(ctx, cycle.allianceId).catch(() => {
    throw new AppError("NOT_FOUND", "errors.evaluation.notFound");
  });
  return { cycle, core };
}

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
    await recordSharedChange(ctx, {
      allianceId: cycle.allianceId,
      title: core.title,
      action: "evaluation.close",
      detail: { period: cycle.period },
      notify: "evaluation.closed",
    });
  } else {
    await recordSharedChange(ctx, {
      allianceId: cycle.allianceId,
      title: core.title,
      action: "evaluation.answer",
      detail: { period: cycle.period },
      notify: null,
    });
  }
  return getCycle(ctx, cycle.id);
}

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
  await recordAudit(ctx, {
    action: "evaluation.close",
    entityType: "alliance",
    entityId: cycle.allianceId,
    after: { period: cycle.period },
  });
  await recordSharedChange(ctx, {
    allianceId: cycle.allianceId,
    title: core.title,
    action: "evaluation.close",
    detail: { period: cycle.period },
    notify: "evaluation.closed",
  });
  await enqueueAllianceEvent(ctx, cycle.allianceId, "cycle.closed", {
    alliance: { id: cycle.allianceId, title: core.title },
    cycle: { id: cycle.id, period: cycle.period },
  });
  return getCycle(ctx, cycle.id);
}

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
