import { and, eq } from "drizzle-orm";
import { webhooks } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

/** Removes a webhook and its delivery log. Permission: workspace.update. Audited. */
export async function deleteWebhook(ctx: WorkspaceContext, id: string) {
  const [row] = await ctx.tx
    .delete(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.workspaceId, ctx.workspaceId)))
    .returning({ url: webhooks.url });
  if (!row) throw new AppError("NOT_FOUND", "errors.webhooks.notFound");
  await recordAudit(ctx, { action: "webhook.delete", entityType: "webhook", entityId: id, before: { url: row.url } });
  return { id };
}
