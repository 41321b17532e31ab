import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { auditEvents, organisationClaims } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import type { ServiceContext } from "../context";
import { asOperator } from "../territories/access";
import { DecideVerificationInput } from "./schemas";

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
