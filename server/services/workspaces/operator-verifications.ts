import { desc, eq, sql } from "drizzle-orm";
import { organisationClaims, organisations, workspaces } from "../../../db/schema";
import type { ServiceContext } from "../context";
import { asOperator } from "../territories/access";

/** Every claim, requested first, with the workspace, the organisation and any other workspace verified for it. Operators only. */
export async function operatorVerifications(ctx: ServiceContext) {
  await asOperator(ctx);
  return ctx.tx
    .select({
      id: organisationClaims.id,
      status: organisationClaims.status,
      note: organisationClaims.note,
      requestedAt: organisationClaims.requestedAt,
      decidedBy: organisationClaims.decidedBy,
      workspaceName: workspaces.name,
      workspaceKind: workspaces.kind,
      organisationName: organisations.name,
      siren: organisations.siren,
      rna: organisations.rna,
      verifiedElsewhere: sql<
        string | null
      >`(select w.name from organisation_claims o join workspaces w on w.id = o.workspace_id
        where o.organisation_id = ${organisationClaims.organisationId} and o.status = 'verified' and o.id <> ${organisationClaims.id} limit 1)`,
    })
    .from(organisationClaims)
    .innerJoin(workspaces, eq(workspaces.id, organisationClaims.workspaceId))
    .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId))
    .orderBy(sql`${organisationClaims.status} = 'requested' desc`, desc(organisationClaims.requestedAt))
    .limit(200);
}
