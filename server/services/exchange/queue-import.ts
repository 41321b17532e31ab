import { eq } from "drizzle-orm";
import { allianceImports } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadImport } from "./access";
import { running } from "./run-import";

/**
 * Asks for the import of a previewed file; the caller starts the job once this transaction has
 * committed. Refused when it already ran; an interrupted or failed one may be asked again.
 * Permission: alliances.write.
 */
export async function queueImport(ctx: WorkspaceContext, id: string) {
  const row = await loadImport(ctx, id);
  if (row.status === "done") throw new AppError("CONFLICT", "errors.import.alreadyDone");
  if (!row.mapping) throw new AppError("BAD_REQUEST", "errors.import.notReady");
  if (running.has(id)) return { id, status: "queued" as const };
  await ctx.tx
    .update(allianceImports)
    .set({ status: "queued", error: null, updatedAt: new Date() })
    .where(eq(allianceImports.id, id));
  return { id, status: "queued" as const };
}
