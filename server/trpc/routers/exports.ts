import { exportFile, getExport, requestExport } from "../../services/exchange/export-jobs";
import { ExportIdInput, RequestExportInput } from "../../services/exchange/schemas";
import { router, workspaceProcedure } from "../procedures";

/**
 * Exports built by a job: asked for, followed, then downloaded (app/w/[workspaceSlug]/exports).
 * Each is the asking person's own; reading the exported table's permission is checked by the
 * service for the kind asked (organisations.read for the directory).
 */
export const exportsRouter = router({
  request: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(RequestExportInput)
    .mutation(({ ctx, input }) => requestExport(ctx.workspace, input.workspaceSlug, input)),
  get: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ExportIdInput)
    .query(({ ctx, input }) => getExport(ctx.workspace, input.id)),
  /** The built file, base64-encoded (its download route decodes it). */
  file: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ExportIdInput)
    .query(async ({ ctx, input }) => {
      const file = await exportFile(ctx.workspace, input.id);
      return { fileName: file.fileName, format: file.format, content: file.content.toString("base64") };
    }),
});
