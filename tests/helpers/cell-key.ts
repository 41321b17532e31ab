import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";

/**
 * What a cell made of exactly these alliances must publish (migration 0050): nothing when it
 * holds fewer than 3 alliances or 3 organisations, otherwise each count perturbed at the cell
 * key of its records.
 */
export async function published(db: Db, allianceIds: string[]) {
  const [row] = resultRows<{ alliances: number | null; organisations: number | null; n: number; o: number }>(
    await db.execute(sql`
      with a as (select unnest(${`{${allianceIds.join(",")}}`}::uuid[]) as id),
      o as (select distinct p.organisation_id as id from alliance_parties p where p.status = 'accepted' and p.alliance_id in (select id from a))
      select (select count(*)::int from a) as n, (select count(*)::int from o) as o,
        app_ckm_count((select coalesce(sum(record_key), 0) from record_keys where entity_id in (select id from a)) % 2147483648, (select count(*)::int from a)) as alliances,
        app_ckm_count((select coalesce(sum(record_key), 0) from record_keys where entity_id in (select id from o)) % 2147483648, (select count(*)::int from o)) as organisations`),
  );
  const small = row!.n < 3 || row!.o < 3;
  return { alliances: small ? null : row!.alliances, organisations: small ? null : row!.organisations };
}

/** Draws new record keys for these records, as another database would have drawn them. */
export function redrawRecordKeys(db: Db, entityIds: string[]) {
  return db.execute(
    sql`update record_keys set record_key = floor(random() * 2147483647)::int where entity_id = any(${`{${entityIds.join(",")}}`}::uuid[])`,
  );
}
