import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { allianceImports, memberships } from "../../../db/schema";
import { withScope } from "../../../db/scope";
import { can } from "../../../domain/roles";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { planImport } from "./import-plan";
import type { Decisions, Mapping } from "./import-types";
import { applyImport } from "./import-writer";
import { loadImport } from "./access";

/** How far the running imports of this process are (rows written out of the file's). */
export const running = new Map<string, { done: number; total: number; promise: Promise<void> }>();

/** The promise of an import running in this process, for whoever must wait for it (tests, scripts). */
export function runningImport(id: string): Promise<void> | undefined {
  return running.get(id)?.promise;
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
