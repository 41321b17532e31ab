import { listCoordinations } from "../../services/territories/list-coordinations";
import { requestCoordination } from "../../services/territories/request-coordination";
import { setTerritorialStatistics } from "../../services/territories/set-territorial-statistics";
import { RequestCoordinationInput, StatisticsInput } from "../../services/territories/schemas";
import { territoryDashboard } from "../../services/territories/territory-dashboard";
import { TerritoryDashboardInput } from "../../services/territories/schemas";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const territoriesRouter = router({
  coordinations: workspaceProcedure
    .meta({ permission: "workspace.read" })
    .query(({ ctx }) => listCoordinations(ctx.workspace)),
  requestCoordination: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(RequestCoordinationInput)
    .mutation(({ ctx, input }) => requestCoordination(ctx.workspace, withoutSlug(input))),
  setStatistics: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(StatisticsInput)
    .mutation(({ ctx, input }) => setTerritorialStatistics(ctx.workspace, withoutSlug(input))),
  dashboard: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(TerritoryDashboardInput)
    .query(({ ctx, input }) => territoryDashboard(ctx.workspace, withoutSlug(input))),
});

/** Platform operators (OPERATOR_EMAILS): every other signed-in user gets FORBIDDEN. */
