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
  const views = await listSavedViews(ctx);
  const incoming = await listIncomingInvitations(ctx);
  const mentions = await listMentionRequests(ctx);
  const atRisk = await atRiskCount(ctx);
  const partner =
    filters.partnerId && can(ctx.role, "organisations.read")
      ? ((await searchPartners(ctx, { id: filters.partnerId }))[0] ?? null)
      : null;
  return { list, views, incoming, mentions, atRisk, partner };
}
