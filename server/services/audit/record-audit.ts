import { auditEvents } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row in the caller's transaction, so the change and its trace commit
 * or roll back together. Tenant: ctx.workspaceId.
 */
export async function recordAudit(ctx: WorkspaceContext, entry: AuditEntry): Promise<void> {
  await ctx.tx.insert(auditEvents).values({
    workspaceId: ctx.workspaceId,
    actorUserId: ctx.actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}
