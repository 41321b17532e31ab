import { and, eq } from "drizzle-orm";
import { allianceParties, organisations } from "../../../db/schema";
import { suggestTools, type ToolLanguage } from "../../../domain/toolbox";
import { loadAllianceCore } from "../alliances/access";
import type { WorkspaceContext } from "../context";
import { listTools } from "./list-tools";

/**
 * The tools for an alliance's current step ("Outils pour cette étape"): those serving its
 * lifecycle stage, preferring its entry doors and its parties' kinds of organisation. Tenant:
 * the alliance must be reachable by the workspace (NOT_FOUND otherwise); the workspace's own
 * tools are suggested too. Permission: alliances.read.
 */
export async function suggestToolsForAlliance(ctx: WorkspaceContext, allianceId: string, locale: ToolLanguage) {
  const core = await loadAllianceCore(ctx, allianceId);
  const parties = await ctx.tx
    .select({ kind: organisations.kind })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(and(eq(allianceParties.allianceId, allianceId), eq(allianceParties.status, "accepted")));
  return suggestToolsFor(
    ctx,
    { stage: core.stage, entryDoors: core.entryDoors, partyKinds: parties.map((p) => p.kind) },
    locale,
  );
}

/**
 * The same suggestions for an alliance already read (the alliance page has its stage, entry doors
 * and accepted parties' kinds in hand): only the tools are read. Permission: alliances.read.
 */
export async function suggestToolsFor(
  ctx: WorkspaceContext,
  alliance: Parameters<typeof suggestTools>[1],
  locale: ToolLanguage,
) {
  const tools = await listTools(ctx.tx, {}, ctx.workspaceId, locale);
  return suggestTools(tools, alliance);
}
