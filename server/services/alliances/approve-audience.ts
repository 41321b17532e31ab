import { z } from "zod";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { ApproveAudienceInput } from "./schemas";
import { recordChange } from "./record-change";
import { getAudience } from "./get-audience";
import { setOwnConsent } from "./set-own-consent";

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
