import { randomUUID } from "node:crypto";
import { memberships, workspaces } from "../../../db/schema";
import { enterWorkspace } from "../../../db/scope";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import type { CreateWorkspaceInput } from "./schemas";

/**
 * Creates a workspace and makes the actor its first owner, with one audit row for each,
 * all in the caller's transaction. A taken slug is a CONFLICT on the slug field.
 */
export async function createWorkspace(ctx: ServiceContext, input: CreateWorkspaceInput) {
  const workspaceId = randomUUID();
  await enterWorkspace(ctx.tx, workspaceId);
  const wctx = { ...ctx, workspaceId, role: "owner" as const };
  try {
    const [workspace] = await ctx.tx
      .insert(workspaces)
      .values({ id: workspaceId, ...input })
      .returning();
    if (!workspace) throw new AppError("INTERNAL", "errors.internal");
    const [membership] = await ctx.tx
      .insert(memberships)
      .values({ workspaceId, userId: ctx.actor.userId, role: "owner" })
      .returning();
    await recordAudit(wctx, {
      action: "workspace.create",
      entityType: "workspace",
      entityId: workspaceId,
      after: workspace,
    });
    await recordAudit(wctx, {
      action: "member.add",
      entityType: "membership",
      entityId: ctx.actor.userId,
      after: { email: ctx.actor.email, role: membership?.role },
    });
    return workspace;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.slug.taken", { field: "slug" });
    throw error;
  }
}
