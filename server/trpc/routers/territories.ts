import {
  DecideInput,
  decideCoordination,
  listCoordinations,
  operatorRequests,
  RequestCoordinationInput,
  requestCoordination,
  setTerritorialStatistics,
  StatisticsInput,
} from "../../services/territories/coordination";
import { TerritoryDashboardInput, territoryDashboard } from "../../services/territories/territory-dashboard";
import {
  DecideVerificationInput,
  decideVerification,
  operatorVerifications,
} from "../../services/workspaces/verification";
import { authedProcedure, router, withoutSlug, workspaceProcedure } from "../procedures";

export const territoriesRouter = router({
  coordinations: workspaceProcedure.query(({ ctx }) => listCoordinations(ctx.workspace)),
  requestCoordination: workspaceProcedure
    .input(RequestCoordinationInput)
    .mutation(({ ctx, input }) => requestCoordination(ctx.workspace, withoutSlug(input))),
  setStatistics: workspaceProcedure
    .input(StatisticsInput)
    .mutation(({ ctx, input }) => setTerritorialStatistics(ctx.workspace, withoutSlug(input))),
  dashboard: workspaceProcedure
    .input(TerritoryDashboardInput)
    .query(({ ctx, input }) => territoryDashboard(ctx.workspace, withoutSlug(input))),
});

/** Platform operators (OPERATOR_EMAILS): every other signed-in user gets FORBIDDEN. */
export const operatorRouter = router({
  requests: authedProcedure.query(({ ctx }) => operatorRequests(ctx.service)),
  decide: authedProcedure.input(DecideInput).mutation(({ ctx, input }) => decideCoordination(ctx.service, input)),
  verifications: authedProcedure.query(({ ctx }) => operatorVerifications(ctx.service)),
  decideVerification: authedProcedure
    .input(DecideVerificationInput)
    .mutation(({ ctx, input }) => decideVerification(ctx.service, input)),
});
