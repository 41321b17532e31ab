import { eq } from "drizzle-orm";
import { organisationClaims, organisations, workspaces } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { latestProConnectAssertion } from "../../auth/identity-assertions";

/**
 * The workspace's claim to speak for its organisation, and that organisation as the directory
 * knows it ("none" before any request). Permission: workspace.read.
 */
export async function getVerification(ctx: WorkspaceContext) {
  const [workspace] = await ctx.tx
    .select({ siren: workspaces.siren, rna: workspaces.rna, organisationId: workspaces.organisationId })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const [claim] = await ctx.tx
    .select({
      status: organisationClaims.status,
      organisationId: organisationClaims.organisationId,
      organisationName: organisations.name,
      note: organisationClaims.note,
      method: organisationClaims.method,
      requestedAt: organisationClaims.requestedAt,
      decidedAt: organisationClaims.decidedAt,
    })
    .from(organisationClaims)
    .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId))
    .where(eq(organisationClaims.workspaceId, ctx.workspaceId));
  // A claim made for the organisation the workspace had before its identifiers changed no longer holds.
  const current =
    claim && (!workspace?.organisationId || claim.organisationId === workspace.organisationId) ? claim : null;
  // The reader's own latest ProConnect sign-in, and whether its SIRET is of this workspace's SIREN.
  const assertion = await latestProConnectAssertion(ctx.tx, ctx.actor.userId);
  return {
    status: current?.status ?? ("none" as const),
    organisationName: current?.organisationName ?? null,
    note: current?.note ?? null,
    method: current?.method ?? null,
    requestedAt: current?.requestedAt ?? null,
    decidedAt: current?.decidedAt ?? null,
    hasIdentifier: Boolean(workspace?.siren || workspace?.rna),
    siren: workspace?.siren ?? null,
    proconnect: assertion
      ? {
          siret: assertion.siret,
          acr: assertion.acr,
          assertedAt: assertion.assertedAt,
          matches: Boolean(assertion.siret && workspace?.siren && assertion.siret.startsWith(workspace.siren)),
        }
      : null,
  };
}
