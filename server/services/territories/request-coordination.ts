import { z } from "zod";
import { territoryCoordinations } from "../../../db/schema";
import { territory } from "../../../domain/territory-data";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { RequestCoordinationInput } from "./schemas";

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
