import {
  CreateApiTokenInput,
  createApiToken,
  listApiTokens,
  RevokeApiTokenInput,
  revokeApiToken,
} from "../../api/tokens";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

/** API tokens of a workspace, managed by its admins. */
export const apiTokensRouter = router({
  list: workspaceProcedure.meta({ permission: "workspace.update" }).query(({ ctx }) => listApiTokens(ctx.workspace)),
  create: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(CreateApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.workspace, withoutSlug(input))),
  revoke: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(RevokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.workspace, input.id)),
});
