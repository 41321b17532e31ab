import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { allianceParties, alliances, organisations } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { type Audience, consentCovers, effectiveAudience } from "../../../domain/audience";
import { RequestAudienceInput, ApproveAudienceInput } from "./schemas";
import { recordChange } from "./record-change";

/** Who was asked, who agreed, and what holds now. Permission: alliances.read. */
export async function getAudience(ctx: WorkspaceContext, allianceId: string) {
  const core = await loadAllianceCore(ctx, allianceId);
  const rows = await ctx.tx
    .select({
      partyId: allianceParties.id,
      name: organisations.name,
      audience: allianceParties.audienceConsent,
      revision: allianceParties.consentRevision,
      consentAt: allianceParties.consentAt,
      isMine: sql<boolean>`${allianceParties.workspaceId} = ${ctx.workspaceId}`,
    })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(
      and(
        eq(allianceParties.allianceId, allianceId),
        eq(allianceParties.status, "accepted"),
        isNotNull(allianceParties.workspaceId),
      ),
    )
    .orderBy(asc(organisations.name));
  const parties = rows.map((r) => ({
    ...r,
    agrees: core.requestedAudience !== "parties" && consentCovers(core.requestedAudience, core.publicRevision, r),
  }));
  return {
    requested: core.requestedAudience,
    revision: core.publicRevision,
    effective: effectiveAudience(core.requestedAudience, core.publicRevision, rows),
    parties,
  };
}

async function setOwnConsent(
  ctx: WorkspaceContext,
  allianceId: string,
  audience: Audience | null,
  revision: number | null,
) {
  await ctx.tx
    .update(allianceParties)
    .set({ audienceConsent: audience, consentRevision: revision, consentAt: audience ? new Date() : null })
    .where(
      and(
        eq(allianceParties.allianceId, allianceId),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "accepted"),
      ),
    );
}

/**
 * Asks the other co-owners to widen the audience (territory or public). The request starts a
 * new revision, so approvals given to an earlier request no longer count; the requesting
 * workspace agrees at once. Permission: alliances.share. Audited.
 */
export async function requestAudience(ctx: WorkspaceContext, input: z.infer<typeof RequestAudienceInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  if (core.archivedAt) throw new AppError("CONFLICT", "errors.audience.archived");
  const [updated] = await ctx.tx
    .update(alliances)
    .set({ requestedAudience: input.audience, publicRevision: sql`${alliances.publicRevision} + 1` })
    .where(eq(alliances.id, input.allianceId))
    .returning({ revision: alliances.publicRevision });
  await setOwnConsent(ctx, input.allianceId, input.audience, updated!.revision);
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "audience.request",
    detail: { audience: input.audience },
    notify: "audience.requested",
    before: { audience: core.requestedAudience },
    after: { audience: input.audience },
  });
  return getAudience(ctx, input.allianceId);
}

/**
 * Agrees to the audience the parties were asked for, as it stands at `revision` (the one the
 * approver saw); a newer edit makes it CONFLICT. Permission: alliances.share. Audited.
 */
export async function approveAudience(ctx: WorkspaceContext, input: z.infer<typeof ApproveAudienceInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  if (core.requestedAudience === "parties") throw new AppError("CONFLICT", "errors.audience.nothingRequested");
  if (core.publicRevision !== input.revision) throw new AppError("CONFLICT", "errors.audience.stale");
  await setOwnConsent(ctx, input.allianceId, core.requestedAudience, core.publicRevision);
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "audience.approve",
    detail: { audience: core.requestedAudience },
    notify: "audience.approved",
    after: { audience: core.requestedAudience, revision: core.publicRevision },
  });
  return getAudience(ctx, input.allianceId);
}

/**
 * Any co-owner may take the alliance back to its parties, at any time: the request ends and
 * its own consent is withdrawn. Permission: alliances.share. Audited.
 */
export async function withdrawAudience(ctx: WorkspaceContext, input: { allianceId: string }) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  if (core.requestedAudience === "parties") throw new AppError("CONFLICT", "errors.audience.nothingRequested");
  await ctx.tx.update(alliances).set({ requestedAudience: "parties" }).where(eq(alliances.id, input.allianceId));
  await setOwnConsent(ctx, input.allianceId, null, null);
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "audience.withdraw",
    detail: { audience: core.requestedAudience },
    notify: "audience.withdrawn",
    before: { audience: core.requestedAudience },
    after: { audience: "parties" },
  });
  return getAudience(ctx, input.allianceId);
}
