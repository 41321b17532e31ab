import { and, eq, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Db } from "../../../db/client";
import { exportJobs, memberships } from "../../../db/schema";
import { withScope } from "../../../db/scope";
import { can, type Permission } from "../../../domain/roles";
import type { Locale } from "../../../messages/locales";
import { AppError } from "../../errors";
import { translateKey } from "../../i18n/translate";
import { alliancesCsv, alliancesXlsx } from "../../files/alliances-export";
import { tableCsv, tableXlsx } from "../../files/export-table";
import { drainQueue, enqueue, type OneOffJob } from "../../jobs/queue";
import { jobAsker, settleFailedAttempt, type WorkspaceJobAsker } from "../../jobs/workspace-job";
import { INSTANCE_ID, type Logger } from "../../log";
import { exportAllianceRows } from "../alliances/export-alliances";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import type { Mailer } from "../mail/mailer";
import { contributionLedger } from "./contribution-ledger";
import { organisationDirectory } from "./organisation-directory";
import { ExportFilters, type ExportKind, type RequestExportInput } from "./schemas";

/** The queue exports run on (server/jobs/queue.ts). */
export const EXPORT_QUEUE = "export";

/** A built file is kept this long, then removed when its owner asks for another. */
export const EXPORT_KEPT_MS = 24 * 60 * 60_000;

/** What reading the kind of export needs, checked when asked and again when built. */
const NEEDS: Record<ExportKind, Permission> = {
  alliances: "alliances.read",
  ledger: "alliances.read",
  organisations: "organisations.read",
};

const BASE_NAME: Record<ExportKind, string> = {
  alliances: "alliances",
  ledger: "contributions",
  organisations: "organisations",
};

/** What an export's job carries: which export, and who asked for it. */
export interface ExportJobData extends WorkspaceJobAsker {
  exportId: string;
}

/**
 * Asks for an export: its row and its job are written in one transaction, so both exist or
 * neither. The person's exports older than a day are removed at the same time. Permission: what
 * reading the exported table needs. Tenant: the row belongs to the workspace and the person.
 */
export async function requestExport(
  ctx: WorkspaceContext,
  workspaceSlug: string,
  input: z.infer<typeof RequestExportInput>,
): Promise<{ id: string }> {
  if (!can(ctx.role, NEEDS[input.kind])) throw new AppError("FORBIDDEN", "errors.trpc.FORBIDDEN");
  await ctx.tx
    .delete(exportJobs)
    .where(
      and(
        eq(exportJobs.workspaceId, ctx.workspaceId),
        eq(exportJobs.requestedBy, ctx.actor.userId),
        lt(exportJobs.createdAt, new Date(Date.now() - EXPORT_KEPT_MS)),
      ),
    );
  const [row] = await ctx.tx
    .insert(exportJobs)
    .values({
      workspaceId: ctx.workspaceId,
      requestedBy: ctx.actor.userId,
      kind: input.kind,
      format: input.format,
      filters: input.kind === "organisations" ? {} : (input.filters as Record<string, unknown>),
      locale: ctx.locale,
      fileName: `${BASE_NAME[input.kind]}-${workspaceSlug}.${input.format}`,
    })
    .returning({ id: exportJobs.id });
  const data: ExportJobData = { exportId: row!.id, ...jobAsker(ctx) };
  await enqueue(ctx.tx, EXPORT_QUEUE, data);
  await recordAudit(ctx, {
    action: "export.request",
    entityType: "export",
    entityId: row!.id,
    after: { kind: input.kind, format: input.format, filters: input.filters },
  });
  return { id: row!.id };
}

/** One export, if it is this person's in this workspace (row-level security says the same). */
const askedBy = (ctx: WorkspaceContext, id: string) =>
  and(eq(exportJobs.id, id), eq(exportJobs.workspaceId, ctx.workspaceId), eq(exportJobs.requestedBy, ctx.actor.userId));

/** One of the person's exports: where it is, and its file's name and size once built. */
export async function getExport(ctx: WorkspaceContext, id: string) {
  const [row] = await ctx.tx
    .select({
      id: exportJobs.id,
      kind: exportJobs.kind,
      format: exportJobs.format,
      status: exportJobs.status,
      error: exportJobs.error,
      fileName: exportJobs.fileName,
      byteSize: exportJobs.byteSize,
      rowCount: exportJobs.rowCount,
      createdAt: exportJobs.createdAt,
      finishedAt: exportJobs.finishedAt,
    })
    .from(exportJobs)
    .where(askedBy(ctx, id));
  if (!row) throw new AppError("NOT_FOUND", "errors.export.notFound");
  return { ...row, error: row.error ? translateKey(ctx.locale, row.error) : null };
}

/** A built export's bytes, for its download (the person's own, once done). */
export async function exportFile(ctx: WorkspaceContext, id: string) {
  const [row] = await ctx.tx
    .select({
      status: exportJobs.status,
      fileName: exportJobs.fileName,
      format: exportJobs.format,
      content: exportJobs.content,
    })
    .from(exportJobs)
    .where(askedBy(ctx, id));
  if (!row) throw new AppError("NOT_FOUND", "errors.export.notFound");
  if (row.status !== "done" || !row.content) throw new AppError("CONFLICT", "errors.export.notReady");
  return { fileName: row.fileName ?? `export.${row.format}`, format: row.format, content: row.content };
}

/** Builds the file of an export as the person who asked would read the table now. */
async function build(
  ctx: WorkspaceContext,
  kind: ExportKind,
  format: "csv" | "xlsx",
  filters: Record<string, unknown>,
) {
  const locale = ctx.locale;
  if (kind === "alliances") {
    const rows = await exportAllianceRows(ctx, ExportFilters.parse(filters));
    return {
      rows: rows.length,
      content: format === "xlsx" ? await alliancesXlsx(rows, locale) : alliancesCsv(rows, locale),
    };
  }
  const table =
    kind === "ledger"
      ? await contributionLedger(ctx, ExportFilters.parse(filters), locale)
      : await organisationDirectory(ctx, locale);
  const sheet = kind === "ledger" ? "Contributions" : "Organisations";
  return {
    rows: table.rows.length,
    content: format === "xlsx" ? await tableXlsx(table, locale, sheet) : tableCsv(table, locale),
  };
}

/**
 * Builds an export in one transaction, as the person who asked (their role read again: one who
 * lost access gets a refusal, not the file). A refusal marks it failed and is not retried; any
 * other failure goes back to the queue, which retries it and marks it failed on the last attempt.
 * A run cut by its process's death is taken again once its job expires, and builds it anew.
 */
export async function runExport(
  db: Db,
  data: ExportJobData,
  deps: { log: Logger; mailer: Mailer; lastAttempt: boolean },
): Promise<void> {
  const scope = { userId: data.actor.userId, workspaceId: data.workspaceId };
  const log = deps.log.child({ exportId: data.exportId, requestId: data.requestId });
  const mark = (values: Partial<typeof exportJobs.$inferInsert>) =>
    withScope(db, scope, (tx) => tx.update(exportJobs).set(values).where(eq(exportJobs.id, data.exportId)));
  const markFailed = (key: string) =>
    mark({ status: "failed", error: key, finishedAt: new Date() }).catch((e: unknown) =>
      log.error({ err: e }, "could not mark the export failed"),
    );
  try {
    await mark({ status: "running", startedAt: new Date(), instance: INSTANCE_ID, error: null });
    await withScope(db, scope, async (tx) => {
      const [row] = await tx.select().from(exportJobs).where(eq(exportJobs.id, data.exportId));
      if (!row || row.status === "done") return;
      const [member] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, data.workspaceId), eq(memberships.userId, data.actor.userId)));
      if (!member || !can(member.role, NEEDS[row.kind])) throw new AppError("FORBIDDEN", "errors.trpc.FORBIDDEN");
      const ctx: WorkspaceContext = {
        tx,
        workspaceId: data.workspaceId,
        role: member.role,
        actor: data.actor,
        requestId: data.requestId,
        locale: row.locale as Locale,
        appUrl: data.appUrl,
        log,
        mailer: deps.mailer,
      };
      const built = await build(ctx, row.kind, row.format, row.filters);
      const content = typeof built.content === "string" ? Buffer.from(built.content, "utf8") : built.content;
      await tx
        .update(exportJobs)
        .set({
          status: "done",
          content,
          byteSize: content.byteLength,
          rowCount: built.rows,
          finishedAt: sql`now()`,
        })
        .where(eq(exportJobs.id, data.exportId));
    });
  } catch (error) {
    await settleFailedAttempt(error, {
      log,
      what: "export",
      lastAttempt: deps.lastAttempt,
      failedKey: "errors.export.failed",
      markFailed,
    });
  }
}

/** The export queue's worker, for the processes that run jobs. */
export function exportJob(deps: { log: Logger; mailer: Mailer }): OneOffJob<ExportJobData> {
  return {
    name: EXPORT_QUEUE,
    failure: "export failed",
    run: (db, data, attempt) => runExport(db, data, { ...deps, lastAttempt: attempt.last }),
  };
}

/** Runs, in this process, every export waiting in the queue (tests). */
export function runQueuedExports(database: Database, deps: { log: Logger; mailer: Mailer }) {
  return drainQueue(database, exportJob(deps), deps.log);
}
