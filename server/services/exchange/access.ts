import { and, eq } from "drizzle-orm";
import { allianceImports } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";

/** An upload of this workspace (row-locked with `lock`); NOT_FOUND for any other. */
export async function loadImport(ctx: WorkspaceContext, id: string, lock = false) {
  const query = ctx.tx
    .select()
    .from(allianceImports)
    .where(and(eq(allianceImports.id, id), eq(allianceImports.workspaceId, ctx.workspaceId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("NOT_FOUND", "errors.import.notFound");
  return row;
}
