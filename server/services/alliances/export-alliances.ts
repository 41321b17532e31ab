import { and, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import type { WorkspaceContext } from "../context";
import { listConditions } from "./list-alliances";
import type { ListAlliancesInput } from "./schemas";

/** The most rows one export holds; the list's filters narrow bigger registers. */
export const EXPORT_LIMIT = 50_000;

/** One alliance as the export reads it, before it becomes cells. */
export interface AllianceExportRow {
  id: string;
  title: string;
  summary: string | null;
  key_results: string | null;
  stage: string;
  starts_on: string | null;
  ends_on: string | null;
  territory_scope: string;
  entry_doors: string[];
  tags: string[];
  modes: Array<{ mode: string; from: string; to: string | null }> | null;
  partners: Array<{ name: string; siren: string | null; rna: string | null }> | null;
  targets: Array<{ target: string; primary: boolean }> | null;
  places: string[] | null;
}

/**
 * The alliances the list's filters keep (all pages), with their partners, modes, SDG targets and
 * places gathered in SQL. Tenant: the list's own conditions (and row-level security).
 * Permission: alliances.read.
 */
export async function exportAllianceRows(
  ctx: WorkspaceContext,
  filters: Omit<ListAlliancesInput, "sort" | "direction" | "page" | "pageSize">,
) {
  const where = and(...listConditions(ctx, filters));
  return resultRows<AllianceExportRow>(
    await ctx.tx.execute(sql`
      select alliances.id, alliances.title, alliances.summary, alliances.key_results, alliances.stage,
        alliances.starts_on::text as starts_on, alliances.ends_on::text as ends_on,
        alliances.territory_scope, alliances.entry_doors, alliances.tags,
        (select json_agg(json_build_object('mode', m.mode, 'from', m.starts_on, 'to', m.ends_on) order by m.starts_on)
           from alliance_mode_periods m where m.alliance_id = alliances.id) as modes,
        (select json_agg(json_build_object('name', o.name, 'siren', o.siren, 'rna', o.rna) order by o.name)
           from alliance_parties p join organisations o on o.id = p.organisation_id
           where p.alliance_id = alliances.id and p.workspace_id is distinct from ${ctx.workspaceId}) as partners,
        (select json_agg(json_build_object('target', s.target, 'primary', s.is_primary) order by s.is_primary desc, s.goal, s.target)
           from alliance_sdg_targets s where s.alliance_id = alliances.id) as targets,
        (select array_agg(t.code order by t.code) from alliance_territories t where t.alliance_id = alliances.id) as places
      from alliances
      where ${where}
      order by alliances.title, alliances.id
      limit ${EXPORT_LIMIT}`),
  );
}
