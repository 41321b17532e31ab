import { and, asc, desc, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { alliances } from "../../../db/schema";
import { withPublicScope } from "../../../db/scope";
import { LibraryFilters } from "./schemas";
import { CURRENT_MODE, details, CARD, assemble } from "./published-details";

export const LIBRARY_PAGE_SIZE = 20;

/**
 * Published alliances, newest first, filtered in SQL by current mode, SDG goal and région or
 * département. Runs as maillage_public: row-level security keeps what is not published out.
 */
export async function listPublished(db: Db, filters: LibraryFilters) {
  return withPublicScope(db, async (tx) => {
    const where: SQL[] = [];
    if (filters.mode) where.push(sql`${CURRENT_MODE} = ${filters.mode}`);
    if (filters.goal)
      where.push(
        sql`exists (select 1 from alliance_sdg_targets s where s.alliance_id = ${alliances.id} and s.goal = ${filters.goal})`,
      );
    if (filters.region)
      where.push(
        sql`exists (select 1 from alliance_territories t where t.alliance_id = ${alliances.id} and t.region_code = ${filters.region})`,
      );
    if (filters.departement)
      where.push(
        sql`exists (select 1 from alliance_territories t where t.alliance_id = ${alliances.id} and t.departement_code = ${filters.departement})`,
      );
    const condition = where.length ? and(...where) : undefined;
    const [rows, [count]] = await Promise.all([
      tx
        .select(CARD)
        .from(alliances)
        .where(condition)
        .orderBy(desc(alliances.updatedAt), asc(alliances.id))
        .limit(LIBRARY_PAGE_SIZE)
        .offset((filters.page - 1) * LIBRARY_PAGE_SIZE),
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(alliances)
        .where(condition),
    ]);
    const d = await details(
      tx,
      rows.map((r) => r.id),
    );
    return { items: assemble(rows, d), total: count?.n ?? 0, page: filters.page, pageSize: LIBRARY_PAGE_SIZE };
  });
}
