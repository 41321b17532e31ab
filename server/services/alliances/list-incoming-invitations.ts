import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import type { WorkspaceContext } from "../context";

/** Invitations to co-own alliances waiting for this workspace's answer (title and inviter only). */
export async function listIncomingInvitations(ctx: WorkspaceContext) {
  return resultRows<{
    party_id: string;
    alliance_id: string;
    title: string;
    role: string;
    invited_by: string | null;
    invited_at: Date | string | null;
    inviter_verified: boolean;
  }>(await ctx.tx.execute(sql`select * from app_incoming_party_invitations()`)).map((r) => ({
    partyId: r.party_id,
    allianceId: r.alliance_id,
    title: r.title,
    role: r.role,
    invitedBy: r.invited_by,
    invitedAt: r.invited_at ? new Date(r.invited_at) : null,
    /** Whether the inviting workspace is verified for the organisation it speaks for. */
    inviterVerified: Boolean(r.inviter_verified),
  }));
}
