import { SaveNarrativeInput, SdgReportInput } from "../../services/dashboards/schemas";
import { saveNarrative } from "../../services/dashboards/save-narrative";
import { sdgReport } from "../../services/dashboards/sdg-report";
import { dashboardHome } from "../../services/dashboards/home";
import { myActions } from "../../services/dashboards/my-actions";
import { workspaceDashboard } from "../../services/dashboards/workspace-dashboard";
import { DashboardFilters } from "../../services/dashboards/schemas";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const dashboardsRouter = router({
  sdgReport: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(SdgReportInput)
    .query(({ ctx, input }) => sdgReport(ctx.workspace, withoutSlug(input))),
  saveNarrative: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(SaveNarrativeInput)
    .mutation(({ ctx, input }) => saveNarrative(ctx.workspace, withoutSlug(input))),
  myActions: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => myActions(ctx.workspace)),
  workspace: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(DashboardFilters)
    .query(({ ctx, input }) => workspaceDashboard(ctx.workspace, withoutSlug(input))),
  /** The home page's dashboard and "my actions", read in one transaction. */
  home: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(DashboardFilters)
    .query(({ ctx, input }) => dashboardHome(ctx.workspace, withoutSlug(input))),
});
