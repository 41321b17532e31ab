import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, exportJobs, memberships } from "../../db/schema";
import { withScope } from "../../db/scope";
import { logger } from "../../server/log";
import { runQueuedExports } from "../../server/services/exchange/export-jobs";
import { callerFor, RecordingMailer } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const database = await openTestDatabase();
const { db } = database;
const deps = { log: logger().child({ test: "export-jobs" }), mailer: new RecordingMailer() };

describe("exports built by a job", () => {
  it("builds the filtered list once asked, keeps it for the person who asked, and says where it is", async () => {
    const f = await createWorkspaceWithRoles(db);
    const ws = f.workspace.slug;
    const editor = callerFor(db, f.users.editor);
    await editor.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({ title: "Épicerie solidaire", sdgTargets: [{ target: "2.1", isPrimary: true }] }),
    });
    await editor.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({ title: "Achats responsables", sdgTargets: [{ target: "12.7", isPrimary: true }] }),
    });

    const { id } = await editor.exports.request({
      workspaceSlug: ws,
      kind: "alliances",
      format: "csv",
      filters: { sdgGoal: 2 },
    });
    // Asked: its row waits with its job, and the request is in the journal.
    expect(await editor.exports.get({ workspaceSlug: ws, id })).toMatchObject({ status: "queued", kind: "alliances" });
    expect(await rejection(editor.exports.file({ workspaceSlug: ws, id }))).toMatchObject({
      code: "CONFLICT",
      message: "errors.export.notReady",
    });
    const jobs = await sqlRows<{ n: number }>(
      db.execute(sql`select count(*)::int as n from pgboss.job where name = 'export' and data->>'exportId' = ${id}`),
    );
    expect(jobs[0]!.n).toBe(1);
    const [audit] = await db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, f.workspace.id), eq(auditEvents.entityId, id)));
    expect(audit).toMatchObject({ action: "export.request", after: { kind: "alliances", format: "csv" } });

    // Built by whichever process runs jobs: the list as the filters keep it.
    expect(await runQueuedExports(database, deps)).toBeGreaterThanOrEqual(1);
    const done = await editor.exports.get({ workspaceSlug: ws, id });
    expect(done).toMatchObject({ status: "done", rowCount: 1, fileName: `alliances-${ws}.csv`, error: null });
    const file = await editor.exports.file({ workspaceSlug: ws, id });
    const csv = Buffer.from(file.content, "base64").toString("utf8");
    expect(csv).toContain("Référence;Titre;");
    expect(csv).toContain("Épicerie solidaire");
    expect(csv).not.toContain("Achats responsables");
    expect(done.byteSize).toBe(Buffer.byteLength(csv));

    // Another member of the same workspace does not see it: in code and in the database.
    const owner = callerFor(db, f.users.owner);
    expect(await rejection(owner.exports.get({ workspaceSlug: ws, id }))).toMatchObject({
      code: "NOT_FOUND",
      message: "errors.export.notFound",
    });
    expect(await rejection(owner.exports.file({ workspaceSlug: ws, id }))).toMatchObject({ code: "NOT_FOUND" });
    const seen = await withScope(db, { userId: f.users.owner.id, workspaceId: f.workspace.id }, (tx) =>
      tx.select({ id: exportJobs.id }).from(exportJobs).where(eq(exportJobs.id, id)),
    );
    expect(seen).toEqual([]);

    // Another workspace's member: refused as a stranger.
    const other = await createWorkspaceWithRoles(db);
    const stranger = callerFor(db, other.users.owner);
    expect(await rejection(stranger.exports.get({ workspaceSlug: ws, id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(stranger.exports.get({ workspaceSlug: other.workspace.slug, id }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("builds the ledger and the directory as XLSX", async () => {
    const f = await createWorkspaceWithRoles(db);
    const ws = f.workspace.slug;
    const viewer = callerFor(db, f.users.viewer);
    await callerFor(db, f.users.owner).alliances.create({
      workspaceSlug: ws,
      ...allianceInput({
        title: "Jardin partagé",
        partners: [{ organisation: { name: "Les Potagers", kind: "association" }, role: "porteur" }],
      }),
    });
    const ledger = await viewer.exports.request({ workspaceSlug: ws, kind: "ledger", format: "xlsx" });
    const directory = await viewer.exports.request({ workspaceSlug: ws, kind: "organisations", format: "xlsx" });
    await runQueuedExports(database, deps);
    for (const [asked, sheet, name] of [
      [ledger.id, "Contributions", `contributions-${ws}.xlsx`],
      [directory.id, "Organisations", `organisations-${ws}.xlsx`],
    ] as const) {
      const file = await viewer.exports.file({ workspaceSlug: ws, id: asked });
      expect(file.fileName).toBe(name);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.content, "base64") as unknown as ArrayBuffer);
      expect(book.getWorksheet(sheet)).toBeDefined();
    }
    const directoryFile = await viewer.exports.file({ workspaceSlug: ws, id: directory.id });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(directoryFile.content, "base64") as unknown as ArrayBuffer);
    const cells = book.getWorksheet("Organisations")!.getSheetValues().flat().map(String);
    expect(cells).toContain("Les Potagers");
  });

  it("fails an export whose asker lost access before it ran, and writes no file", async () => {
    const f = await createWorkspaceWithRoles(db);
    const ws = f.workspace.slug;
    const viewer = callerFor(db, f.users.viewer);
    const { id } = await viewer.exports.request({ workspaceSlug: ws, kind: "alliances", format: "csv" });
    // Removed from the workspace: the job refuses, and never writes the file.
    await db
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, f.workspace.id), eq(memberships.userId, f.users.viewer.id)));
    await runQueuedExports(database, deps);
    const [row] = await db
      .select({ status: exportJobs.status, error: exportJobs.error, content: exportJobs.content })
      .from(exportJobs)
      .where(eq(exportJobs.id, id));
    expect(row).toEqual({ status: "failed", error: "errors.trpc.FORBIDDEN", content: null });
  });

  it("refuses bad input with a message a person reads", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const refused = await rejection(
      owner.exports.request({ workspaceSlug: f.workspace.slug, kind: "budget" as "alliances", format: "csv" }),
    );
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(owner.exports.get({ workspaceSlug: f.workspace.slug, id: "pas-un-id" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
