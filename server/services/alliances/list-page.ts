import { can } from "../../../domain/roles";
import type { WorkspaceContext } from "../context";
import { atRiskCount } from "../evaluation/health";
import { searchPartners } from "../organisations/search-partners";
import { listAlliances } from "./list-alliances";
import { listIncomingInvitations } from "./list-incoming-invitations";
import { listMentionRequests } from "./list-mention-requests";
import { listSavedViews } from "./list-saved-views";
import type { ListAlliancesInput } from "./schemas";

/**
 * Everything the alliance list page shows besides the workspace frame, read in one transaction
 * instead of six calls: the page of alliances, the saved views, co-ownership invitations and
 * mention requests waiting for an answer, how many alliances are at risk, and the partner the
 * list is filtered by (named only for roles that may read organisations). The same service
 * functions answer as their own procedures. Permission: alliances.read.
 */
export async function allianceListPage(ctx: WorkspaceContext, filters: ListAlliancesInput) {
  const list = await listAlliances(ctx, filters);
  // Three plain reads sent together on the transaction's connection (one round trip, not three).
  // The list and the at-risk count stay one after the other: both may store figures, and two
  // savepoints must not interleave.
  const [views, incoming, mentions] = await Promise.all([
    listSavedViews(ctx),
    listIncomingInvitations(ctx),
    listMentionRequests(ctx),
  ]);
  const atRisk = await atRiskCount(ctx);
  const partner =
    filters.partnerId && can(ctx.role, "organisations.read")
      ? ((await searchPartners(ctx, { id: filters.partnerId }))[0] ?? null)
      : null;
  return { list, views, incoming, mentions, atRisk, partner };
}
