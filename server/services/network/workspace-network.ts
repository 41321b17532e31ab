import { and, eq, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { workspaces } from "../../../db/schema";
import { type Network, type NetworkOrganisation, summarizeNetwork } from "../../../domain/network";
import type { WorkspaceContext } from "../context";
import { CURRENT_MODE, listConditions } from "../alliances/list-alliances";
import type { NetworkFilters } from "./schemas";

/** Years as the list understands them: alliances running at some point of that year. */
export const yearBounds = (year: number | undefined) =>
  year ? { from: `${year}-01-01`, to: `${year}-12-31` } : { from: undefined, to: undefined };

/** The list's conditions for the network's filters. */
function networkConditions(ctx: WorkspaceContext, filters: NetworkFilters) {
  return and(
    ...listConditions(ctx, {
      archived: false,
      mode: filters.mode,
      sdgGoal: filters.sdgGoal,
      stage: filters.stage,
      ...yearBounds(filters.year),
    }),
  );
}

/**
 * The workspace's alliances as a network: every organisation that takes part in one of them (the
 * workspace's own included), every alliance as a link between its accepted parties, with its
 * current mode, stage and year of start; filtered like the list (mode, SDG goal, stage, year).
 * Read under the workspace's row-level security, with the list's own tenant condition. The
 * value of each alliance comes apart (`workspaceNetworkValues`): reading the contributions is
 * most of the cost, and the graph can be drawn before it. Permission: alliances.read.
 */
export async function workspaceNetwork(ctx: WorkspaceContext, filters: NetworkFilters) {
  const [rows, [workspace]] = await Promise.all([
    // Materialized so the current mode is looked up once per alliance, not once per party.
    ctx.tx.execute(sql`
      with listed as materialized (
        select alliances.id, alliances.title, alliances.stage::text as stage, ${CURRENT_MODE} as mode,
          extract(year from alliances.starts_on)::int as year
        from alliances where ${networkConditions(ctx, filters)}
      )
      select l.id, l.title, l.stage, l.mode, l.year, p.organisation_id, o.name, o.kind::text as kind
      from listed l
      join alliance_parties p on p.alliance_id = l.id and p.status = 'accepted'
      join organisations o on o.id = p.organisation_id
      order by l.id`),
    ctx.tx
      .select({ organisationId: workspaces.organisationId })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId)),
  ]);
  const network = assembleNetwork(
    resultRows<{
      id: string;
      title: string;
      stage: string;
      mode: string | null;
      year: number | null;
      organisation_id: string;
      name: string;
      kind: string;
    }>(rows).map((r) => ({ ...r, organisation: r.organisation_id, named: true })),
    workspace?.organisationId ?? null,
  );
  return { ...network, summary: summarizeNetwork(network) };
}

/**
 * The value of the contributions of each alliance of the workspace's network (same filters), in
 * euro cents, as [alliance id, cents] pairs for the alliances that have any. Permission: alliances.read.
 */
export async function workspaceNetworkValues(ctx: WorkspaceContext, filters: NetworkFilters) {
  const rows = resultRows<{ id: string; cents: number }>(
    await ctx.tx.execute(sql`
      select c.alliance_id as id, sum(c.value_cents)::float8 as cents
      from alliance_contributions c
      where c.alliance_id in (select alliances.id from alliances where ${networkConditions(ctx, filters)})
      group by c.alliance_id`),
  );
  return rows.filter((r) => r.cents > 0).map((r) => [r.id, r.cents] as [string, number]);
}

/**
 * A network from rows of (alliance, one of its organisations), sorted by alliance. An
 * organisation shown without its name gets no id; `organisation` still tells it apart within this
 * answer only.
 */
export function assembleNetwork(
  rows: Array<{
    id: string;
    title: string;
    stage: string;
    mode: string | null;
    year: number | null;
    organisation: string;
    name: string | null;
    kind: string;
    named: boolean;
  }>,
  ownOrganisation: string | null,
): Network {
  const organisations: NetworkOrganisation[] = [];
  const index = new Map<string, number>();
  const alliances: Network["alliances"] = [];
  for (const row of rows) {
    let alliance = alliances[alliances.length - 1];
    if (!alliance || alliance.id !== row.id) {
      alliance = {
        id: row.id,
        title: row.title,
        mode: row.mode,
        stage: row.stage,
        year: row.year,
        parties: [],
      };
      alliances.push(alliance);
    }
    let i = index.get(row.organisation);
    if (i === undefined) {
      i = organisations.length;
      index.set(row.organisation, i);
      organisations.push({
        id: row.named ? row.organisation : null,
        name: row.named ? row.name : null,
        kind: row.kind,
        alliances: 0,
      });
    }
    if (!alliance.parties.includes(i)) {
      alliance.parties.push(i);
      organisations[i]!.alliances++;
    }
  }
  return { organisations, alliances, own: ownOrganisation === null ? null : (index.get(ownOrganisation) ?? null) };
}
