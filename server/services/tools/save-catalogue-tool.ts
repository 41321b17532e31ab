import { and, eq, isNull, sql } from "drizzle-orm";
import { toolChanges, tools } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import type { ServiceContext } from "../context";
import { asOperator } from "../territories/access";
import type { SaveToolInput } from "./schemas";
import { toolValues } from "./tool-values";

/**
 * Creates or edits a tool of the public catalogue, in both languages. An edit names the version
 * it read (CONFLICT when another operator saved meanwhile). Each change leaves a row in the
 * catalogue's trail (tool_changes) with the operator and the before and after. Operators only.
 */
export async function saveCatalogueTool(ctx: ServiceContext, input: SaveToolInput) {
  await asOperator(ctx);
  const values = toolValues(input);
  try {
    if (!input.id) {
      const [created] = await ctx.tx
        .insert(tools)
        .values(values)
        .returning({ id: tools.id, slug: tools.slug, version: tools.version });
      await ctx.tx.insert(toolChanges).values({
        toolId: created!.id,
        actorUserId: ctx.actor.userId,
        actorEmail: ctx.actor.email,
        action: "tool.create",
        after: values,
      });
      return created!;
    }
    const [before] = await ctx.tx
      .select()
      .from(tools)
      .where(and(eq(tools.id, input.id), isNull(tools.workspaceId)));
    if (!before) throw new AppError("NOT_FOUND", "errors.tools.notFound");
    const [saved] = await ctx.tx
      .update(tools)
      .set({ ...values, version: sql`${tools.version} + 1`, updatedAt: new Date() })
      .where(and(eq(tools.id, input.id), isNull(tools.workspaceId), eq(tools.version, input.version!)))
      .returning({ id: tools.id, slug: tools.slug, version: tools.version });
    if (!saved) throw new AppError("CONFLICT", "errors.tools.stale");
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, workspaceId: _w, searchText: _s, ...old } = before;
    await ctx.tx.insert(toolChanges).values({
      toolId: saved.id,
      actorUserId: ctx.actor.userId,
      actorEmail: ctx.actor.email,
      action: "tool.update",
      before: old,
      after: values,
    });
    return saved;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.tools.slugTaken", { field: "slug" });
    throw error;
  }
}
