import { and, eq, isNotNull, ne } from "drizzle-orm";
import { allianceParties, alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";

/**
 * Deletes an alliance and all its details for good. Only admins and owners; the page asks for
 * confirmation. The audit row keeps its title. Permission: alliances.delete.
 */
export async function deleteAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  // A party cannot take a co-owned alliance away from the others: it leaves it instead.
  const others = await ctx.tx
    .select({ id: allianceParties.id })
    .from(allianceParties)
    .where(
      and(
        eq(allianceParties.allianceId, id),
        eq(allianceParties.status, "accepted"),
        isNotNull(allianceParties.workspaceId),
        ne(allianceParties.workspaceId, ctx.workspaceId),
      ),
    );
  if (others.length > 0) throw new AppError("CONFLICT", "errors.alliance.coOwnedDelete");
  await ctx.tx.delete(alliances).where(eq(alliances.id, id));
  await recordAudit(ctx, {
    action: "alliance.delete",
    entityType: "alliance",
    entityId: id,
    before: { title: core.title, stage: core.stage },
  });
}
