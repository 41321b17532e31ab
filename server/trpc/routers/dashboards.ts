import { DashboardFilters, workspaceDashboard } from "../../services/dashboards/workspace-dashboard";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const dashboardsRouter = router({
  workspace: workspaceProcedure.input(DashboardFilters).query(({ ctx, input }) => workspaceDashboard(ctx.workspace, withoutSlug(input))),
});
