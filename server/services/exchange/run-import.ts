import { and, eq, sql } from "drizzle-orm";
import type { Database, Db } from "../../../db/client";
import { allianceImports, importProgress, memberships } from "../../../db/schema";
import { withScope } from "../../../db/scope";
import { can } from "../../../domain/roles";
import { AppError } from "../../errors";
import { drainQueue, enqueue, type OneOffJob } from "../../jobs/queue";
import { jobAsker, settleFailedAttempt, type WorkspaceJobAsker } from "../../jobs/workspace-job";
import { INSTANCE_ID, type Logger } from "../../log";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import type { Mailer } from "../mail/mailer";
import { planImport } from "./import-plan";
import type { Decisions, Mapping } from "./import-types";
import { applyImport } from "./import-writer";
import { loadImport } from "./access";

/** The queue imports run on (server/jobs/queue.ts: retried twice, taken as stuck after 2 minutes). */
export const IMPORT_QUEUE = "import";

/** What an import's job carries: which import, and who asked for it, in which language. */
export interface ImportJobData extends WorkspaceJobAsker {
  importId: string;
}

/** How far the imports running in this process are (the embedded database sees no other). */
export const running = new Map<string, { done: number; total: number }>();

/** Enqueues an import in the transaction that marks it queued: asked for and queued together, or neither. */
export async function enqueueImport(ctx: WorkspaceContext, importId: string) {
  const data: ImportJobData = { importId, ...jobAsker(ctx) };
  return enqueue(ctx.tx, IMPORT_QUEUE, data);
}

/**
 * Writes a running import's progress in transactions of its own, at most every half second and
 * one at a time (never awaited by the import: on the embedded database it waits for the import's
 * own transaction to end, having one connection).
 */
function progressWriter(db: Db, data: ImportJobData) {
  let last = 0;
  let pending = false;
  return (done: number, total: number, force = false) => {
    const now = Date.now();
    if (pending || (!force && now - last < 500)) return;
    last = now;
    pending = true;
    void withScope(db, { userId: data.actor.userId, workspaceId: data.workspaceId }, (tx) =>
      tx
        .insert(importProgress)
        .values({ importId: data.importId, workspaceId: data.workspaceId, done, total, instance: INSTANCE_ID })
        .onConflictDoUpdate({
          target: importProgress.importId,
          set: { done, total, instance: INSTANCE_ID, updatedAt: sql`now()` },
        }),
    )
      .catch(() => {
        // Progress is a courtesy: the import goes on without it.
      })
      .finally(() => (pending = false));
  };
}

/**
 * Runs a queued import in its own transaction: all rows or none. The import row is locked, so a
 * second run of the same import (a retry after a run taken as stuck) waits and then finds it
 * done; the plan is computed again inside the transaction, so it matches the directory and
 * alliances as they are now. A refusal (the person may no longer write, the file no longer
 * fits) marks the import failed with its reason and is not retried; any other failure is thrown
 * back to the queue, which retries it, and marks it failed on the last attempt. Nothing of a
 * failed run was written.
 */
export async function runImport(
  db: Db,
  data: ImportJobData,
  deps: { log: Logger; mailer: Mailer; lastAttempt: boolean },
): Promise<void> {
  const scope = { userId: data.actor.userId, workspaceId: data.workspaceId };
  const progress = { done: 0, total: 0 };
  running.set(data.importId, progress);
  const writeProgress = progressWriter(db, data);
  const log = deps.log.child({ importId: data.importId, requestId: data.requestId });
  const markFailed = (key: string) =>
    withScope(db, scope, (tx) =>
      tx
        .update(allianceImports)
        .set({ status: "failed", error: key, updatedAt: new Date() })
        .where(eq(allianceImports.id, data.importId)),
    ).catch((e: unknown) => log.error({ err: e }, "could not mark the import failed"));
  try {
    await withScope(db, scope, async (tx) => {
      const ctx: WorkspaceContext = {
        tx,
        workspaceId: data.workspaceId,
        role: data.role,
        actor: data.actor,
        requestId: data.requestId,
        locale: data.locale,
        appUrl: data.appUrl,
        log,
        mailer: deps.mailer,
      };
      const [member] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, ctx.actor.userId)));
      if (!member || !can(member.role, "alliances.write")) throw new AppError("FORBIDDEN", "errors.trpc.FORBIDDEN");
      // Locked: a second run of the same import waits here, then finds it done.
      const current = await loadImport(ctx, data.importId, true);
      if (current.status === "done") return;
      progress.total = current.rows.length;
      writeProgress(0, progress.total, true);
      const plan = await planImport(
        ctx,
        current,
        (current.mapping ?? []) as Mapping,
        (current.decisions ?? {}) as Decisions,
      );
      const result = await applyImport(ctx, plan, data.importId, (done, total) => {
        progress.done = done;
        progress.total = total;
        writeProgress(done, total);
      });
      await tx
        .update(allianceImports)
        .set({ status: "done", result: { ...result }, error: null, finishedAt: new Date(), updatedAt: new Date() })
        .where(eq(allianceImports.id, data.importId));
      await recordAudit(ctx, {
        action: "import.run",
        entityType: "alliance_import",
        entityId: data.importId,
        after: { fileName: current.fileName, ...result },
      });
    });
  } catch (error) {
    await settleFailedAttempt(error, {
      log,
      what: "import",
      lastAttempt: deps.lastAttempt,
      failedKey: "errors.import.failed",
      markFailed,
    });
  } finally {
    running.delete(data.importId);
  }
}

/** The import queue's worker, for the processes that run jobs. */
export function importJob(deps: { log: Logger; mailer: Mailer }): OneOffJob<ImportJobData> {
  return {
    name: IMPORT_QUEUE,
    failure: "import failed",
    run: (db, data, attempt) => runImport(db, data, { ...deps, lastAttempt: attempt.last }),
  };
}

/** Runs, in this process, every import waiting in the queue (tests and the import benchmark). */
export function runQueuedImports(database: Database, deps: { log: Logger; mailer: Mailer }) {
  return drainQueue(database, importJob(deps), deps.log);
}
