import { allianceTimeline } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore, requireAllianceParty } from "./access";
import { sharedHistory } from "./shared-history";
import type { AddTimelineEntryInput } from "./schemas";
import { recordChange } from "./record-change";

/** Adds a note, meeting, milestone or document link to the alliance's timeline. Permission: alliances.write. Audited. */
export async function addTimelineEntry(ctx: WorkspaceContext, input: AddTimelineEntryInput) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [entry] = await ctx.tx
    .insert(allianceTimeline)
    .values({ ...input, body: input.body ?? null, url: input.url ?? null, authorUserId: ctx.actor.userId })
    .returning();
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "timeline.add",
    detail: { title: input.title },
    after: { kind: input.kind, title: input.title, occurredOn: input.occurredOn },
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
