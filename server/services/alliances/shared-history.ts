import { desc, eq, sql } from "drizzle-orm";
import { allianceChanges } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** The shared history every party sees, newest first. Permission: alliances.read (caller checks access). */
export async function sharedHistory(ctx: WorkspaceContext, allianceId: string) {
  return ctx.tx
    .select({
      id: allianceChanges.id,
      action: allianceChanges.action,
      organisationName: allianceChanges.organisationName,
      actorName: allianceChanges.actorName,
      detail: allianceChanges.detail,
      createdAt: allianceChanges.createdAt,
      mine: sql<boolean>`${allianceChanges.workspaceId} is not distinct from ${ctx.workspaceId}`,
    })
    .from(allianceChanges)
    .where(eq(allianceChanges.allianceId, allianceId))
    .orderBy(desc(allianceChanges.createdAt), desc(allianceChanges.id))
    .limit(200);
}
