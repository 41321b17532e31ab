import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { RequestAudienceInput } from "./schemas";
import { recordChange } from "./record-change";
import { getAudience } from "./get-audience";
import { setOwnConsent } from "./set-own-consent";

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
