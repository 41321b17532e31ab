import { eq } from "drizzle-orm";
import { alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { recordChange } from "./record-change";

/** Archives an alliance: it leaves the default list but keeps everything. Permission: alliances.write. Audited. */
export async function archiveAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  if (core.archivedAt) throw new AppError("CONFLICT", "errors.alliance.alreadyArchived");
  const archivedAt = new Date();
  await ctx.tx.update(alliances).set({ archivedAt, updatedAt: archivedAt }).where(eq(alliances.id, id));
  await recordChange(ctx, {
    allianceId: id,
    title: core.title,
    action: "alliance.archive",
    before: { archivedAt: null },
    after: { archivedAt },
  });
}
