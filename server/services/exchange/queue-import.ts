import { eq } from "drizzle-orm";
import { allianceImports, importProgress } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadImport } from "./access";
import { enqueueImport } from "./run-import";

/**
 * Asks for the import of a previewed file: marks it queued and enqueues its job in this
 * transaction, so the two happen together or not at all. Refused when it already ran; a failed
 * or interrupted one may be asked again; one already queued is not queued twice.
 * Permission: alliances.write.
 */
export async function queueImport(ctx: WorkspaceContext, id: string) {
  const row = await loadImport(ctx, id);
  if (row.status === "done") throw new AppError("CONFLICT", "errors.import.alreadyDone");
  if (!row.mapping) throw new AppError("BAD_REQUEST", "errors.import.notReady");
  if (row.status === "queued" || row.status === "running") return { id, status: "queued" as const };
  // A progress left by an earlier, failed run would read as this one's.
  await ctx.tx.delete(importProgress).where(eq(importProgress.importId, id));
  await enqueueImport(ctx, id);
  await ctx.tx
    .update(allianceImports)
    .set({ status: "queued", error: null, updatedAt: new Date() })
    .where(eq(allianceImports.id, id));
  return { id, status: "queued" as const };
}
