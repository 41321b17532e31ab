import { and, eq, isNull, sql } from "drizzle-orm";
import { toolChanges, tools } from "../../../db/schema";
import { AppError } from "../../errors";
import type { ServiceContext } from "../context";
import { asOperator } from "../territories/access";

/**
 * Retires a catalogue tool (it leaves every list and page, and is never inserted again as a
 * starter) or brings it back. Checked against the version read; traced. Operators only.
 */
export async function retireCatalogueTool(
  ctx: ServiceContext,
  input: { id: string; retired: boolean; version: number },
) {
  await asOperator(ctx);
  const [saved] = await ctx.tx
    .update(tools)
    .set({ retiredAt: input.retired ? new Date() : null, version: sql`${tools.version} + 1`, updatedAt: new Date() })
    .where(and(eq(tools.id, input.id), isNull(tools.workspaceId), eq(tools.version, input.version)))
    .returning({ id: tools.id, version: tools.version, slug: tools.slug });
  if (!saved) throw new AppError("CONFLICT", "errors.tools.stale");
  await ctx.tx.insert(toolChanges).values({
    toolId: saved.id,
    actorUserId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    action: input.retired ? "tool.retire" : "tool.restore",
    after: { slug: saved.slug },
  });
  return saved;
}
