import { and, eq } from "drizzle-orm";
import { allianceContributions, allianceParties, workspaces } from "../../../db/schema";
import { CONTRIBUTION_KINDS, contributionValueCents, type ContributionKind } from "../../../domain/alliances";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import type { AddContributionInput } from "./schemas";
import { recordChange } from "./record-change";

/**
 * Adds an entry to the contribution ledger. Its value is the amount entered, or for hours the
 * quantity times the workspace's hourly rate. Permission: alliances.write. Audited.
 */
export async function addContribution(ctx: WorkspaceContext, input: AddContributionInput) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [party] = await ctx.tx
    .select({ id: allianceParties.id, workspaceId: allianceParties.workspaceId })
    .from(allianceParties)
    .where(and(eq(allianceParties.id, input.partyId), eq(allianceParties.allianceId, input.allianceId)));
  if (!party) throw new AppError("BAD_REQUEST", "errors.contribution.party", { field: "partyId" });
  // Each party with a workspace records its own contributions; named partners are recorded for them.
  if (party.workspaceId && party.workspaceId !== ctx.workspaceId) {
    throw new AppError("FORBIDDEN", "errors.contribution.otherParty", { field: "partyId" });
  }
  const [workspace] = await ctx.tx
    .select({ rate: workspaces.hourlyRateCents })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const kind = input.kind as ContributionKind;
  const valueCents = contributionValueCents({
    kind,
    quantity: input.quantity,
    enteredValueCents:
      input.valueEuros === null || input.valueEuros === undefined ? null : Math.round(input.valueEuros * 100),
    hourlyRateCents: workspace?.rate ?? null,
  });
  const unit = input.unit ?? CONTRIBUTION_KINDS.find((k) => k.key === kind)!.unit;
  const [entry] = await ctx.tx
    .insert(allianceContributions)
    .values({
      allianceId: input.allianceId,
      partyId: input.partyId,
      kind,
      quantity: input.quantity,
      unit,
      valueCents,
      hourlyRateCents:
        CONTRIBUTION_KINDS.find((k) => k.key === kind)!.valuedByHourlyRate && input.valueEuros == null
          ? (workspace?.rate ?? null)
          : null,
      occurredOn: input.occurredOn,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "contribution.add",
    detail: { kind, quantity: input.quantity, unit },
    after: { kind, quantity: input.quantity, unit, valueCents, occurredOn: input.occurredOn },
  });
  return entry!;
}
