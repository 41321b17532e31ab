import { and, eq } from "drizzle-orm";
import { tools } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

/** Removes one of this workspace's private tools. Permission: workspace.update. Audited. */
export async function deleteWorkspaceTool(ctx: WorkspaceContext, id: string) {
  const [removed] = await ctx.tx
    .delete(tools)
    .where(and(eq(tools.id, id), eq(tools.workspaceId, ctx.workspaceId)))
    .returning({ id: tools.id, slug: tools.slug, content: tools.content });
  if (!removed) throw new AppError("NOT_FOUND", "errors.tools.notFound");
  await recordAudit(ctx, { action: "tool.delete", entityType: "tool", entityId: removed.id, before: removed });
}
