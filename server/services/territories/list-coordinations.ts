import { asc, eq } from "drizzle-orm";
import { territoryCoordinations } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** This workspace's coordination requests and their state. Permission: workspace.read. */
export async function listCoordinations(ctx: WorkspaceContext) {
  return ctx.tx
    .select({
      id: territoryCoordinations.id,
      level: territoryCoordinations.level,
      code: territoryCoordinations.code,
      status: territoryCoordinations.status,
      decidedAt: territoryCoordinations.decidedAt,
    })
    .from(territoryCoordinations)
    .where(eq(territoryCoordinations.workspaceId, ctx.workspaceId))
    .orderBy(asc(territoryCoordinations.level), asc(territoryCoordinations.code));
}
