import { savedViews } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import type { WorkspaceContext } from "../context";
import { SaveViewInput } from "./schemas";

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
