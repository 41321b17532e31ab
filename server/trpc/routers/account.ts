import { deleteAccount } from "../../services/gdpr/delete-account";
import { ownedWorkspaces } from "../../services/gdpr/owned-workspaces";
import { DeleteAccountInput } from "../../services/gdpr/schemas";
import { authedProcedure, router } from "../procedures";

export const accountRouter = router({
  ownedWorkspaces: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => ownedWorkspaces(ctx.service)),
  delete: authedProcedure
    .meta({ permission: "authed" })
    .input(DeleteAccountInput)
    .mutation(({ ctx, input }) => deleteAccount(ctx.service, input)),
});
