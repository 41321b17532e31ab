import { eq, sql } from "drizzle-orm";
import { allianceSdgClaims, allianceSdgTargets } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "./access";
import { compareSdgTargets } from "../../../domain/sdg";

/**
 * Per SDG target of the alliance: the share this workspace claims and what the other parties
 * claim together (so the total stays within 100 % and the alliance counts once across
 * workspaces). Permission: alliances.read.
 */
export async function getSdgClaims(ctx: WorkspaceContext, allianceId: string) {
  await requireAllianceParty(ctx, allianceId);
  const targets = await ctx.tx
    .select({ target: allianceSdgTargets.target, goal: allianceSdgTargets.goal })
    .from(allianceSdgTargets)
    .where(eq(allianceSdgTargets.allianceId, allianceId))
    .orderBy(allianceSdgTargets.goal, allianceSdgTargets.target);
  targets.sort((a, b) => compareSdgTargets(a.target, b.target));
  const claims = await ctx.tx
    .select({
      target: allianceSdgClaims.target,
      mine: sql<number>`coalesce(sum(${allianceSdgClaims.sharePercent}) filter (where ${allianceSdgClaims.workspaceId} = ${ctx.workspaceId}), 0)::int`,
      others: sql<number>`coalesce(sum(${allianceSdgClaims.sharePercent}) filter (where ${allianceSdgClaims.workspaceId} <> ${ctx.workspaceId}), 0)::int`,
    })
    .from(allianceSdgClaims)
    .where(eq(allianceSdgClaims.allianceId, allianceId))
    .groupBy(allianceSdgClaims.target);
  const byTarget = new Map(claims.map((c) => [c.target, c]));
  return targets.map((t) => ({
    target: t.target,
    goal: t.goal,
    mine: byTarget.get(t.target)?.mine ?? 0,
    others: byTarget.get(t.target)?.others ?? 0,
  }));
}
