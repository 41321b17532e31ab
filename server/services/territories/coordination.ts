import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, territoryCoordinations, workspaces } from "../../../db/schema";
import { territory } from "../../../domain/territory-data";
import { isOperator } from "../../auth/operators";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext, WorkspaceContext } from "../context";
import { RequestCoordinationInput, StatisticsInput, DecideInput } from "./schemas";

/**
 * Asks to coordinate a région or a département (INSEE code checked against the Etalab data);
 * a platform operator decides. Permission: workspace.update. Audited.
 */
export async function requestCoordination(ctx: WorkspaceContext, input: z.infer<typeof RequestCoordinationInput>) {
  const index = territory();
  const known = input.level === "region" ? index.regions.has(input.code) : index.departements.has(input.code);
  if (!known) throw new AppError("BAD_REQUEST", "errors.territory.unknown", { field: "code", code: input.code });
  try {
    const [row] = await ctx.tx
      .insert(territoryCoordinations)
      .values({
        workspaceId: ctx.workspaceId,
        level: input.level,
        code: input.code,
        reason: input.reason ?? null,
        requestedBy: ctx.actor.userId,
      })
      .returning({ id: territoryCoordinations.id });
    await recordAudit(ctx, {
      action: "coordination.request",
      entityType: "territory",
      entityId: `${input.level}:${input.code}`,
      after: { reason: input.reason ?? null },
    });
    return row!;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.coordination.duplicate");
    throw error;
  }
}

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

/** Whether this workspace's alliances enter anonymised territorial statistics. Permission: workspace.update. Audited. */
export async function setTerritorialStatistics(ctx: WorkspaceContext, input: z.infer<typeof StatisticsInput>) {
  const [before] = await ctx.tx
    .select({ enabled: workspaces.territorialStatistics })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  await ctx.tx
    .update(workspaces)
    .set({ territorialStatistics: input.enabled, updatedAt: new Date() })
    .where(eq(workspaces.id, ctx.workspaceId));
  await recordAudit(ctx, {
    action: "workspace.statistics",
    entityType: "workspace",
    entityId: ctx.workspaceId,
    before: { enabled: before?.enabled ?? null },
    after: { enabled: input.enabled },
  });
  return { enabled: input.enabled };
}

/** Refuses anyone but a platform operator, then switches the transaction to maillage_operator. */
export async function asOperator(ctx: ServiceContext) {
  if (!isOperator(ctx.actor.email)) throw new AppError("FORBIDDEN", "errors.coordination.notOperator");
  await ctx.tx.execute(sql`set local role maillage_operator`);
}

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
