import { decideCoordination } from "../../services/territories/decide-coordination";
import { operatorRequests } from "../../services/territories/operator-requests";
import { DecideInput } from "../../services/territories/schemas";
import { decideVerification } from "../../services/workspaces/decide-verification";
import { operatorVerifications } from "../../services/workspaces/operator-verifications";
import { DecideVerificationInput } from "../../services/workspaces/schemas";
import { listCatalogueTools } from "../../services/tools/list-catalogue-tools";
import { retireCatalogueTool } from "../../services/tools/retire-catalogue-tool";
import { saveCatalogueTool } from "../../services/tools/save-catalogue-tool";
import { RetireToolInput, SaveToolInput } from "../../services/tools/schemas";
import { operatorJobQueue, retryFailedJob, RetryJobInput } from "../../services/operator/job-queue";
import { authedProcedure, router } from "../procedures";

export const operatorRouter = router({
  requests: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => operatorRequests(ctx.service)),
  decide: authedProcedure
    .meta({ permission: "authed" })
    .input(DecideInput)
    .mutation(({ ctx, input }) => decideCoordination(ctx.service, input)),
  verifications: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => operatorVerifications(ctx.service)),
  decideVerification: authedProcedure
    .meta({ permission: "authed" })
    .input(DecideVerificationInput)
    .mutation(({ ctx, input }) => decideVerification(ctx.service, input)),
  /** The whole public toolbox catalogue, retired tools included, for its editors. */
  tools: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => listCatalogueTools(ctx.service, ctx.locale)),
  saveTool: authedProcedure
    .meta({ permission: "authed" })
    .input(SaveToolInput)
    .mutation(({ ctx, input }) => saveCatalogueTool(ctx.service, input)),
  retireTool: authedProcedure
    .meta({ permission: "authed" })
    .input(RetireToolInput)
    .mutation(({ ctx, input }) => retireCatalogueTool(ctx.service, input)),
  /** The background jobs' queues and the latest failed jobs. */
  jobs: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => operatorJobQueue(ctx.service)),
  retryJob: authedProcedure
    .meta({ permission: "authed" })
    .input(RetryJobInput)
    .mutation(({ ctx, input }) => retryFailedJob(ctx.service, input)),
});
