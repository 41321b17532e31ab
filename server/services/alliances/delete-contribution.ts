import { and, eq, sql } from "drizzle-orm";
import { allianceContributions } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { recordChange } from "./record-change";

/** Removes a ledger entry recorded for this workspace's party or a named partner. Permission: alliances.write. Audited. */
export async function deleteContribution(ctx: WorkspaceContext, input: { allianceId: string; contributionId: string }) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [removed] = await ctx.tx
    .delete(allianceContributions)
    .where(
      and(
        eq(allianceContributions.id, input.contributionId),
        eq(allianceContributions.allianceId, input.allianceId),
        sql`exists (select 1 from alliance_parties p where p.id = ${allianceContributions.partyId} and (p.workspace_id is null or p.workspace_id = ${ctx.workspaceId}))`,
      ),
    )
    .returning();
  if (!removed) throw new AppError("NOT_FOUND", "errors.contribution.notFound");
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "contribution.delete",
    detail: { kind: removed.kind, quantity: removed.quantity, unit: removed.unit },
    before: {
      kind: removed.kind,
      quantity: removed.quantity,
      unit: removed.unit,
      valueCents: removed.valueCents,
      occurredOn: removed.occurredOn,
    },
  });
}
