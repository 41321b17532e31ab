import { DeleteAccountInput, deleteAccount, ownedWorkspaces } from "../../services/gdpr/erasure";
import { authedProcedure, router } from "../procedures";

export const accountRouter = router({
  ownedWorkspaces: authedProcedure.query(({ ctx }) => ownedWorkspaces(ctx.service)),
  delete: authedProcedure.input(DeleteAccountInput).mutation(({ ctx, input }) => deleteAccount(ctx.service, input)),
});
