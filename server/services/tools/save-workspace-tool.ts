import { and, eq, sql } from "drizzle-orm";
import { tools } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import type { SaveToolInput } from "./schemas";
import { toolValues } from "./tool-values";

/**
 * Creates or edits one of this workspace's private tools, seen by its members only. A private
 * tool cannot pose as a feature of Maillage. An edit names the version it read (CONFLICT when
 * someone saved meanwhile); a slug already used by the workspace is a CONFLICT on the field.
 * Permission: workspace.update. Audited.
 */
export async function saveWorkspaceTool(ctx: WorkspaceContext, input: SaveToolInput) {
  if (input.kind === "fonctionnalite" || input.feature)
    throw new AppError("BAD_REQUEST", "errors.tools.featureReserved", { field: "kind" });
  const values = toolValues(input);
  try {
    if (!input.id) {
      const [created] = await ctx.tx
        .insert(tools)
        .values({ ...values, workspaceId: ctx.workspaceId })
        .returning({ id: tools.id, slug: tools.slug, version: tools.version });
      await recordAudit(ctx, { action: "tool.create", entityType: "tool", entityId: created!.id, after: values });
      return created!;
    }
    const [before] = await ctx.tx
      .select()
      .from(tools)
      .where(and(eq(tools.id, input.id), eq(tools.workspaceId, ctx.workspaceId)));
    if (!before) throw new AppError("NOT_FOUND", "errors.tools.notFound");
    const [saved] = await ctx.tx
      .update(tools)
      .set({ ...values, version: sql`${tools.version} + 1`, updatedAt: new Date() })
      .where(and(eq(tools.id, input.id), eq(tools.workspaceId, ctx.workspaceId), eq(tools.version, input.version!)))
      .returning({ id: tools.id, slug: tools.slug, version: tools.version });
    if (!saved) throw new AppError("CONFLICT", "errors.tools.stale");
    await recordAudit(ctx, {
      action: "tool.update",
      entityType: "tool",
      entityId: saved.id,
      before: { slug: before.slug, content: before.content, kind: before.kind },
      after: values,
    });
    return saved;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.tools.slugTaken", { field: "slug" });
    throw error;
  }
}
