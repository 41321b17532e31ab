import { CreateWebhookInput, WebhookIdInput } from "../../services/webhooks/schemas";
import { createWebhook } from "../../services/webhooks/create-webhook";
import { deleteWebhook } from "../../services/webhooks/delete-webhook";
import { listWebhooks } from "../../services/webhooks/list-webhooks";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

/** Webhooks of a workspace and their delivery log, managed by its admins. */
export const webhooksRouter = router({
  list: workspaceProcedure.meta({ permission: "workspace.update" }).query(({ ctx }) => listWebhooks(ctx.workspace)),
  create: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(CreateWebhookInput)
    .mutation(({ ctx, input }) => createWebhook(ctx.workspace, withoutSlug(input))),
  delete: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(WebhookIdInput)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.workspace, input.id)),
});
