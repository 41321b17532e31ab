import { and, desc, eq, lt, or } from "drizzle-orm";
import { auditEvents, users } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import type { ListAuditEventsInput } from "./schemas";

/**
 * One page of the workspace's audit log, newest first, with keyset pagination on
 * (created_at, id). Tenant: ctx.workspaceId. Permission: audit.read (checked by the caller).
 */
export async function listAuditEvents(ctx: WorkspaceContext, input: ListAuditEventsInput) {
  const cursor = input.cursor;
  const rows = await ctx.tx
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
      actorUserId: auditEvents.actorUserId,
      actorEmail: users.email,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.workspaceId, ctx.workspaceId),
        cursor
          ? or(
              lt(auditEvents.createdAt, cursor.createdAt),
              and(eq(auditEvents.createdAt, cursor.createdAt), lt(auditEvents.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}
