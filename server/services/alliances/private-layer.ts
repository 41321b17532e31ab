import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { alliancePrivateEntries, alliancePrivateNotes } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "./access";
import { SavePrivateNotesInput, AddPrivateEntryInput } from "./schemas";

export type SavePrivateNotesInput = z.infer<typeof SavePrivateNotesInput>;

export type AddPrivateEntryInput = z.infer<typeof AddPrivateEntryInput>;

/**
 * This workspace's private layer on an alliance: internal notes, owner, tags, private timeline
 * entries and budget lines. Only this workspace ever reads it (in code and by RLS).
 */
export async function getPrivateLayer(ctx: WorkspaceContext, allianceId: string) {
  await requireAllianceParty(ctx, allianceId);
  const [[notes], entries] = await Promise.all([
    ctx.tx
      .select()
      .from(alliancePrivateNotes)
      .where(
        and(eq(alliancePrivateNotes.allianceId, allianceId), eq(alliancePrivateNotes.workspaceId, ctx.workspaceId)),
      ),
    ctx.tx
      .select({
        id: alliancePrivateEntries.id,
        kind: alliancePrivateEntries.kind,
        title: alliancePrivateEntries.title,
        amountCents: alliancePrivateEntries.amountCents,
        occurredOn: alliancePrivateEntries.occurredOn,
      })
      .from(alliancePrivateEntries)
      .where(
        and(eq(alliancePrivateEntries.allianceId, allianceId), eq(alliancePrivateEntries.workspaceId, ctx.workspaceId)),
      )
      .orderBy(desc(alliancePrivateEntries.occurredOn)),
  ]);
  return {
    notes: notes?.notes ?? null,
    internalOwner: notes?.internalOwner ?? null,
    tags: notes?.tags ?? [],
    version: notes?.version ?? 0,
    entries,
    budgetTotalCents: entries.filter((e) => e.kind === "budget").reduce((sum, e) => sum + (e.amountCents ?? 0), 0),
  };
}

/** Saves the private notes, owner and tags with the version check. Permission: alliances.write. Audited (in this workspace only). */
export async function savePrivateNotes(ctx: WorkspaceContext, input: SavePrivateNotesInput) {
  await requireAllianceParty(ctx, input.allianceId);
  const values = {
    notes: input.notes ?? null,
    internalOwner: input.internalOwner ?? null,
    tags: [...new Set(input.tags)],
  };
  const key = and(
    eq(alliancePrivateNotes.allianceId, input.allianceId),
    eq(alliancePrivateNotes.workspaceId, ctx.workspaceId),
  );
  const saved =
    input.version === 0
      ? await ctx.tx
          .insert(alliancePrivateNotes)
          .values({ allianceId: input.allianceId, workspaceId: ctx.workspaceId, ...values })
          .onConflictDoNothing()
          .returning({ version: alliancePrivateNotes.version })
      : await ctx.tx
          .update(alliancePrivateNotes)
          .set({ ...values, version: sql`${alliancePrivateNotes.version} + 1`, updatedAt: new Date() })
          .where(and(key, eq(alliancePrivateNotes.version, input.version)))
          .returning({ version: alliancePrivateNotes.version });
  if (saved.length === 0) throw new AppError("CONFLICT", "errors.staleVersion");
  await recordAudit(ctx, {
    action: "private.notes",
    entityType: "alliance",
    entityId: input.allianceId,
    after: { internalOwner: values.internalOwner, tags: values.tags.join(", ") },
  });
  return saved[0]!;
}

/** Adds a private timeline entry or an internal budget line. Permission: alliances.write. Audited. */
export async function addPrivateEntry(ctx: WorkspaceContext, input: AddPrivateEntryInput) {
  await requireAllianceParty(ctx, input.allianceId);
  const [entry] = await ctx.tx
    .insert(alliancePrivateEntries)
    .values({
      allianceId: input.allianceId,
      workspaceId: ctx.workspaceId,
      kind: input.kind,
      title: input.title,
      amountCents:
        input.amountEuros === null || input.amountEuros === undefined ? null : Math.round(input.amountEuros * 100),
      occurredOn: input.occurredOn,
      authorUserId: ctx.actor.userId,
    })
    .returning();
  await recordAudit(ctx, {
    action: "private.entry",
    entityType: "alliance",
    entityId: input.allianceId,
    after: { kind: input.kind, title: input.title },
  });
  return entry!;
}
