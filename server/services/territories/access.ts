import { sql } from "drizzle-orm";
import { isOperator } from "../../auth/operators";
import { AppError } from "../../errors";
import type { ServiceContext } from "../context";

/** Refuses anyone but a platform operator, then switches the transaction to maillage_operator. */
export async function asOperator(ctx: ServiceContext) {
  if (!isOperator(ctx.actor.email)) throw new AppError("FORBIDDEN", "errors.coordination.notOperator");
  await ctx.tx.execute(sql`set local role maillage_operator`);
}
