import { and, desc, eq, isNotNull, ne } from "drizzle-orm";
import { allianceImports, importProgress } from "../../../db/schema";
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

/** A run whose progress has not moved for this long died with its process (the queue runs it again). */
const STALLED_MS = 3 * 60_000;

/**
 * An upload with its first rows, the mapping (as last previewed, else suggested from the
 * headers and the workspace's earlier mappings), and how far its import is: from this process,
 * or from the progress the process running it writes (any instance of the app shows it).
 * Permission: alliances.write. Tenant: the workspace's own uploads.
 */
export async function getImport(ctx: WorkspaceContext, id: string) {
  const row = await loadImport(ctx, id);
  const mapping = row.mapping ?? suggestMapping(row.headers, await rememberedMapping(ctx, id));
  const [written] =
    row.status === "queued" ? await ctx.tx.select().from(importProgress).where(eq(importProgress.importId, id)) : [];
  const job = running.get(id) ?? (written ? { done: written.done, total: written.total } : undefined);
  // Queued and never started is waiting for a process that runs jobs; started and silent since is interrupted.
  const interrupted =
    row.status === "queued" && !running.has(id) && !!written && Date.now() - written.updatedAt.getTime() > STALLED_MS;
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
