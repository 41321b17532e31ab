import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { savedViews } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import type { WorkspaceContext } from "../context";

export const SaveViewInput = z.object({
  name: z.string().trim().min(2, { message: "errors.views.name" }).max(80, { message: "errors.views.name" }),
  /** The list page's query string, without the leading "?". */
  query: z
    .string()
    .max(2000)
    .regex(/^[^?#]*$/),
});
export type SaveViewInput = z.infer<typeof SaveViewInput>;

/** The actor's saved views in this workspace. Tenant: ctx.workspaceId and the actor. */
export async function listSavedViews(ctx: WorkspaceContext) {
  return ctx.tx
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, ctx.workspaceId), eq(savedViews.userId, ctx.actor.userId)))
    .orderBy(asc(savedViews.name));
}

/** Saves the current filters under a name (a name already used is a CONFLICT). Personal: not audited. */
export async function saveView(ctx: WorkspaceContext, input: SaveViewInput) {
  try {
    const [view] = await ctx.tx
      .insert(savedViews)
      .values({ workspaceId: ctx.workspaceId, userId: ctx.actor.userId, name: input.name, query: input.query })
      .returning({ id: savedViews.id, name: savedViews.name, query: savedViews.query });
    return view!;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.views.taken", { field: "name" });
    throw error;
  }
}

export async function deleteSavedView(ctx: WorkspaceContext, id: string) {
  const [removed] = await ctx.tx
    .delete(savedViews)
    .where(
      and(eq(savedViews.id, id), eq(savedViews.workspaceId, ctx.workspaceId), eq(savedViews.userId, ctx.actor.userId)),
    )
    .returning({ id: savedViews.id });
  if (!removed) throw new AppError("NOT_FOUND", "errors.views.notFound");
}
