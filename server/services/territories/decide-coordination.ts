import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, territoryCoordinations } from "../../../db/schema";
import { AppError } from "../../errors";
import type { ServiceContext } from "../context";
import { DecideInput } from "./schemas";
import { asOperator } from "./access";

/** Approves or refuses a request (or reverses an earlier decision); the operator's address is kept. Operators only. */
export async function decideCoordination(ctx: ServiceContext, input: z.infer<typeof DecideInput>) {
  await asOperator(ctx);
  const [row] = await ctx.tx
    .update(territoryCoordinations)
    .set({ status: input.approve ? "approved" : "refused", decidedBy: ctx.actor.email, decidedAt: new Date() })
    .where(and(eq(territoryCoordinations.id, input.id)))
    .returning({
      id: territoryCoordinations.id,
      status: territoryCoordinations.status,
      workspaceId: territoryCoordinations.workspaceId,
      level: territoryCoordinations.level,
      code: territoryCoordinations.code,
    });
  if (!row) throw new AppError("NOT_FOUND", "errors.coordination.notFound");
  await ctx.tx.insert(auditEvents).values({
    workspaceId: row.workspaceId,
    actorUserId: ctx.actor.userId,
    action: input.approve ? "coordination.approve" : "coordination.refuse",
    entityType: "territory",
    entityId: `${row.level}:${row.code}`,
    after: { operator: ctx.actor.email },
    requestId: ctx.requestId,
  });
  ctx.log.info(
    { coordination: row.id, status: row.status, operator: ctx.actor.email },
    "territorial coordination decided",
  );
  return row;
}
