import { and, asc, eq } from "drizzle-orm";
import { allianceGuideAnswers, allianceParties, organisations } from "../../../db/schema";
import { GUIDE_QUESTIONS, GUIDE_STAGES, stageProgress, type GuideStage } from "../../../domain/guide";
import { loadAllianceCore } from "../alliances/access";
import type { WorkspaceContext } from "../context";

/**
 * An alliance's questioning process: for each stage, its questions with the latest answer (who,
 * which organisation, when) and the earlier ones, and the stage's progress. Every party reads
 * the same answers. Tenant: the alliance must be reachable by the workspace (NOT_FOUND otherwise),
 * and row-level security holds the answers to its parties. Permission: alliances.read.
 */
export async function getGuide(ctx: WorkspaceContext, allianceId: string) {
  const core = await loadAllianceCore(ctx, allianceId);
  const rows = await ctx.tx
    .select()
    .from(allianceGuideAnswers)
    .where(eq(allianceGuideAnswers.allianceId, allianceId))
    .orderBy(asc(allianceGuideAnswers.createdAt), asc(allianceGuideAnswers.id));
  const parties = await ctx.tx
    .select({ name: organisations.name, role: allianceParties.role })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(and(eq(allianceParties.allianceId, allianceId), eq(allianceParties.status, "accepted")))
    .orderBy(asc(organisations.name));
  const answer = (r: (typeof rows)[number]) => ({
    id: r.id,
    answer: r.answer,
    organisationName: r.organisationName,
    actorName: r.actorName,
    createdAt: r.createdAt,
    mine: r.workspaceId === ctx.workspaceId,
  });
  const stages = GUIDE_STAGES.map((stage: GuideStage) => {
    const questions = GUIDE_QUESTIONS[stage].map((key) => {
      const all = rows.filter((r) => r.stage === stage && r.questionKey === key).map(answer);
      const text = core.guideWording?.[`${stage}.${key}`] ?? null;
      return { key, text, latest: all.at(-1) ?? null, earlier: all.slice(0, -1).reverse() };
    });
    const answered = new Set(questions.filter((q) => q.latest).map((q) => q.key));
    return { stage, questions, ...stageProgress(stage, answered) };
  });
  return {
    allianceId,
    title: core.title,
    currentStage: core.stage,
    parties,
    stages,
    answered: stages.reduce((n, s) => n + s.answered, 0),
    total: stages.reduce((n, s) => n + s.total, 0),
  };
}
export type Guide = Awaited<ReturnType<typeof getGuide>>;

/**
 * How many of the guide's questions have an answer, out of how many, without the answers
 * themselves: the alliance page's tab shows it on every section, while the guide is read only for
 * its own. The caller has already checked that the alliance is reachable; row-level security
 * holds the answers to its parties. Permission: alliances.read.
 */
export async function guideProgress(ctx: WorkspaceContext, allianceId: string) {
  const rows = await ctx.tx
    .selectDistinct({ stage: allianceGuideAnswers.stage, questionKey: allianceGuideAnswers.questionKey })
    .from(allianceGuideAnswers)
    .where(eq(allianceGuideAnswers.allianceId, allianceId));
  const progress = GUIDE_STAGES.map((stage) =>
    stageProgress(stage, new Set(rows.filter((r) => r.stage === stage).map((r) => r.questionKey))),
  );
  return {
    answered: progress.reduce((n, p) => n + p.answered, 0),
    total: progress.reduce((n, p) => n + p.total, 0),
  };
}
