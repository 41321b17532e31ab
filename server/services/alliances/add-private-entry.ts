import { alliancePrivateEntries } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "./access";
import { AddPrivateEntryInput } from "./schemas";

/** Adds a private timeline entry or an internal budget line. Permission: alliances.write. Audited. */
export async function addPrivateEntry(ctx: WorkspaceContext, input: AddPrivateEntryInput) {
  await requireAllianceParty(ctx, input.allianceId);
  const [entry] = await ctx.tx
    .insert(alliancePrivateEntries)
    .values({
      allianceId: input.allianceId,
      workspaceId: ctx.workspaceId,
      kind: input.kind,
      title: input.title,
      amountCents:
        input.amountEuros === null || input.amountEuros === undefined ? null : Math.round(input.amountEuros * 100),
      occurredOn: input.occurredOn,
      authorUserId: ctx.actor.userId,
    })
    .returning();
  await recordAudit(ctx, {
    action: "private.entry",
    entityType: "alliance",
    entityId: input.allianceId,
    after: { kind: input.kind, title: input.title },
  });
  return entry!;
}
