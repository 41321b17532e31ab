import { and, eq, sql } from "drizzle-orm";
import { workspaces } from "../../../db/schema";
import { GUIDE_QUESTIONS, GUIDE_STAGES, isGuideQuestion } from "../../../domain/guide";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import type { SaveGuideWordingInput } from "./schemas";

/** The workspace's own wording of the questioning process, question by question (null: the product's). Permission: alliances.read. */
export async function guideWording(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({ wording: workspaces.guideWording, version: workspaces.version })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const wording = row?.wording ?? {};
  return {
    version: row!.version,
    stages: GUIDE_STAGES.map((stage) => ({
      stage,
      questions: GUIDE_QUESTIONS[stage].map((key) => ({ key, text: wording[`${stage}.${key}`] ?? null })),
    })),
  };
}

/**
 * Sets the workspace's wording of the questioning process for the alliances it will create (a
 * blank question keeps the product's wording; existing alliances keep theirs). Checked against
 * the workspace's version. Tenant: ctx.workspaceId. Permission: workspace.update. Audited.
 */
export async function saveGuideWording(ctx: WorkspaceContext, input: SaveGuideWordingInput) {
  const wording: Record<string, string> = {};
  for (const [id, text] of Object.entries(input.wording)) {
    const [stage, key] = id.split(".");
    if (!stage || !key || !isGuideQuestion(stage, key))
      throw new AppError("BAD_REQUEST", "errors.guide.question", { field: `wording.${id}` });
    if (text.trim()) wording[id] = text.trim();
  }
  const [saved] = await ctx.tx
    .update(workspaces)
    .set({
      guideWording: Object.keys(wording).length ? wording : null,
      version: sql`${workspaces.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(workspaces.id, ctx.workspaceId), eq(workspaces.version, input.version)))
    .returning({ version: workspaces.version });
  if (!saved) throw new AppError("CONFLICT", "errors.staleVersion");
  await recordAudit(ctx, {
    action: "guide.wording",
    entityType: "workspace",
    entityId: ctx.workspaceId,
    after: wording,
  });
  return saved;
}
