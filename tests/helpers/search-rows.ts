import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";

/**
 * How many rows of workspace_alliance_search differ from what their definition gives (migration
 * 0065): rows missing, rows in excess, and rows whose copied columns are stale, counted together.
 * Read as the database owner, so every workspace's rows are seen; `allianceIds` keeps to those.
 */
export async function searchRowsDrift(db: Db, allianceIds?: string[]): Promise<{ drift: number; rows: number }> {
  const only = (column: ReturnType<typeof sql>) =>
    allianceIds ? sql`${column} = any(${`{${allianceIds.join(",")}}`}::uuid[])` : sql`true`;
  const [row] = resultRows<{ drift: string; rows: string }>(
    await db.execute(sql`with expected as (
        select p.workspace_id, a.id as alliance_id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at, a.archived_at, a.created_at, a.search_vector
        from alliances a join alliance_parties p on p.alliance_id = a.id
        where p.status = 'accepted' and p.workspace_id is not null and ${only(sql`a.id`)}),
      kept as (select workspace_id, alliance_id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at, search_vector
        from workspace_alliance_search where ${only(sql`alliance_id`)})
      select (select count(*) from ((select * from expected except all select * from kept) union all (select * from kept except all select * from expected)) d) as drift,
        (select count(*) from kept) as rows`),
  );
  return { drift: Number(row!.drift), rows: Number(row!.rows) };
}
