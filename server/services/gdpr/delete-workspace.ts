import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "../../../db/schema";
import { resultRows } from "../../../db/rows";
import { AppError } from "../../errors";
import { leaveAlliance } from "../alliances/leave-alliance";
import type { WorkspaceContext } from "../context";
import { DeleteWorkspaceInput } from "./schemas";

/**
 * Deletes the workspace: it first leaves every alliance it shares (the other parties keep the
 * shared core and are told), deletes the alliances only it holds, then app_delete_workspace()
 * removes the workspace and, by cascade, its private layer, members, imports, tokens, audit and
 * notifications. Permission: workspace.delete (owners), typing the name to confirm.
 */
export async function deleteWorkspace(ctx: WorkspaceContext, input: z.infer<typeof DeleteWorkspaceInput>) {
  const [workspace] = await ctx.tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  if (!workspace || input.confirmName !== workspace.name)
    throw new AppError("BAD_REQUEST", "errors.gdpr.confirmName", { field: "confirmName" });
  const held = resultRows<{ id: string; others: number }>(
    await ctx.tx.execute(sql`
      select p.alliance_id as id,
        (select count(*) from alliance_parties o where o.alliance_id = p.alliance_id and o.status = 'accepted' and o.workspace_id is not null and o.workspace_id <> ${ctx.workspaceId})::int as others
      from alliance_parties p where p.workspace_id = ${ctx.workspaceId} and p.status = 'accepted'`),
  );
  for (const alliance of held.filter((a) => a.others > 0)) await leaveAlliance(ctx, { allianceId: alliance.id });
  const alone = held.filter((a) => a.others === 0).map((a) => a.id);
  if (alone.length) await ctx.tx.execute(sql`delete from alliances where id = any(${`{${alone.join(",")}}`}::uuid[])`);
  await ctx.tx.execute(sql`select app_delete_workspace()`);
  ctx.log.info(
    { workspaceId: ctx.workspaceId, left: held.length - alone.length, deleted: alone.length },
    "workspace deleted",
  );
  return { deleted: true };
}
