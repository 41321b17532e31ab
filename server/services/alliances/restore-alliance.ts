import { eq } from "drizzle-orm";
import { alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { recordChange } from "./record-change";

/** Brings an archived alliance back into the list. Permission: alliances.write. Audited. */
export async function restoreAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  if (!core.archivedAt) throw new AppError("CONFLICT", "errors.alliance.notArchived");
  await ctx.tx.update(alliances).set({ archivedAt: null, updatedAt: new Date() }).where(eq(alliances.id, id));
  await recordChange(ctx, {
    allianceId: id,
    title: core.title,
    action: "alliance.restore",
    before: { archivedAt: core.archivedAt },
    after: { archivedAt: null },
  });
}
