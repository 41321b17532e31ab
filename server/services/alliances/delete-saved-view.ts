import { and, eq } from "drizzle-orm";
import { savedViews } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";

export async function deleteSavedView(ctx: WorkspaceContext, id: string) {
  const [removed] = await ctx.tx
    .delete(savedViews)
    .where(
      and(eq(savedViews.id, id), eq(savedViews.workspaceId, ctx.workspaceId), eq(savedViews.userId, ctx.actor.userId)),
    )
    .returning({ id: savedViews.id });
  if (!removed) throw new AppError("NOT_FOUND", "errors.views.notFound");
}
