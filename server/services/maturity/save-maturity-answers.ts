import { and, eq } from "drizzle-orm";
import { maturityAnswers, maturityAssessments } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import type { SaveMaturityAnswersInput } from "./schemas";

/**
 * Records the acting member's levels in the workspace's open self-assessment (answering again
 * replaces them). Tenant: ctx.workspaceId. Permission: alliances.write. Audited.
 */
export async function saveMaturityAnswers(ctx: WorkspaceContext, input: SaveMaturityAnswersInput) {
  const [assessment] = await ctx.tx
    .select({ status: maturityAssessments.status })
    .from(maturityAssessments)
    .where(and(eq(maturityAssessments.id, input.assessmentId), eq(maturityAssessments.workspaceId, ctx.workspaceId)));
  if (!assessment) throw new AppError("NOT_FOUND", "errors.maturity.notFound");
  if (assessment.status !== "open") throw new AppError("CONFLICT", "errors.maturity.notOpen");
  const row = {
    assessmentId: input.assessmentId,
    userId: ctx.actor.userId,
    workspaceId: ctx.workspaceId,
    levels: input.levels,
    updatedAt: new Date(),
  };
  await ctx.tx
    .insert(maturityAnswers)
    .values(row)
    .onConflictDoUpdate({
      target: [maturityAnswers.assessmentId, maturityAnswers.userId],
      set: { levels: row.levels, updatedAt: row.updatedAt },
    });
  await recordAudit(ctx, {
    action: "maturity.answer",
    entityType: "maturity",
    entityId: input.assessmentId,
    after: input.levels,
  });
}
