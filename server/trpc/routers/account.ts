import { deleteAccount, ownedWorkspaces } from "../../services/gdpr/erasure";
import { DeleteAccountInput } from "../../services/gdpr/schemas";
import { authedProcedure, router } from "../procedures";

export const accountRouter = router({
  ownedWorkspaces: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => ownedWorkspaces(ctx.service)),
  delete: authedProcedure
    .meta({ permission: "authed" })
    .input(DeleteAccountInput)
    .mutation(({ ctx, input }) => deleteAccount(ctx.service, input)),
});
