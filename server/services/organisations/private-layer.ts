import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  allianceParties,
  alliances,
  organisationContacts,
  organisations,
  workspaceOrganisations,
} from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { reachableByWorkspace } from "../alliances/access";

export const SaveOrganisationNotesInput = z.object({
  organisationId: z.uuid(),
  notes: z.string().trim().max(10_000).nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** The private record's version as read; 0 when the workspace had none yet. */
  version: z.number().int().min(0),
});
export type SaveOrganisationNotesInput = z.infer<typeof SaveOrganisationNotesInput>;

export const AddContactInput = z.object({
  organisationId: z.uuid(),
  name: z.string().trim().min(2, { message: "errors.contact.name" }).max(120),
  role: z.string().trim().max(120).nullish(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "errors.email" }))
    .nullish()
    .or(z.literal("").transform(() => null)),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{6,25}$/, { message: "errors.contact.phone" })
    .nullish()
    .or(z.literal("").transform(() => null)),
});
export type AddContactInput = z.infer<typeof AddContactInput>;

async function loadOrganisation(ctx: WorkspaceContext, id: string) {
  const [organisation] = await ctx.tx.select().from(organisations).where(eq(organisations.id, id));
  if (!organisation) throw new AppError("NOT_FOUND", "errors.organisation.notFound");
  return organisation;
}

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

/** Adds a contact person at an organisation, private to the workspace. Audited. */
export async function addContact(ctx: WorkspaceContext, input: AddContactInput) {
  await loadOrganisation(ctx, input.organisationId);
  const [contact] = await ctx.tx
    .insert(organisationContacts)
    .values({
      workspaceId: ctx.workspaceId,
      organisationId: input.organisationId,
      name: input.name,
      role: input.role ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    })
    .returning();
  await recordAudit(ctx, {
    action: "contact.add",
    entityType: "organisation",
    entityId: input.organisationId,
    after: { name: input.name, role: input.role ?? null, email: input.email ?? null },
  });
  return contact!;
}

/** Removes one of the workspace's contacts. Audited. */
export async function deleteContact(ctx: WorkspaceContext, input: { contactId: string }) {
  const [removed] = await ctx.tx
    .delete(organisationContacts)
    .where(and(eq(organisationContacts.id, input.contactId), eq(organisationContacts.workspaceId, ctx.workspaceId)))
    .returning();
  if (!removed) throw new AppError("NOT_FOUND", "errors.contact.notFound");
  await recordAudit(ctx, {
    action: "contact.delete",
    entityType: "organisation",
    entityId: removed.organisationId,
    before: { name: removed.name, role: removed.role, email: removed.email },
  });
}
