import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { allianceParties, alliances, organisations, workspaceOrganisations } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { reachableByWorkspace } from "../alliances/access";

/**
 * The organisations this workspace works with: the partners of its alliances and those it
 * keeps notes on, with how many of its alliances each is part of. Tenant: ctx.workspaceId.
 */
export async function listWorkspaceOrganisations(ctx: WorkspaceContext) {
  const inMyAlliances = ctx.tx
    .select({ organisationId: allianceParties.organisationId, alliances: count().as("alliances") })
    .from(allianceParties)
    .innerJoin(alliances, eq(alliances.id, allianceParties.allianceId))
    .where(
      and(
        reachableByWorkspace(ctx.workspaceId),
        sql`${allianceParties.workspaceId} is distinct from ${ctx.workspaceId}`,
      ),
    )
    .groupBy(allianceParties.organisationId)
    .as("mine");
  return ctx.tx
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      siren: organisations.siren,
      rna: organisations.rna,
      alliances: sql<number>`coalesce(${inMyAlliances.alliances}, 0)::int`,
      tags: workspaceOrganisations.tags,
    })
    .from(organisations)
    .leftJoin(inMyAlliances, eq(inMyAlliances.organisationId, organisations.id))
    .leftJoin(
      workspaceOrganisations,
      and(
        eq(workspaceOrganisations.organisationId, organisations.id),
        eq(workspaceOrganisations.workspaceId, ctx.workspaceId),
      ),
    )
    .where(sql`${inMyAlliances.organisationId} is not null or ${workspaceOrganisations.workspaceId} is not null`)
    .orderBy(desc(sql`coalesce(${inMyAlliances.alliances}, 0)`), asc(organisations.name))
    .limit(500);
}
