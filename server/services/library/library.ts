import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { resultRows } from "../../../db/rows";
import { allianceModePeriods, alliances, allianceSdgTargets, allianceTerritories } from "../../../db/schema";
import { withPublicScope } from "../../../db/scope";
import { compareSdgTargets } from "../../../domain/sdg";
import { LibraryFilters } from "./schemas";

export const LIBRARY_PAGE_SIZE = 20;

/**
 * How the library shows a party: confirmed (its verified workspace approved the publication),
 * declared (named by the confirmed parties, see `declaredBy`), unverified (a co-owner not
 * verified for its organisation, whose name is never shown).
 */
export type PartyStanding = "confirmed" | "declared" | "unverified";

/** The mode of a published alliance now: its latest period (readable columns only). */
const CURRENT_MODE = sql<
  string | null
>`(select m.mode from alliance_mode_periods m where m.alliance_id = ${sql.identifier("alliances")}.id order by m.starts_on desc limit 1)`;

/** Public fields of every alliance in `ids`: parties, modes, SDG targets, places. */
async function details(tx: Db, ids: string[]) {
  if (ids.length === 0) return { parties: [], modes: [], targets: [], places: [] };
  const [parties, modes, targets, places] = await Promise.all([
    // Who is named, and how, is decided in SQL by who speaks for each organisation (migration 0048).
    tx.execute(sql`select * from app_public_parties(${`{${ids.join(",")}}`}::uuid[])`).then((result) =>
      resultRows<{
        alliance_id: string;
        name: string | null;
        kind: string;
        role: string;
        standing: PartyStanding;
        declared_by: string | null;
      }>(result).map((r) => ({
        allianceId: r.alliance_id,
        name: r.name,
        kind: r.kind,
        role: r.role,
        standing: r.standing,
        declaredBy: r.declared_by,
      })),
    ),
    tx
      .select({
        allianceId: allianceModePeriods.allianceId,
        mode: allianceModePeriods.mode,
        startsOn: allianceModePeriods.startsOn,
        endsOn: allianceModePeriods.endsOn,
      })
      .from(allianceModePeriods)
      .where(inArray(allianceModePeriods.allianceId, ids))
      .orderBy(asc(allianceModePeriods.startsOn)),
    tx
      .select({
        allianceId: allianceSdgTargets.allianceId,
        target: allianceSdgTargets.target,
        goal: allianceSdgTargets.goal,
        isPrimary: allianceSdgTargets.isPrimary,
      })
      .from(allianceSdgTargets)
      .where(inArray(allianceSdgTargets.allianceId, ids))
      .orderBy(asc(allianceSdgTargets.goal), asc(allianceSdgTargets.target)),
    tx
      .select({
        allianceId: allianceTerritories.allianceId,
        level: allianceTerritories.level,
        code: allianceTerritories.code,
      })
      .from(allianceTerritories)
      .where(inArray(allianceTerritories.allianceId, ids)),
  ]);
  // Official order of targets (17.2 before 17.10), which text order breaks.
  targets.sort((a, b) => compareSdgTargets(a.target, b.target));
  return { parties, modes, targets, places };
}

const CARD = {
  id: alliances.id,
  title: alliances.title,
  summary: alliances.summary,
  keyResults: alliances.keyResults,
  startsOn: alliances.startsOn,
  endsOn: alliances.endsOn,
  territoryScope: alliances.territoryScope,
  updatedAt: alliances.updatedAt,
  mode: CURRENT_MODE,
};

function assemble<T extends { id: string }>(rows: T[], d: Awaited<ReturnType<typeof details>>) {
  return rows.map((r) => ({
    ...r,
    parties: d.parties.filter((p) => p.allianceId === r.id).map(({ allianceId: _a, ...p }) => p),
    modes: d.modes.filter((m) => m.allianceId === r.id).map(({ allianceId: _a, ...m }) => m),
    sdgTargets: d.targets.filter((s) => s.allianceId === r.id).map(({ allianceId: _a, ...s }) => s),
    places: d.places.filter((p) => p.allianceId === r.id).map(({ allianceId: _a, ...p }) => p),
  }));
}

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

/** One published alliance, or null when it is not (or no longer) published. */
export async function getPublished(db: Db, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return withPublicScope(db, async (tx) => {
    const rows = await tx.select(CARD).from(alliances).where(eq(alliances.id, id));
    if (rows.length === 0) return null;
    return assemble(rows, await details(tx, [id]))[0]!;
  });
}

/** Every published alliance's id and last update, for the sitemap (bounded by the sitemap format's 50,000 entries). */
export async function publishedForSitemap(db: Db) {
  return withPublicScope(db, (tx) =>
    tx
      .select({ id: alliances.id, updatedAt: alliances.updatedAt })
      .from(alliances)
      .orderBy(desc(alliances.updatedAt), asc(alliances.id))
      .limit(50_000),
  );
}
