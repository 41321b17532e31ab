import { and, desc, eq, isNotNull, ne } from "drizzle-orm";
import { allianceImports } from "../../../db/schema";
import { normalizeHeader, suggestMapping } from "../../../domain/import";
import { translateKey } from "../../i18n/translate";
import type { WorkspaceContext } from "../context";
import { loadImport } from "./access";
import { running } from "./run-import";

/** Header → field, as this workspace mapped it in its latest imports (newest wins). */
async function rememberedMapping(ctx: WorkspaceContext, exceptId: string): Promise<Record<string, string>> {
  const earlier = await ctx.tx
    .select({ headers: allianceImports.headers, mapping: allianceImports.mapping })
    .from(allianceImports)
    .where(
      and(
        eq(allianceImports.workspaceId, ctx.workspaceId),
        ne(allianceImports.id, exceptId),
        isNotNull(allianceImports.mapping),
      ),
    )
    .orderBy(desc(allianceImports.updatedAt))
    .limit(5);
  const remembered: Record<string, string> = {};
  for (const e of earlier.reverse()) {
    e.headers.forEach((h, i) => {
      const field = e.mapping?.[i];
      if (field) remembered[normalizeHeader(h)] = field;
    });
  }
  return remembered;
}

/**
 * An upload with its first rows, the mapping (as last previewed, else suggested from the
 * headers and the workspace's earlier mappings), and how far its import is.
 * Permission: alliances.write. Tenant: the workspace's own uploads.
 */
export async function getImport(ctx: WorkspaceContext, id: string) {
  const row = await loadImport(ctx, id);
  const mapping = row.mapping ?? suggestMapping(row.headers, await rememberedMapping(ctx, id));
  const job = running.get(id);
  const interrupted = row.status === "queued" && !job && Date.now() - row.updatedAt.getTime() > 15_000;
  return {
    id: row.id,
    fileName: row.fileName,
    headers: row.headers,
    sample: row.rows.slice(0, 5),
    rowCount: row.rows.length,
    mapping,
    decisions: row.decisions ?? {},
    status: interrupted ? ("interrupted" as const) : row.status,
    result: row.result,
    error: row.error ? translateKey(ctx.locale, row.error) : null,
    progress: job ? { done: job.done, total: job.total } : null,
    createdAt: row.createdAt,
  };
}
