import { z } from "zod";
import { allianceImports } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { readTable } from "./read-table";
import { UploadImportInput } from "./schemas";

/**
 * Reads an uploaded CSV or XLSX file and keeps its cells for the steps that follow (mapping,
 * dry run, import). Nothing is imported yet. Permission: alliances.write. Audited.
 */
export async function uploadImport(ctx: WorkspaceContext, input: z.infer<typeof UploadImportInput>) {
  const table = await readTable(input.fileName, Buffer.from(input.content, "base64"));
  const [created] = await ctx.tx
    .insert(allianceImports)
    .values({
      workspaceId: ctx.workspaceId,
      createdBy: ctx.actor.userId,
      fileName: input.fileName,
      headers: table.headers,
      rows: table.rows,
    })
    .returning({ id: allianceImports.id });
  await recordAudit(ctx, {
    action: "import.upload",
    entityType: "alliance_import",
    entityId: created!.id,
    after: { fileName: input.fileName, rows: table.rows.length },
  });
  return { id: created!.id };
}
