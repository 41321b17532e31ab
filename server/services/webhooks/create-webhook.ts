import { randomBytes } from "node:crypto";
import { z } from "zod";
import { webhooks } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { CreateWebhookInput } from "./schemas";

/** Registers a webhook; its signing secret is returned once. Permission: workspace.update. Audited. */
export async function createWebhook(ctx: WorkspaceContext, input: z.infer<typeof CreateWebhookInput>) {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await ctx.tx
    .insert(webhooks)
    .values({
      workspaceId: ctx.workspaceId,
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: webhooks.id });
  await recordAudit(ctx, {
    action: "webhook.create",
    entityType: "webhook",
    entityId: row!.id,
    after: { url: input.url, events: input.events },
  });
  return { id: row!.id, secret };
}
