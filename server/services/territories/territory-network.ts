import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { summarizeNetwork } from "../../../domain/network";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { assembleNetwork } from "../network/workspace-network";
import type { TerritoryNetworkInput } from "../network/schemas";
import { coordinatorAccess } from "./access";

/**
 * A coordinator's network of an area inside its approved territories: the alliances whose
 * parties all consented to show them to the territory (the rule of the territorial details),
 * with their organisations. A party without a workspace never consented: it is shown by its kind
 * only, and the count of each kind covers named and unnamed alike. Outside its territories, or
 * without an approved coordination, refused. Permission: alliances.read.
 */
export async function territoryNetwork(ctx: WorkspaceContext, input: TerritoryNetworkInput) {
  const { inside } = await coordinatorAccess(ctx, input.level, input.code);
  if (!inside) throw new AppError("FORBIDDEN", "errors.coordination.outside");
  const rows = resultRows<{
    id: string;
    title: string;
    stage: string;
    mode: string | null;
    year: number | null;
    organisation: string;
    name: string | null;
    kind: string;
    named: boolean;
  }>(
    await ctx.tx.execute(
      sql`select * from app_territory_network(${input.level}, ${input.code}, ${input.mode ?? null}, ${input.sdgGoal ?? null}, ${input.stage ?? null}, ${input.year ?? null})`,
    ),
  );
  const network = assembleNetwork(rows, null);
  return {
    ...network,
    summary: summarizeNetwork(network),
    unnamed: network.organisations.filter((o) => !o.name).length,
  };
}
