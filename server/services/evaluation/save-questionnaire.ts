import { eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "../../../db/schema";
import { DEFAULT_QUESTIONS } from "../../../domain/evaluation";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { QuestionnaireInput } from "./schemas";
import { workspaceQuestionnaire } from "./workspace-questionnaire";

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
