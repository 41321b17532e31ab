import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { auditEvents, organisationClaims, organisations, workspaces } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext, WorkspaceContext } from "../context";
import { latestProConnectAssertion } from "../../auth/identity-assertions";
import { ensureWorkspaceOrganisation } from "../organisations/ensure-workspace-organisation";
import { asOperator } from "../territories/access";
import { RequestVerificationInput, DecideVerificationInput } from "./schemas";

/**
 * The workspace's claim to speak for its organisation, and that organisation as the directory
 * knows it ("none" before any request). Permission: workspace.read.
 */
export async function getVerification(ctx: WorkspaceContext) {
  const [workspace] = await ctx.tx
    .select({ siren: workspaces.siren, rna: workspaces.rna, organisationId: workspaces.organisationId })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const [claim] = await ctx.tx
    .select({
      status: organisationClaims.status,
      organisationId: organisationClaims.organisationId,
      organisationName: organisations.name,
      note: organisationClaims.note,
      method: organisationClaims.method,
      requestedAt: organisationClaims.requestedAt,
      decidedAt: organisationClaims.decidedAt,
    })
    .from(organisationClaims)
    .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId))
    .where(eq(organisationClaims.workspaceId, ctx.workspaceId));
  // A claim made for the organisation the workspace had before its identifiers changed no longer holds.
  const current =
    claim && (!workspace?.organisationId || claim.organisationId === workspace.organisationId) ? claim : null;
  // The reader's own latest ProConnect sign-in, and whether its SIRET is of this workspace's SIREN.
  const assertion = await latestProConnectAssertion(ctx.tx, ctx.actor.userId);
  return {
    status: current?.status ?? ("none" as const),
    organisationName: current?.organisationName ?? null,
    note: current?.note ?? null,
    method: current?.method ?? null,
    requestedAt: current?.requestedAt ?? null,
    decidedAt: current?.decidedAt ?? null,
    hasIdentifier: Boolean(workspace?.siren || workspace?.rna),
    siren: workspace?.siren ?? null,
    proconnect: assertion
      ? {
          siret: assertion.siret,
          acr: assertion.acr,
          assertedAt: assertion.assertedAt,
          matches: Boolean(assertion.siret && workspace?.siren && assertion.siret.startsWith(workspace.siren)),
        }
      : null,
  };
}

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

/** Every claim, requested first, with the workspace, the organisation and any other workspace verified for it. Operators only. */
export async function operatorVerifications(ctx: ServiceContext) {
  await asOperator(ctx);
  return ctx.tx
    .select({
      id: organisationClaims.id,
      status: organisationClaims.status,
      note: organisationClaims.note,
      requestedAt: organisationClaims.requestedAt,
      decidedBy: organisationClaims.decidedBy,
      workspaceName: workspaces.name,
      workspaceKind: workspaces.kind,
      organisationName: organisations.name,
      siren: organisations.siren,
      rna: organisations.rna,
      verifiedElsewhere: sql<
        string | null
      >`(select w.name from organisation_claims o join workspaces w on w.id = o.workspace_id
        where o.organisation_id = ${organisationClaims.organisationId} and o.status = 'verified' and o.id <> ${organisationClaims.id} limit 1)`,
    })
    .from(organisationClaims)
    .innerJoin(workspaces, eq(workspaces.id, organisationClaims.workspaceId))
    .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId))
    .orderBy(sql`${organisationClaims.status} = 'requested' desc`, desc(organisationClaims.requestedAt))
    .limit(200);
}

const NEXT: Record<
  z.infer<typeof DecideVerificationInput>["decision"],
  { from: Array<"requested" | "verified" | "refused" | "revoked">; to: "verified" | "refused" | "revoked" }
> = {
  verify: { from: ["requested", "refused", "revoked"], to: "verified" },
  refuse: { from: ["requested"], to: "refused" },
  revoke: { from: ["verified"], to: "revoked" },
};

/**
 * Verifies, refuses or revokes a claim; the operator's address and the time are kept, and the
 * claim's workspace gets an audit row. At most one workspace is verified for an organisation: a
 * second one waits until the first is revoked (CONFLICT). Operators only.
 */
export async function decideVerification(ctx: ServiceContext, input: z.infer<typeof DecideVerificationInput>) {
  await asOperator(ctx);
  const step = NEXT[input.decision];
  let row: { id: string; status: string; workspaceId: string; organisationId: string } | undefined;
  try {
    [row] = await ctx.tx
      .update(organisationClaims)
      .set({
        status: step.to,
        method: step.to === "verified" ? "operator" : null,
        decidedBy: ctx.actor.email,
        decidedAt: new Date(),
      })
      .where(and(eq(organisationClaims.id, input.id), inArray(organisationClaims.status, step.from)))
      .returning({
        id: organisationClaims.id,
        status: organisationClaims.status,
        workspaceId: organisationClaims.workspaceId,
        organisationId: organisationClaims.organisationId,
      });
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.verification.otherVerified");
    throw error;
  }
  if (!row) {
    const [exists] = await ctx.tx
      .select({ id: organisationClaims.id })
      .from(organisationClaims)
      .where(eq(organisationClaims.id, input.id));
    throw exists
      ? new AppError("CONFLICT", "errors.verification.stale")
      : new AppError("NOT_FOUND", "errors.verification.notFound");
  }
  // Invitations to co-own waiting for this workspace lapse with its verification: withdrawn.
  const withdrawn = row.status === "verified" ? 0 : await withdrawInvitationsOfClaim(ctx, row.id);
  await ctx.tx.insert(auditEvents).values({
    workspaceId: row.workspaceId,
    actorUserId: ctx.actor.userId,
    action: `verification.${input.decision}`,
    entityType: "organisation",
    entityId: row.organisationId,
    after: { status: row.status, operator: ctx.actor.email, ...(withdrawn ? { invitationsWithdrawn: withdrawn } : {}) },
    requestId: ctx.requestId,
  });
  ctx.log.info(
    { claim: row.id, status: row.status, operator: ctx.actor.email, withdrawn },
    "organisation claim decided",
  );
  return { ...row, invitationsWithdrawn: withdrawn };
}

async function withdrawInvitationsOfClaim(ctx: ServiceContext, claimId: string): Promise<number> {
  const [result] = resultRows<{ withdrawn: number }>(
    await ctx.tx.execute(sql`select app_withdraw_invitations_of_claim(${claimId}) as withdrawn`),
  );
  return Number(result?.withdrawn ?? 0);
}
