import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";

/**
 * How many rows of workspace_alliance_search differ from what their definition gives (migrations
 * 0065 and 0066): rows missing, rows in excess, and rows whose copied columns or figures are
 * stale, counted together. The figures are worked out here on their own, from the child tables,
 * rather than through the migration's view. Read as the database owner, so every workspace's rows
 * are seen; `allianceIds` keeps to those.
 */
export async function searchRowsDrift(db: Db, allianceIds?: string[]): Promise<{ drift: number; rows: number }> {
  const only = (column: ReturnType<typeof sql>) =>
    allianceIds ? sql`${column} = any(${`{${allianceIds.join(",")}}`}::uuid[])` : sql`true`;
  const [row] = resultRows<{ drift: string; rows: string }>(
    await db.execute(sql`with expected as (
        select p.workspace_id, a.id as alliance_id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at, a.archived_at,
          a.created_at, app_scoped_vector(p.workspace_id, a.search_vector) as scoped_vector,
          (select (array_agg(m.mode order by m.starts_on desc))[1] from alliance_mode_periods m where m.alliance_id = a.id) as current_mode,
          (select count(*)::int from (select distinct g.question_key from alliance_guide_answers g
            where g.alliance_id = a.id and g.stage = a.stage::text) d) as guide_answered,
          (select array_agg(o.name order by o.name) from alliance_parties q, organisations o
            where o.id = q.organisation_id and q.alliance_id = a.id and (q.workspace_id is null or q.workspace_id <> p.workspace_id)) as partner_names,
          (select max(e.closed_at) from evaluation_cycles e where e.alliance_id = a.id and e.status = 'closed') as last_closed_at,
          exists (select 1 from evaluation_cycles e where e.alliance_id = a.id and e.status = 'open') as cycle_running,
          (select array_agg(g.goal order by g.goal) from (select distinct t.goal from alliance_sdg_targets t where t.alliance_id = a.id) g) as goal_list,
          (select t.goal from alliance_sdg_targets t where t.alliance_id = a.id and t.is_primary order by t.goal limit 1) as primary_goal
        from alliances a join alliance_parties p on p.alliance_id = a.id
        where p.status = 'accepted' and p.workspace_id is not null and ${only(sql`a.id`)}),
      kept as (select workspace_id, alliance_id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at,
          scoped_vector, current_mode, guide_answered, partner_names, last_closed_at, cycle_running, goal_list, primary_goal
        from workspace_alliance_search where ${only(sql`alliance_id`)})
      select (select count(*) from ((select * from expected except all select * from kept) union all (select * from kept except all select * from expected)) d) as drift,
        (select count(*) from kept) as rows`),
  );
  return { drift: Number(row!.drift), rows: Number(row!.rows) };
}
