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
  list: workspaceProcedure.query(({ ctx }) => listApiTokens(ctx.workspace)),
  create: workspaceProcedure
    .input(CreateApiTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.workspace, withoutSlug(input))),
  revoke: workspaceProcedure
    .input(RevokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.workspace, input.id)),
});
