import { eq } from "drizzle-orm";
import { alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { recordChange } from "./record-change";
import { getAudience } from "./get-audience";
import { setOwnConsent } from "./set-own-consent";

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
