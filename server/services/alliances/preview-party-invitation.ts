import { asc, eq, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { memberships, workspaces } from "../../../db/schema";
import type { ServiceContext } from "../context";
import { maskEmail } from "../../../domain/mask-email";
import { readInvitation } from "./read-invitation";

/**
 * What the invitation page shows: the alliance's title, the organisation invited and whether a
 * workspace is verified for it, who invites, the address, its state, and which of the reader's
 * workspaces could accept (those it
 * administers that are this organisation's, or have no organisation yet). Permission: signed in.
 */
export async function previewPartyInvitation(ctx: ServiceContext, token: string) {
  const { row, status, expiresAt } = await readInvitation(ctx, token);
  const [verified] = resultRows<{ verified: boolean }>(
    await ctx.tx.execute(sql`select app_workspace_of_organisation(${row.organisation_id}) is not null as verified`),
  );
  const mine = await ctx.tx
    .select({
      slug: workspaces.slug,
      name: workspaces.name,
      organisationId: workspaces.organisationId,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, ctx.actor.userId))
    .orderBy(asc(workspaces.name));
  return {
    title: row.title,
    organisationName: row.organisation_name,
    /** Whether a workspace here is verified for the invited organisation (the page says so when none is). */
    organisationVerified: verified?.verified ?? false,
    invitedBy: row.invited_by,
    // Masked unless the reader is the invitee: a forwarded link does not give the address away.
    email:
      row.invited_email && row.invited_email.toLowerCase() !== ctx.actor.email.toLowerCase()
        ? maskEmail(row.invited_email)
        : row.invited_email,
    emailMatches: (row.invited_email ?? "").toLowerCase() === ctx.actor.email.toLowerCase(),
    expiresAt,
    status,
    candidates: mine
      .filter(
        (w) =>
          (w.role === "owner" || w.role === "admin") &&
          (w.organisationId === null || w.organisationId === row.organisation_id),
      )
      .map((w) => ({ slug: w.slug, name: w.name, isOrganisation: w.organisationId === row.organisation_id })),
  };
}
