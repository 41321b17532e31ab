import { eq } from "drizzle-orm";
import { z } from "zod";
import { allianceImports } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { planImport } from "./import-plan";
import type { Decisions, Mapping } from "./import-types";
import { PreviewImportInput } from "./schemas";
import { loadImport } from "./access";

/**
 * The dry run: what importing the file with this mapping and these partner decisions would do,
 * and every error by row and column. Keeps the mapping and decisions (the next upload's
 * suggestions come from them). Writes no alliance. Permission: alliances.write.
 */
export async function previewImport(ctx: WorkspaceContext, input: z.infer<typeof PreviewImportInput>) {
  const row = await loadImport(ctx, input.id);
  if (row.status === "done") throw new AppError("CONFLICT", "errors.import.alreadyDone");
  const mapping = row.headers.map((_, i) => (input.mapping[i] ?? null) as Mapping[number]);
  const plan = await planImport(ctx, row, mapping, input.decisions as Decisions);
  await ctx.tx
    .update(allianceImports)
    .set({ mapping, decisions: input.decisions as Decisions, updatedAt: new Date() })
    .where(eq(allianceImports.id, row.id));
  return {
    counts: plan.counts,
    ready: plan.ready,
    mappingErrors: plan.mappingErrors,
    errors: plan.errors.slice(0, 1000),
    errorCount: plan.errors.length,
    partners: plan.partners
      .filter(
        (p) =>
          p.status !== "matched" ||
          p.matched?.similarity !== 1 ||
          (input.decisions[p.key] && "organisationId" in input.decisions[p.key]!),
      )
      .slice(0, 500),
    actions: plan.rows.slice(0, 1000).map((r) => ({ line: r.line, action: r.action })),
  };
}
