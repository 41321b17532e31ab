import { asc, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { resultRows } from "../../../db/rows";
import { allianceModePeriods, alliances, allianceSdgTargets, allianceTerritories } from "../../../db/schema";
import { compareSdgTargets } from "../../../domain/sdg";

/**
 * How the library shows a party: confirmed (its verified workspace approved the publication),
 * declared (named by the confirmed parties, see `declaredBy`), unverified (a co-owner not
 * verified for its organisation, whose name is never shown).
 */
export type PartyStanding = "confirmed" | "declared" | "unverified";

/** The mode of a published alliance now: its latest period (readable columns only). */
export const CURRENT_MODE = sql<
  string | null
>`(select m.mode from alliance_mode_periods m where m.alliance_id = ${sql.identifier("alliances")}.id order by m.starts_on desc limit 1)`;

/** Public fields of every alliance in `ids`: parties, modes, SDG targets, places. */
export async function details(tx: Db, ids: string[]) {
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

export const CARD = {
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

export function assemble<T extends { id: string }>(rows: T[], d: Awaited<ReturnType<typeof details>>) {
  return rows.map((r) => ({
    ...r,
    parties: d.parties.filter((p) => p.allianceId === r.id).map(({ allianceId: _a, ...p }) => p),
    modes: d.modes.filter((m) => m.allianceId === r.id).map(({ allianceId: _a, ...m }) => m),
    sdgTargets: d.targets.filter((s) => s.allianceId === r.id).map(({ allianceId: _a, ...s }) => s),
    places: d.places.filter((p) => p.allianceId === r.id).map(({ allianceId: _a, ...p }) => p),
  }));
}
