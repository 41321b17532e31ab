import { and, eq, sql } from "drizzle-orm";
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

/** Removes a ledger entry recorded for this workspace's party or a named partner. Permission: alliances.write. Audited. */
export async function deleteContribution(ctx: WorkspaceContext, input: { allianceId: string; contributionId: string }) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  const [removed] = await ctx.tx
    .delete(allianceContributions)
    .where(
      and(
        eq(allianceContributions.id, input.contributionId),
        eq(allianceContributions.allianceId, input.allianceId),
        sql`exists (select 1 from alliance_parties p where p.id = ${allianceContributions.partyId} and (p.workspace_id is null or p.workspace_id = ${ctx.workspaceId}))`,
      ),
    )
    .returning();
  if (!removed) throw new AppError("NOT_FOUND", "errors.contribution.notFound");
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "contribution.delete",
    detail: { kind: removed.kind, quantity: removed.quantity, unit: removed.unit },
    before: {
      kind: removed.kind,
      quantity: removed.quantity,
      unit: removed.unit,
      valueCents: removed.valueCents,
      occurredOn: removed.occurredOn,
    },
  });
}

/** Ledger totals in euro cents: per party, per kind and per year (entries without a value are counted apart). */
export function contributionTotals(
  entries: Array<{ partyId: string; kind: string; valueCents: number | null; occurredOn: string }>,
) {
  const add = (map: Map<string, number>, key: string, cents: number) => map.set(key, (map.get(key) ?? 0) + cents);
  const byParty = new Map<string, number>();
  const byKind = new Map<string, number>();
  const byYear = new Map<string, number>();
  let total = 0;
  let unvalued = 0;
  for (const e of entries) {
    if (e.valueCents === null) {
      unvalued++;
      continue;
    }
    total += e.valueCents;
    add(byParty, e.partyId, e.valueCents);
    add(byKind, e.kind, e.valueCents);
    add(byYear, e.occurredOn.slice(0, 4), e.valueCents);
  }
  return {
    total,
    unvalued,
    byParty: Object.fromEntries(byParty),
    byKind: Object.fromEntries(byKind),
    byYear: Object.fromEntries(byYear),
  };
}
