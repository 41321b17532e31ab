import { allianceTimeline } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore, requireAllianceParty } from "./access";
import { recordSharedChange, sharedHistory } from "./shared-history";
import type { AddTimelineEntryInput } from "./schemas";

/** Adds a note, meeting, milestone or document link to the alliance's timeline. Permission: alliances.write. Audited. */
export async function addTimelineEntry(ctx: WorkspaceContext, input: AddTimelineEntryInput) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [entry] = await ctx.tx
    .insert(allianceTimeline)
    .values({ ...input, body: input.body ?? null, url: input.url ?? null, authorUserId: ctx.actor.userId })
    .returning();
  await recordAudit(ctx, {
    action: "timeline.add",
    entityType: "alliance",
    entityId: input.allianceId,
    after: { kind: input.kind, title: input.title, occurredOn: input.occurredOn },
  });
  await recordSharedChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "timeline.add",
    detail: { title: input.title },
  });
  return entry!;
}

/**
 * The alliance's shared history: which organisation and which person changed what, as every
 * co-owning party sees it. Permission: alliances.read.
 */
export async function allianceHistory(ctx: WorkspaceContext, allianceId: string) {
  await requireAllianceParty(ctx, allianceId);
  return sharedHistory(ctx, allianceId);
}
