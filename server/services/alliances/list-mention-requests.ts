import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import type { WorkspaceContext } from "../context";

/**
 * Alliances asking for the public library that name this workspace's organisation as a partner
 * without it co-owning them: it is asked before being named there. Only a workspace
 * verified for the organisation sees them. Permission: alliances.read.
 */
export async function listMentionRequests(ctx: WorkspaceContext) {
  return resultRows<{
    party_id: string;
    alliance_id: string;
    title: string;
    summary: string | null;
    role: string;
    declared_by: string | null;
  }>(await ctx.tx.execute(sql`select * from app_incoming_mention_requests()`)).map((r) => ({
    partyId: r.party_id,
    allianceId: r.alliance_id,
    title: r.title,
    summary: r.summary,
    role: r.role,
    declaredBy: r.declared_by,
  }));
}
