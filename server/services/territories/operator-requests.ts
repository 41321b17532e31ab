import { desc, eq, sql } from "drizzle-orm";
import { territoryCoordinations, workspaces } from "../../../db/schema";
import type { ServiceContext } from "../context";
import { asOperator } from "./access";

/** Every coordination request, pending first, with the workspace asking. Operators only. */
export async function operatorRequests(ctx: ServiceContext) {
  await asOperator(ctx);
  return ctx.tx
    .select({
      id: territoryCoordinations.id,
      level: territoryCoordinations.level,
      code: territoryCoordinations.code,
      reason: territoryCoordinations.reason,
      status: territoryCoordinations.status,
      createdAt: territoryCoordinations.createdAt,
      decidedBy: territoryCoordinations.decidedBy,
      workspaceName: workspaces.name,
      workspaceKind: workspaces.kind,
    })
    .from(territoryCoordinations)
    .innerJoin(workspaces, eq(workspaces.id, territoryCoordinations.workspaceId))
    .orderBy(sql`${territoryCoordinations.status} = 'requested' desc`, desc(territoryCoordinations.createdAt))
    .limit(200);
}
