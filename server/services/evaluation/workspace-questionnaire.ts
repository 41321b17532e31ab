import { eq } from "drizzle-orm";
import { workspaces } from "../../../db/schema";
import { DEFAULT_QUESTIONS, type Question } from "../../../domain/evaluation";
import type { WorkspaceContext } from "../context";

/** The questionnaire a workspace uses for the cycles it opens: its own, or the default one. */
export async function workspaceQuestionnaire(ctx: WorkspaceContext): Promise<Question[]> {
  const [row] = await ctx.tx
    .select({ questions: workspaces.evaluationQuestions })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return (row?.questions as Question[] | null | undefined) ?? DEFAULT_QUESTIONS;
}
