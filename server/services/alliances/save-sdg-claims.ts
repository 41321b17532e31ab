import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { alliances, allianceSdgClaims, allianceSdgTargets } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { SaveSdgClaimsInput } from "./schemas";
import { recordChange } from "./record-change";
import { getSdgClaims } from "./get-sdg-claims";

/**
 * Replaces this workspace's claims on the alliance's SDG targets, in one transaction. The
 * alliance row is locked while the shares are added up, so two parties saving at once cannot
 * together claim more than 100 %. Permission: alliances.write. Audited.
 */
export async function saveSdgClaims(ctx: WorkspaceContext, input: z.infer<typeof SaveSdgClaimsInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  await ctx.tx.select({ id: alliances.id }).from(alliances).where(eq(alliances.id, input.allianceId)).for("update");
  const targets = new Set(
    (
      await ctx.tx
        .select({ target: allianceSdgTargets.target })
        .from(allianceSdgTargets)
        .where(eq(allianceSdgTargets.allianceId, input.allianceId))
    ).map((t) => t.target),
  );
  const others = new Map(
    (
      await ctx.tx
        .select({ target: allianceSdgClaims.target, total: sql<number>`sum(${allianceSdgClaims.sharePercent})::int` })
        .from(allianceSdgClaims)
        .where(
          and(eq(allianceSdgClaims.allianceId, input.allianceId), ne(allianceSdgClaims.workspaceId, ctx.workspaceId)),
        )
        .groupBy(allianceSdgClaims.target)
    ).map((r) => [r.target, r.total]),
  );
  const seen = new Set<string>();
  input.claims.forEach((c, i) => {
    if (!targets.has(c.target))
      throw new AppError("BAD_REQUEST", "errors.claims.unknownTarget", {
        field: `claims.${i}.target`,
        target: c.target,
      });
    if (seen.has(c.target))
      throw new AppError("BAD_REQUEST", "errors.claims.twice", { field: `claims.${i}.target`, target: c.target });
    seen.add(c.target);
    const left = 100 - (others.get(c.target) ?? 0);
    if (c.sharePercent > left)
      throw new AppError("BAD_REQUEST", "errors.claims.over", {
        field: `claims.${i}.sharePercent`,
        target: c.target,
        left,
      });
  });
  const before = await ctx.tx
    .select({ target: allianceSdgClaims.target, sharePercent: allianceSdgClaims.sharePercent })
    .from(allianceSdgClaims)
    .where(and(eq(allianceSdgClaims.allianceId, input.allianceId), eq(allianceSdgClaims.workspaceId, ctx.workspaceId)));
  await ctx.tx
    .delete(allianceSdgClaims)
    .where(and(eq(allianceSdgClaims.allianceId, input.allianceId), eq(allianceSdgClaims.workspaceId, ctx.workspaceId)));
  if (input.claims.length) {
    await ctx.tx.insert(allianceSdgClaims).values(
      input.claims.map((c) => ({
        allianceId: input.allianceId,
        workspaceId: ctx.workspaceId,
        target: c.target,
        sharePercent: c.sharePercent,
      })),
    );
  }
  const summary = (rows: Array<{ target: string; sharePercent: number }>) =>
    rows
      .map((r) => `${r.target}:${r.sharePercent}%`)
      .sort()
      .join(" ");
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "claims.save",
    detail: { claims: summary(input.claims) },
    notify: null,
    before: { claims: summary(before) },
    after: { claims: summary(input.claims) },
  });
  return getSdgClaims(ctx, input.allianceId);
}
