import { eq } from "drizzle-orm";
import { alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./get-alliance";

/** Archives an alliance: it leaves the default list but keeps everything. Permission: alliances.write. Audited. */
export async function archiveAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  if (core.archivedAt) throw new AppError("CONFLICT", "errors.alliance.alreadyArchived");
  const archivedAt = new Date();
  await ctx.tx.update(alliances).set({ archivedAt, updatedAt: archivedAt }).where(eq(alliances.id, id));
  await recordAudit(ctx, { action: "alliance.archive", entityType: "alliance", entityId: id, before: { archivedAt: null }, after: { archivedAt } });
}

/** Brings an archived alliance back into the list. Permission: alliances.write. Audited. */
export async function restoreAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  if (!core.archivedAt) throw new AppError("CONFLICT", "errors.alliance.notArchived");
  await ctx.tx.update(alliances).set({ archivedAt: null, updatedAt: new Date() }).where(eq(alliances.id, id));
  await recordAudit(ctx, { action: "alliance.restore", entityType: "alliance", entityId: id, before: { archivedAt: core.archivedAt }, after: { archivedAt: null } });
}

/**
 * Deletes an alliance and all its details for good. Only admins and owners; the page asks for
 * confirmation. The audit row keeps its title. Permission: alliances.delete.
 */
export async function deleteAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  await ctx.tx.delete(alliances).where(eq(alliances.id, id));
  await recordAudit(ctx, { action: "alliance.delete", entityType: "alliance", entityId: id, before: { title: core.title, stage: core.stage } });
}
