import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { allianceParties, organisations } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { consentCovers, effectiveAudience } from "../../../domain/audience";

/** Who was asked, who agreed, and what holds now. Permission: alliances.read. */
export async function getAudience(ctx: WorkspaceContext, allianceId: string) {
  const core = await loadAllianceCore(ctx, allianceId);
  const rows = await ctx.tx
    .select({
      partyId: allianceParties.id,
      name: organisations.name,
      audience: allianceParties.audienceConsent,
      revision: allianceParties.consentRevision,
      consentAt: allianceParties.consentAt,
      isMine: sql<boolean>`${allianceParties.workspaceId} = ${ctx.workspaceId}`,
    })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(
      and(
        eq(allianceParties.allianceId, allianceId),
        eq(allianceParties.status, "accepted"),
        isNotNull(allianceParties.workspaceId),
      ),
    )
    .orderBy(asc(organisations.name));
  const parties = rows.map((r) => ({
    ...r,
    agrees: core.requestedAudience !== "parties" && consentCovers(core.requestedAudience, core.publicRevision, r),
  }));
  return {
    requested: core.requestedAudience,
    revision: core.publicRevision,
    effective: effectiveAudience(core.requestedAudience, core.publicRevision, rows),
    parties,
  };
}
