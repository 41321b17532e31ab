import { eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { workspaces } from "../../../db/schema";
import { findOrCreateOrganisation } from "./find-or-create-organisation";

/**
 * The workspace's own organisation in the directory, created from the workspace's name, kind
 * and identifiers the first time it is needed (or reused if its SIREN/RNA is already known).
 */
export async function ensureWorkspaceOrganisation(ctx: Pick<WorkspaceContext, "tx" | "workspaceId">) {
  const [workspace] = await ctx.tx.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!workspace) throw new AppError("NOT_FOUND", "errors.workspace.notFound");
  if (workspace.organisationId) return workspace.organisationId;
  const { organisation } = await findOrCreateOrganisation(ctx, {
    name: workspace.name,
    kind: workspace.kind,
    siren: workspace.siren,
    siret: null,
    rna: workspace.rna,
  });
  await ctx.tx.update(workspaces).set({ organisationId: organisation.id }).where(eq(workspaces.id, ctx.workspaceId));
  return organisation.id;
}
