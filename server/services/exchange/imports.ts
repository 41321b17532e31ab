import { and, desc, eq, isNotNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { allianceImports, memberships } from "../../../db/schema";
import { withScope } from "../../../db/scope";
import { ALLIANCE_COLUMNS } from "../../../domain/exchange";
import { normalizeHeader, suggestMapping } from "../../../domain/import";
import { ORGANISATION_KINDS } from "../../../domain/identifiers";
import { can } from "../../../domain/roles";
import { AppError } from "../../errors";
import { translateKey } from "../../i18n/translate";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { planImport } from "./import-plan";
import type { Decisions, Mapping } from "./import-types";
import { applyImport } from "./import-writer";
import { MAX_IMPORT_BYTES, readTable } from "./read-table";

const fieldKeys = ALLIANCE_COLUMNS.map((c) => c.key) as [string, ...string[]];

export const UploadImportInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes, base64-encoded. */
  content: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, { message: "errors.import.tooLarge" }),
});
export const ImportIdInput = z.object({ id: z.uuid() });
export const PreviewImportInput = z.object({
  id: z.uuid(),
  mapping: z.array(z.enum(fieldKeys).nullable()).max(200),
  decisions: z
    .record(
      z.string().max(300),
      z.union([z.object({ organisationId: z.uuid() }), z.object({ create: z.enum(ORGANISATION_KINDS) })]),
    )
    .default({}),
});

/** How far the running imports of this process are (rows written out of the file's). */
const running = new Map<string, { done: number; total: number; promise: Promise<void> }>();

/** The promise of an import running in this process, for whoever must wait for it (tests, scripts). */
export function runningImport(id: string): Promise<void> | undefined {
  return running.get(id)?.promise;
}

async function loadImport(ctx: WorkspaceContext, id: string, lock = false) {
  const query = ctx.tx
    .select()
    .from(allianceImports)
    .where(and(eq(allianceImports.id, id), eq(allianceImports.workspaceId, ctx.workspaceId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("NOT_FOUND", "errors.import.notFound");
  return row;
}

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

export interface ImportJob {
  importId: string;
  context: Omit<WorkspaceContext, "tx">;
}

/**
 * Runs a queued import in its own transaction: all rows or none. The import row is locked, so a
 * second run of the same import waits and then finds it done; the plan is computed again inside
 * the transaction, so it matches the directory and alliances as they are now. On failure the
 * import is marked failed (with the reason) and can be retried; nothing of it was written.
 */
export function startImportJob(db: Db, job: ImportJob): Promise<void> {
  const existing = running.get(job.importId);
  if (existing) return existing.promise;
  const progress = { done: 0, total: 0, promise: Promise.resolve() };
  const scope = { userId: job.context.actor.userId, workspaceId: job.context.workspaceId };
  progress.promise = (async () => {
    try {
      await withScope(db, scope, async (tx) => {
        const ctx: WorkspaceContext = { ...job.context, tx };
        const [member] = await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, ctx.actor.userId)));
        if (!member || !can(member.role, "alliances.write")) throw new AppError("FORBIDDEN", "errors.trpc.FORBIDDEN");
        // Locked: a second run of the same import waits here, then finds it done.
        const current = await loadImport(ctx, job.importId, true);
        if (current.status === "done") return;
        progress.total = current.rows.length;
        const plan = await planImport(
          ctx,
          current,
          (current.mapping ?? []) as Mapping,
          (current.decisions ?? {}) as Decisions,
        );
        const result = await applyImport(ctx, plan, job.importId, (done, total) => {
          progress.done = done;
          progress.total = total;
        });
        await tx
          .update(allianceImports)
          .set({ status: "done", result: { ...result }, error: null, finishedAt: new Date(), updatedAt: new Date() })
          .where(eq(allianceImports.id, job.importId));
        await recordAudit(ctx, {
          action: "import.run",
          entityType: "alliance_import",
          entityId: job.importId,
          after: { fileName: current.fileName, ...result },
        });
      });
    } catch (error) {
      const key = error instanceof AppError ? error.messageKey : "errors.import.failed";
      job.context.log.error({ err: error, importId: job.importId }, "import failed");
      await withScope(db, scope, (tx) =>
        tx
          .update(allianceImports)
          .set({ status: "failed", error: key, updatedAt: new Date() })
          .where(eq(allianceImports.id, job.importId)),
      ).catch((e: unknown) => job.context.log.error({ err: e }, "could not mark the import failed"));
    } finally {
      running.delete(job.importId);
    }
  })();
  running.set(job.importId, progress);
  return progress.promise;
}

/** The workspace's recent uploads, newest first. Permission: alliances.write. */
export async function listImports(ctx: WorkspaceContext) {
  return ctx.tx
    .select({
      id: allianceImports.id,
      fileName: allianceImports.fileName,
      status: allianceImports.status,
      result: allianceImports.result,
      createdAt: allianceImports.createdAt,
      finishedAt: allianceImports.finishedAt,
    })
    .from(allianceImports)
    .where(eq(allianceImports.workspaceId, ctx.workspaceId))
    .orderBy(desc(allianceImports.createdAt))
    .limit(20);
}
