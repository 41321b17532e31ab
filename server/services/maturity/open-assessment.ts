import { eq } from "drizzle-orm";
import { maturityAssessments, workspaces } from "../../../db/schema";
import { MATURITY_VERSION } from "../../../domain/maturity";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

/**
 * Opens this year's SDG maturity self-assessment under the current questionnaire version (one
 * open at a time: CONFLICT otherwise). Tenant: ctx.workspaceId. Permission: workspace.update. Audited.
 */
export async function openAssessment(ctx: WorkspaceContext) {
  const [workspace] = await ctx.tx
    .select({ kind: workspaces.kind })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  try {
    const [opened] = await ctx.tx
      .insert(maturityAssessments)
      .values({
        workspaceId: ctx.workspaceId,
        workspaceKind: workspace!.kind,
        year: new Date().getFullYear(),
        questionnaireVersion: MATURITY_VERSION,
        openedBy: ctx.actor.userId,
      })
      .returning({ id: maturityAssessments.id, year: maturityAssessments.year });
    await recordAudit(ctx, { action: "maturity.open", entityType: "maturity", entityId: opened!.id, after: opened });
    return opened!;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.maturity.open");
    throw error;
  }
}
