import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";
import {
  BATCH,
  type Batch,
  Expansion,
  expandAll,
  KEY_MODULUS,
  type Money,
  organisationKinds,
  asStatistician,
  type Organisations,
  optedOutWorkspaces,
  span,
} from "./cell-expansion";

/**
 * The summary behind the territorial dashboard's unfiltered figures.
 *
 * Counting live, one call aggregates every alliance of the area for every breakdown: at national
 * scale (1.2 million alliances) that is 10–30 s per call. The cells do not add up across keys
 * (an alliance has several SDG targets and territories) and the organisation count is distinct
 * per cell, so SQL has to expand each alliance into all its (area, breakdown, key) cells, about
 * 37 million rows, and then 90 million (cell, organisation) pairs to deduplicate: minutes.
 *
 * Here PostgreSQL only reads each table once, in ranges of alliance ids, and the expansion is
 * done in memory with integer cell numbers: each alliance lists its cells once; organisations
 * are then walked one by one over their alliances, marking each cell with the last
 * organisation counted so every (cell, organisation) pair counts once without any set.
 *
 * Runs as maillage_statistician (reads across workspaces, writes only the summary) in one
 * repeatable-read transaction, so the figures are one consistent snapshot. The summary is
 * replaced whole and holds true figures with their cell keys; app_territory_counts perturbs them
 * when reading (the cell key method, migration 0050), exactly as it perturbs live counts.
 */

export interface RefreshResult {
  alliances: number;
  cells: number;
  durationMs: number;
  /** True when another process was already computing it: nothing was done. */
  skipped?: boolean;
}

/** Each counted alliance in France, its régions and départements, with the maps' cells. */
class TerritoryExpansion extends Expansion {
  constructor(
    optedOut: Set<string>,
    organisations: Organisations,
    private money: Map<string, Money>,
  ) {
    super(optedOut, organisations);
  }

  private areaIds: number[] = [];

  addBatch(batch: Batch) {
    const at = { parties: { at: 0 }, modes: { at: 0 }, targets: { at: 0 }, territories: { at: 0 } };
    for (const alliance of batch.alliances) {
      const [p0, p1] = span(batch.parties, at.parties, alliance.id);
      const [m0, m1] = span(batch.modes, at.modes, alliance.id);
      const [s0, s1] = span(batch.targets, at.targets, alliance.id);
      const [t0, t1] = span(batch.territories, at.territories, alliance.id);
      if (!this.begin(alliance, batch.parties, p0, p1, this.money.get(alliance.id))) continue;

      this.key("total", "total");
      this.key("stage", alliance.stage);
      // Mode periods come ordered by start: the last one is the current mode.
      if (m1 > m0) this.key("mode", batch.modes[m1 - 1]!.mode);
      if (alliance.year !== null) this.key("year", String(alliance.year));
      let goals = 0;
      for (let i = s0; i < s1; i++) {
        const { goal, target } = batch.targets[i]!;
        if (!(goals & (1 << goal))) this.key("goal", String(goal));
        goals |= 1 << goal;
        this.key("target", target);
      }
      for (const kind of this.kindsHere) this.key("kind", kind);

      const areas = this.areaIds;
      areas.length = 0;
      areas.push(this.france);
      for (let i = t0; i < t1; i++) {
        const t = batch.territories[i]!;
        if (t.region_code) areas.push(this.cells.areaId("region", t.region_code));
        if (t.departement_code) areas.push(this.cells.areaId("departement", t.departement_code));
      }
      this.addToAreas(areas);
      // The maps: départements and régions of France, départements of a région, communes and EPCI of a département.
      for (let i = t0; i < t1; i++) {
        const t = batch.territories[i]!;
        if (t.departement_code) this.map(this.france, "departement", t.departement_code);
        if (t.region_code) this.map(this.france, "region", t.region_code);
        if (t.region_code && t.departement_code)
          this.map(this.cells.areaId("region", t.region_code), "departement", t.departement_code);
        if ((t.level === "commune" || t.level === "epci") && t.departement_code)
          this.map(this.cells.areaId("departement", t.departement_code), t.level, t.code);
      }
      this.end();
    }
  }
}

/**
 * Recomputes the whole summary. Safe to run while the app serves: readers see the old one until
 * commit. `batch`: alliances read at a time (the tests ask for a few, to cross batch boundaries).
 */
export async function refreshTerritoryStatistics(
  db: Db,
  { batch = BATCH }: { batch?: number } = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const result = await asStatistician(db, "maillage.territory_statistics", async (q, tx) => {
    const optedOut = await optedOutWorkspaces(q);
    const kinds = await organisationKinds(q);
    // Contributions are spread over the whole table: one sequential pass beats a range per batch.
    const money = new Map<string, Money>();
    for (const m of await q<{ alliance_id: string; cents: string | null; hours: string | null; ckey: string }>(
      sql`select x.alliance_id, sum(x.value_cents)::text as cents, (sum(x.quantity) filter (where x.unit = 'heure'))::text as hours,
              (sum(rk.record_key) % ${KEY_MODULUS})::text as ckey
            from alliance_contributions x join record_keys rk on rk.entity_id = x.id group by x.alliance_id`,
    )) {
      money.set(m.alliance_id, [m.cents ? Number(m.cents) : 0, m.hours ? Number(m.hours) : 0, Number(m.ckey)]);
    }

    const expansion = new TerritoryExpansion(optedOut, kinds, money);
    await expandAll(q, expansion, batch);
    const cells = expansion.cells;
    const { organisations, keys: organisationKeys } = expansion.organisationsPerCell();
    const counted = expansion.counted;

    await tx.execute(sql`delete from territory_statistics`);
    for (let from = 0; from < cells.size; from += 5_000) {
      const rows = [];
      for (let i = from; i < Math.min(from + 5_000, cells.size); i++) {
        const [level, code] = cells.areaOf(i);
        rows.push({
          level,
          code,
          dimension: cells.dimension[i],
          key: cells.key[i],
          alliances: cells.alliances[i],
          organisations: organisations[i],
          cents: Math.round(cells.cents[i]!),
          hours: Math.round(cells.hours[i]! * 100) / 100,
          alliance_key: cells.allianceKey[i],
          organisation_key: organisationKeys[i],
          amount_key: cells.amountKey[i],
          largest_cents: Math.round(cells.largestCents[i]!),
          largest_hours: Math.round(cells.largestHours[i]! * 100) / 100,
        });
      }
      // One JSON parameter per slice: the statement stays the same size whatever the slice.
      await tx.execute(sql`insert into territory_statistics (level, code, dimension, key, alliances, organisations, cents, hours,
            alliance_key, organisation_key, amount_key, largest_cents, largest_hours)
          select level, code, dimension, key, alliances, organisations, cents, hours, alliance_key, organisation_key, amount_key, largest_cents, largest_hours
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(level text, code text, dimension text, key text, alliances int, organisations int, cents bigint, hours numeric,
              alliance_key bigint, organisation_key bigint, amount_key bigint, largest_cents bigint, largest_hours numeric)`);
    }
    const durationMs = Math.round(performance.now() - started);
    await tx.execute(sql`insert into territory_statistics_refreshes (singleton, refreshed_at, duration_ms, alliances, cells)
        values (true, now(), ${durationMs}, ${counted}, ${cells.size})
        on conflict (singleton) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms,
          alliances = excluded.alliances, cells = excluded.cells`);
    return { alliances: counted, cells: cells.size, durationMs };
  });
  return result ?? { alliances: 0, cells: 0, durationMs: 0, skipped: true };
}

/** When the summary was last computed, or null if never. */
export async function territoryStatisticsRefreshedAt(db: Db): Promise<Date | null> {
  const [row] = resultRows<{ at: string | Date | null }>(
    await db.execute(sql`select app_territory_statistics_refreshed_at() as at`),
  );
  return row?.at ? new Date(row.at) : null;
}
