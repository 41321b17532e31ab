import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { AppError } from "../../errors";
import type { ServiceContext } from "../context";
import { hashInvitationToken } from "../members/tokens";

/**
 * Reads the co-ownership invitation a token stands for (through app_party_invitation_preview,
 * which the token hash unlocks) and says whether it is pending, expired, withdrawn or accepted.
 */
export async function readInvitation(ctx: ServiceContext, token: string) {
  await ctx.tx.execute(sql`select set_config('app.invitation_token_hash', ${hashInvitationToken(token)}, true)`);
  const [row] = resultRows<{
    party_id: string;
    alliance_id: string;
    title: string;
    organisation_id: string;
    organisation_name: string;
    invited_by: string | null;
    invited_email: string | null;
    expires_at: Date | string | null;
    status: string;
    workspace_id: string | null;
  }>(await ctx.tx.execute(sql`select * from app_party_invitation_preview()`));
  if (!row) throw new AppError("NOT_FOUND", "errors.invitation.invalid");
  const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
  const status =
    row.status === "accepted" && row.workspace_id
      ? ("accepted" as const)
      : row.status !== "invited"
        ? ("withdrawn" as const)
        : expiresAt && expiresAt <= new Date()
          ? ("expired" as const)
          : ("pending" as const);
  return { row, status, expiresAt };
}
