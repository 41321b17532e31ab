import { NetworkFilters, TerritoryNetworkInput } from "../../services/network/schemas";
import { workspaceNetwork, workspaceNetworkValues } from "../../services/network/workspace-network";
import { territoryNetwork } from "../../services/territories/territory-network";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const networkRouter = router({
  /** The workspace's organisations and alliances as a network, with its hubs, bridges and lone alliances. */
  workspace: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(NetworkFilters)
    .query(({ ctx, input }) => workspaceNetwork(ctx.workspace, withoutSlug(input))),
  /** The value of each alliance of the workspace's network, asked apart so the graph is drawn before it comes. */
  values: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(NetworkFilters)
    .query(({ ctx, input }) => workspaceNetworkValues(ctx.workspace, withoutSlug(input))),
  /** A coordinator's network of consenting alliances inside one of its approved territories. */
  territory: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(TerritoryNetworkInput)
    .query(({ ctx, input }) => territoryNetwork(ctx.workspace, withoutSlug(input))),
});
