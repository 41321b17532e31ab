import { eq, sql } from "drizzle-orm";
import { territoryCoordinations } from "../../../db/schema";
import { territory } from "../../../domain/territory-data";
import { isOperator } from "../../auth/operators";
import { AppError } from "../../errors";
import type { ServiceContext, WorkspaceContext } from "../context";

/** Refuses anyone but a platform operator, then switches the transaction to maillage_operator. */
export async function asOperator(ctx: ServiceContext) {
  if (!isOperator(ctx.actor.email)) throw new AppError("FORBIDDEN", "errors.coordination.notOperator");
  await ctx.tx.execute(sql`set local role maillage_operator`);
}

/**
 * The workspace's coordinations, refused unless one is approved, and whether an area (France, a
 * région, a département) lies inside one of its approved territories (full detail there;
 * public-level figures only elsewhere). An unknown région or département is refused.
 */
export async function coordinatorAccess(
  ctx: WorkspaceContext,
  level: "france" | "region" | "departement",
  code: string,
) {
  const coordinations = await ctx.tx
    .select({
      level: territoryCoordinations.level,
      code: territoryCoordinations.code,
      status: territoryCoordinations.status,
    })
    .from(territoryCoordinations)
    .where(eq(territoryCoordinations.workspaceId, ctx.workspaceId));
  const mine = coordinations.filter((c) => c.status === "approved");
  if (mine.length === 0) throw new AppError("FORBIDDEN", "errors.coordination.notCoordinator");
  const index = territory();
  if (level === "region" && !index.regions.has(code))
    throw new AppError("BAD_REQUEST", "errors.territory.unknown", { field: "code", code });
  if (level === "departement" && !index.departements.has(code))
    throw new AppError("BAD_REQUEST", "errors.territory.unknown", { field: "code", code });
  const inside =
    level === "region"
      ? mine.some((c) => c.level === "region" && c.code === code)
      : level === "departement"
        ? mine.some(
            (c) =>
              (c.level === "departement" && c.code === code) ||
              (c.level === "region" && c.code === index.departements.get(code)?.region),
          )
        : false;
  return { coordinations, inside };
}
