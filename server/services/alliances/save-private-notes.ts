import { and, eq, sql } from "drizzle-orm";
import { alliancePrivateNotes } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "./access";
import { SavePrivateNotesInput } from "./schemas";

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
