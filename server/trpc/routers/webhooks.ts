import {
  CreateWebhookInput,
  createWebhook,
  deleteWebhook,
  listWebhooks,
  WebhookIdInput,
} from "../../services/webhooks/webhooks";
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
