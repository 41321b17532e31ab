import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  auditEvents,
  identityAssertions,
  memberships,
  organisationClaims,
  organisations,
  workspaces,
} from "../../db/schema";
import { enterWorkspace, REQUEST_ROLE } from "../../db/scope";
import { compactIdentifier, isValidSiret } from "../../domain/identifiers";
import { sqlState } from "../errors";
import type { Logger } from "../log";
import { ensureWorkspaceOrganisation } from "../services/organisations/ensure-workspace-organisation";

export interface IdentityAssertionInput {
  userId: string;
  provider: string;
  subject: string;
  email: string | null;
  /** The SIRET ProConnect returned for the establishment the user acts for. */
  siret: string | null;
  acr: string | null;
}

export interface ProConnectOutcome {
  workspaceId: string;
  workspaceName: string;
  /** verified: by this sign-in or already; requested: another workspace is verified, an operator decides. */
  status: "verified" | "already" | "requested";
}

/**
 * Records what an OpenID provider said about a user as they signed in, and, for ProConnect,
 * verifies the claim of every workspace they administer whose SIREN is the first nine digits of
 * the SIRET returned: method "proconnect", decided by the user's address, now. When another
 * workspace is already verified for that organisation, the claim waits for an operator instead.
 * Runs as maillage_identity, whose policies reach only the user's own assertions and the
 * workspaces they administer. Each change leaves an audit row in the workspace concerned.
 */
export async function recordIdentityAssertion(
  db: Db,
  log: Logger,
  input: IdentityAssertionInput,
): Promise<ProConnectOutcome[]> {
  const siret = input.siret ? compactIdentifier(input.siret) : null;
  const siren = siret && isValidSiret(siret) && input.provider === "proconnect" ? siret.slice(0, 9) : null;
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.user_id', ${input.userId}, true), set_config('app.workspace_id', '', true), set_config('role', ${REQUEST_ROLE}, true)`,
    );
    if (siren) {
      // First, as the request role, every administered workspace of that SIREN gets its directory
      // entry (as asking an operator does), so there is an organisation to verify.
      const bare = await tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
        .where(
          and(
            eq(memberships.userId, input.userId),
            inArray(memberships.role, ["owner", "admin"]),
            eq(workspaces.siren, siren),
            isNull(workspaces.organisationId),
          ),
        );
      for (const workspace of bare) {
        await enterWorkspace(tx, workspace.id);
        await ensureWorkspaceOrganisation({ tx: tx as unknown as Db, workspaceId: workspace.id });
      }
    }
    await tx.execute(
      sql`select set_config('app.workspace_id', '', true), set_config('role', 'maillage_identity', true)`,
    );
    await tx.insert(identityAssertions).values({
      userId: input.userId,
      provider: input.provider,
      subject: input.subject,
      email: input.email,
      siret,
      acr: input.acr,
    });
    if (!siren || !siret) return [];

    const administered = await tx
      .select({ id: workspaces.id, name: workspaces.name, organisationId: workspaces.organisationId })
      .from(workspaces)
      .where(eq(workspaces.siren, siren));
    const outcomes: ProConnectOutcome[] = [];
    for (const workspace of administered) {
      const organisationId =
        workspace.organisationId ??
        (
          await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.siren, siren)).limit(1)
        )[0]?.id;
      if (!organisationId) continue;
      const [claim] = await tx
        .select({ status: organisationClaims.status, organisationId: organisationClaims.organisationId })
        .from(organisationClaims)
        .where(eq(organisationClaims.workspaceId, workspace.id));
      if (claim?.status === "verified" && claim.organisationId === organisationId) {
        outcomes.push({ workspaceId: workspace.id, workspaceName: workspace.name, status: "already" });
        continue;
      }
      const now = new Date();
      const verified = {
        organisationId,
        status: "verified" as const,
        method: "proconnect",
        note: `ProConnect · SIRET ${siret}${input.acr ? ` · acr ${input.acr}` : ""}`,
        requestedBy: input.userId,
        requestedAt: now,
        decidedBy: input.email,
        decidedAt: now,
      };
      let status: "verified" | "requested" = "verified";
      try {
        await tx.transaction((sp) =>
          sp
            .insert(organisationClaims)
            .values({ workspaceId: workspace.id, ...verified })
            .onConflictDoUpdate({ target: organisationClaims.workspaceId, set: verified }),
        );
      } catch (error) {
        if (sqlState(error) !== "23505") throw error;
        // Another workspace speaks for this organisation already: an operator chooses.
        status = "requested";
        const waiting = {
          organisationId,
          status: "requested" as const,
          method: null,
          note: `ProConnect · SIRET ${siret} — une autre structure est déjà vérifiée pour cette organisation.`,
          requestedBy: input.userId,
          requestedAt: now,
          decidedBy: null,
          decidedAt: null,
        };
        await tx
          .insert(organisationClaims)
          .values({ workspaceId: workspace.id, ...waiting })
          .onConflictDoUpdate({ target: organisationClaims.workspaceId, set: waiting });
      }
      await tx.insert(auditEvents).values({
        workspaceId: workspace.id,
        actorUserId: input.userId,
        action: status === "verified" ? "verification.proconnect" : "verification.request",
        entityType: "organisation",
        entityId: organisationId,
        before: { status: claim?.status ?? "none" },
        after: { status, method: status === "verified" ? "proconnect" : null, siret, acr: input.acr, by: input.email },
      });
      outcomes.push({ workspaceId: workspace.id, workspaceName: workspace.name, status });
    }
    log.info({ user: input.userId, siren, outcomes: outcomes.map((o) => o.status) }, "ProConnect sign-in recorded");
    return outcomes;
  });
}

/** The user's latest ProConnect sign-in: the SIRET it returned and when (null if never). Runs in a request scope. */
export async function latestProConnectAssertion(tx: Db, userId: string) {
  const [row] = await tx
    .select({ siret: identityAssertions.siret, acr: identityAssertions.acr, assertedAt: identityAssertions.assertedAt })
    .from(identityAssertions)
    .where(and(eq(identityAssertions.userId, userId), eq(identityAssertions.provider, "proconnect")))
    .orderBy(desc(identityAssertions.assertedAt))
    .limit(1);
  return row ?? null;
}
