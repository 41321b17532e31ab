import { eq, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { workspaces } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import type { WorkspaceContext } from "../context";
import { maskEmail } from "../../../domain/mask-email";
import { recordChange } from "./record-change";
import { readInvitation } from "./read-invitation";

/**
 * Accepts an email invitation for the given workspace: the database function checks the
 * token, expiry, address, the person's admin role and the workspace's organisation, and links
 * a workspace that has no organisation yet to the invited one. Permission: alliances.share
 * (in the accepting workspace). Audited there; the other parties are told.
 */
export async function acceptPartyInvitation(ctx: WorkspaceContext, token: string) {
  const { row, status } = await readInvitation(ctx, token);
  if (status === "expired") throw new AppError("CONFLICT", "errors.share.invitationExpired");
  if (status !== "pending") throw new AppError("NOT_FOUND", "errors.invitation.invalid");
  if ((row.invited_email ?? "").toLowerCase() !== ctx.actor.email.toLowerCase())
    throw new AppError("FORBIDDEN", "errors.share.wrongEmail", { email: maskEmail(row.invited_email ?? "") });
  const [ws] = await ctx.tx
    .select({ organisationId: workspaces.organisationId })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  if (ws?.organisationId && ws.organisationId !== row.organisation_id)
    throw new AppError("FORBIDDEN", "errors.share.otherOrganisation", { organisation: row.organisation_name });
  let allianceId: string;
  try {
    const [accepted] = resultRows<{ id: string }>(
      await ctx.tx.execute(sql`select app_accept_party_invitation(${ctx.workspaceId}) as id`),
    );
    allianceId = accepted!.id;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.share.alreadyCoOwner");
    throw error;
  }
  await recordChange(ctx, {
    allianceId,
    title: row.title,
    action: "share.accept",
    notify: "share.accepted",
    after: { organisation: row.organisation_name },
    event: {
      type: "invitation.accepted",
      data: { alliance: { id: allianceId, title: row.title }, organisation: row.organisation_name },
    },
  });
  return { allianceId };
}
