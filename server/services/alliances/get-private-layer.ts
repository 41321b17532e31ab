import { and, desc, eq } from "drizzle-orm";
import { alliancePrivateEntries, alliancePrivateNotes } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "./access";

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
