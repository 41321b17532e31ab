import { and, eq, sql } from "drizzle-orm";
import { maturityAnswers, maturityAssessments } from "../../../db/schema";
import { consensusLevel, MATURITY_AXES } from "../../../domain/maturity";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

/**
 * Closes the open self-assessment: each axis keeps the lower median of the members' levels.
 * Checked against the version read (CONFLICT when someone closed or changed it meanwhile).
 * Tenant: ctx.workspaceId. Permission: workspace.update. Audited.
 */
export async function closeAssessment(ctx: WorkspaceContext, input: { assessmentId: string; version: number }) {
  const answers = await ctx.tx
    .select({ levels: maturityAnswers.levels })
    .from(maturityAnswers)
    .where(and(eq(maturityAnswers.assessmentId, input.assessmentId), eq(maturityAnswers.workspaceId, ctx.workspaceId)));
  if (answers.length === 0) throw new AppError("BAD_REQUEST", "errors.maturity.empty");
  const levels: Record<string, number> = {};
  for (const axis of MATURITY_AXES) {
    const level = consensusLevel(answers.flatMap((a) => (a.levels[axis] ? [a.levels[axis]!] : [])));
    if (level) levels[axis] = level;
  }
  const [closed] = await ctx.tx
    .update(maturityAssessments)
    .set({
      status: "closed",
      levels,
      closedBy: ctx.actor.userId,
      closedAt: new Date(),
      version: sql`${maturityAssessments.version} + 1`,
    })
    .where(
      and(
        eq(maturityAssessments.id, input.assessmentId),
        eq(maturityAssessments.workspaceId, ctx.workspaceId),
        eq(maturityAssessments.status, "open"),
        eq(maturityAssessments.version, input.version),
      ),
    )
    .returning({ id: maturityAssessments.id, year: maturityAssessments.year });
  if (!closed) throw new AppError("CONFLICT", "errors.maturity.notOpen");
  await recordAudit(ctx, {
    action: "maturity.close",
    entityType: "maturity",
    entityId: closed.id,
    after: { levels, contributors: answers.length },
  });
  return { ...closed, levels };
}
