import { z } from "zod";
import { organisationClaims } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation } from "../organisations/ensure-workspace-organisation";
import { RequestVerificationInput } from "./schemas";
import { getVerification } from "./get-verification";

/**
 * Asks a platform operator to verify that this workspace speaks for its organisation (the one
 * its SIREN or RNA names in the directory), with a note the operator reads. A new request
 * replaces a refused or revoked one. Permission: workspace.update. Audited.
 */
export async function requestVerification(ctx: WorkspaceContext, input: z.infer<typeof RequestVerificationInput>) {
  const current = await getVerification(ctx);
  if (!current.hasIdentifier) throw new AppError("BAD_REQUEST", "errors.verification.noIdentifier");
  if (current.status === "verified") throw new AppError("CONFLICT", "errors.verification.alreadyVerified");
  const organisationId = await ensureWorkspaceOrganisation(ctx);
  const values = {
    organisationId,
    status: "requested" as const,
    note: input.note,
    requestedBy: ctx.actor.userId,
    requestedAt: new Date(),
    method: null,
    decidedBy: null,
    decidedAt: null,
  };
  await ctx.tx
    .insert(organisationClaims)
    .values({ workspaceId: ctx.workspaceId, ...values })
    .onConflictDoUpdate({ target: organisationClaims.workspaceId, set: values });
  await recordAudit(ctx, {
    action: "verification.request",
    entityType: "organisation",
    entityId: organisationId,
    before: { status: current.status },
    after: { status: "requested", note: input.note },
  });
  return getVerification(ctx);
}
