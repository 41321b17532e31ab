import { and, eq, sql } from "drizzle-orm";
import { workspaceOrganisations } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { SaveOrganisationNotesInput } from "./schemas";
import { loadOrganisation } from "./access";

/** Saves the workspace's private notes and tags on an organisation, with the version check. Audited. */
export async function saveOrganisationNotes(ctx: WorkspaceContext, input: SaveOrganisationNotesInput) {
  const organisation = await loadOrganisation(ctx, input.organisationId);
  const tags = [...new Set(input.tags)];
  const key = and(
    eq(workspaceOrganisations.workspaceId, ctx.workspaceId),
    eq(workspaceOrganisations.organisationId, input.organisationId),
  );
  const [before] = await ctx.tx.select().from(workspaceOrganisations).where(key);
  if ((before?.version ?? 0) !== input.version) throw new AppError("CONFLICT", "errors.staleVersion");
  if (before) {
    const [saved] = await ctx.tx
      .update(workspaceOrganisations)
      .set({
        notes: input.notes ?? null,
        tags,
        version: sql`${workspaceOrganisations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(key, eq(workspaceOrganisations.version, input.version)))
      .returning();
    if (!saved) throw new AppError("CONFLICT", "errors.staleVersion");
  } else {
    await ctx.tx
      .insert(workspaceOrganisations)
      .values({ workspaceId: ctx.workspaceId, organisationId: input.organisationId, notes: input.notes ?? null, tags })
      .onConflictDoNothing()
      .returning()
      .then((rows) => {
        if (rows.length === 0) throw new AppError("CONFLICT", "errors.staleVersion");
      });
  }
  await recordAudit(ctx, {
    action: "organisation.notes",
    entityType: "organisation",
    entityId: input.organisationId,
    before: before ? { name: organisation.name, notes: before.notes, tags: before.tags.join(", ") } : null,
    after: { name: organisation.name, notes: input.notes ?? null, tags: tags.join(", ") },
  });
}
