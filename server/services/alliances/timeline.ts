import { and, asc, desc, eq } from "drizzle-orm";
import { allianceTimeline, auditEvents, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./get-alliance";
import type { AddTimelineEntryInput } from "./schemas";

/** Adds a note, meeting, milestone or document link to the alliance's timeline. Permission: alliances.write. Audited. */
export async function addTimelineEntry(ctx: WorkspaceContext, input: AddTimelineEntryInput) {
  await loadAllianceCore(ctx, input.allianceId);
  const [entry] = await ctx.tx
    .insert(allianceTimeline)
    .values({ ...input, body: input.body ?? null, url: input.url ?? null, authorUserId: ctx.actor.userId })
    .returning();
  await recordAudit(ctx, { action: "timeline.add", entityType: "alliance", entityId: input.allianceId, after: { kind: input.kind, title: input.title, occurredOn: input.occurredOn } });
  return entry!;
}

/** The alliance's change history as this workspace recorded it (its audit rows). Permission: alliances.read. */
export async function allianceHistory(ctx: WorkspaceContext, allianceId: string) {
  await loadAllianceCore(ctx, allianceId);
  return ctx.tx
    .select({ id: auditEvents.id, action: auditEvents.action, before: auditEvents.before, after: auditEvents.after, createdAt: auditEvents.createdAt, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.workspaceId, ctx.workspaceId), eq(auditEvents.entityType, "alliance"), eq(auditEvents.entityId, allianceId)))
    .orderBy(desc(auditEvents.createdAt), asc(auditEvents.id))
    .limit(200);
}
