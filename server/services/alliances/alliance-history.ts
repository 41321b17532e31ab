import type { WorkspaceContext } from "../context";
import { requireAllianceParty } from "./access";
import { sharedHistory } from "./shared-history";

/**
 * The alliance's shared history: which organisation and which person changed what, as every
 * co-owning party sees it. Permission: alliances.read.
 */
export async function allianceHistory(ctx: WorkspaceContext, allianceId: string) {
  await requireAllianceParty(ctx, allianceId);
  return sharedHistory(ctx, allianceId);
}
