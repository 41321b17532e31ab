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

/**
 * The workspace's alliances as a network: every organisation that takes part in one of them (the
 * workspace's own included), every alliance as a link between its accepted parties, with its
 * current mode, stage, year of start and the value of its contributions; filtered like the list
 * (mode, SDG goal, stage, year). Read under the workspace's row-level security, with the list's
 * own tenant condition. Permission: alliances.read.
 */
export async function workspaceNetwork(ctx: WorkspaceContext, filters: NetworkFilters) {
  const where = listConditions(ctx, {
    archived: false,
    mode: filters.mode,
    sdgGoal: filters.sdgGoal,
    stage: filters.stage,
    ...yearBounds(filters.year),
  });
  const [rows, [workspace]] = await Promise.all([
    ctx.tx.execute(sql`
      with listed as (
        select alliances.id, alliances.title, alliances.stage::text as stage, ${CURRENT_MODE} as mode,
          extract(year from alliances.starts_on)::int as year
        from alliances where ${and(...where)}
      )
      select l.id, l.title, l.stage, l.mode, l.year,
        coalesce((select sum(c.value_cents) from alliance_contributions c where c.alliance_id = l.id), 0)::float8 as cents,
        p.organisation_id, o.name, o.kind::text as kind
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
      cents: number;
      organisation_id: string;
      name: string;
      kind: string;
    }>(rows).map((r) => ({ ...r, organisation: r.organisation_id, named: true })),
    workspace?.organisationId ?? null,
  );
  return { ...network, summary: summarizeNetwork(network) };
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
    cents: number;
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
        cents: row.cents,
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
        cents: 0,
      });
    }
    if (!alliance.parties.includes(i)) {
      alliance.parties.push(i);
      organisations[i]!.alliances++;
      organisations[i]!.cents += row.cents;
    }
  }
  return { organisations, alliances, own: ownOrganisation === null ? null : (index.get(ownOrganisation) ?? null) };
}
