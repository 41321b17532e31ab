import { getImport } from "../../services/exchange/get-import";
import { ImportIdInput, PreviewImportInput, UploadImportInput } from "../../services/exchange/schemas";
import { listImports } from "../../services/exchange/list-imports";
import { previewImport } from "../../services/exchange/preview-import";
import { queueImport } from "../../services/exchange/queue-import";
import { uploadImport } from "../../services/exchange/upload-import";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

/** Importing alliances from a spreadsheet: upload, map and dry-run, then import in the background. */
export const importsRouter = router({
  list: workspaceProcedure.meta({ permission: "alliances.write" }).query(({ ctx }) => listImports(ctx.workspace)),
  upload: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(UploadImportInput)
    .mutation(({ ctx, input }) => uploadImport(ctx.workspace, withoutSlug(input))),
  get: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(ImportIdInput)
    .query(({ ctx, input }) => getImport(ctx.workspace, input.id)),
  preview: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(PreviewImportInput)
    .mutation(({ ctx, input }) => previewImport(ctx.workspace, withoutSlug(input))),
  start: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(ImportIdInput)
    // Enqueued in the request's transaction; a process running jobs takes it (server/jobs/queue.ts).
    .mutation(({ ctx, input }) => queueImport(ctx.workspace, input.id)),
});
