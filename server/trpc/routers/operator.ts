import { DecideInput, decideCoordination, operatorRequests } from "../../services/territories/coordination";
import {
  DecideVerificationInput,
  decideVerification,
  operatorVerifications,
} from "../../services/workspaces/verification";
import { authedProcedure, router } from "../procedures";

export const operatorRouter = router({
  requests: authedProcedure.query(({ ctx }) => operatorRequests(ctx.service)),
  decide: authedProcedure.input(DecideInput).mutation(({ ctx, input }) => decideCoordination(ctx.service, input)),
  verifications: authedProcedure.query(({ ctx }) => operatorVerifications(ctx.service)),
  decideVerification: authedProcedure
    .input(DecideVerificationInput)
    .mutation(({ ctx, input }) => decideVerification(ctx.service, input)),
});
