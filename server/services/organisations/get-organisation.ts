import { and, asc, eq } from "drizzle-orm";
import { allianceParties, alliances, organisationContacts, workspaceOrganisations } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { reachableByWorkspace } from "../alliances/access";
import { loadOrganisation } from "./access";

/**
 * An organisation's shared identity, with what this workspace alone knows of it (notes, tags,
 * contacts) and this workspace's alliances with it. Tenant: ctx.workspaceId for the private layer.
 */
export async function getOrganisation(ctx: WorkspaceContext, id: string) {
  const organisation = await loadOrganisation(ctx, id);
  const [[privateLayer], contacts, shared] = await Promise.all([
    ctx.tx
      .select()
      .from(workspaceOrganisations)
      .where(
        and(eq(workspaceOrganisations.workspaceId, ctx.workspaceId), eq(workspaceOrganisations.organisationId, id)),
      ),
    ctx.tx
      .select()
      .from(organisationContacts)
      .where(and(eq(organisationContacts.workspaceId, ctx.workspaceId), eq(organisationContacts.organisationId, id)))
      .orderBy(asc(organisationContacts.name)),
    ctx.tx
      .select({ id: alliances.id, title: alliances.title, stage: alliances.stage, role: allianceParties.role })
      .from(allianceParties)
      .innerJoin(alliances, eq(alliances.id, allianceParties.allianceId))
      .where(and(eq(allianceParties.organisationId, id), reachableByWorkspace(ctx.workspaceId)))
      .orderBy(asc(alliances.title)),
  ]);
  return {
    ...organisation,
    notes: privateLayer?.notes ?? null,
    tags: privateLayer?.tags ?? [],
    notesVersion: privateLayer?.version ?? 0,
    contacts,
    alliances: shared,
  };
}
