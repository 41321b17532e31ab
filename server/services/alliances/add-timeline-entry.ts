import { allianceTimeline } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
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
