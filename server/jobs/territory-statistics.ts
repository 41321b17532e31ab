import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";

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

const BATCH = 20_000;

interface Party {
  alliance_id: string;
  organisation_id: string;
  workspace_id: string | null;
}
interface Territory {
  alliance_id: string;
  level: string;
  code: string;
  departement_code: string | null;
  region_code: string | null;
}

/** A growable Int32Array: tens of millions of cell numbers without boxing each one. */
class IntList {
  data = new Int32Array(1 << 16);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

/** Small integer ids for the strings of one namespace. */
class Dictionary {
  private ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/**
 * The cells met so far: an area ("france", a région, a département) crossed with a key of a
 * dimension, numbered in the order they are first met, with their running totals.
 */
class Cells {
  readonly areas = new Dictionary();
  private keys = new Map<string, Map<string, number>>();
  private keyCount = 0;
  /** Per area, cell number + 1 by key id (0: not met yet). */
  private byArea: Int32Array[] = [];
  readonly area: number[] = [];
  readonly dimension: string[] = [];
  readonly key: string[] = [];
  readonly alliances: number[] = [];
  readonly cents: number[] = [];
  readonly hours: number[] = [];
  /** Cell keys (sums of record keys modulo 2^31) of the alliances and of their contributions, and the largest alliance amounts (migration 0050). */
  readonly allianceKey: number[] = [];
  readonly amountKey: number[] = [];
  readonly largestCents: number[] = [];
  readonly largestHours: number[] = [];
  /** The last alliance that touched each cell, so an alliance counts once per cell. */
  readonly stamp: number[] = [];

  areaId(level: string, code: string): number {
    return this.areas.id(`${level}|${code}`);
  }
  /** A dense number for a (dimension, key) pair. */
  keyId(dimension: string, key: string): number {
    let keys = this.keys.get(dimension);
    if (!keys) this.keys.set(dimension, (keys = new Map()));
    let id = keys.get(key);
    if (id === undefined) keys.set(key, (id = this.keyCount++));
    return id;
  }
  id(area: number, keyId: number, dimension: string, key: string): number {
    let table = this.byArea[area];
    if (!table || table.length <= keyId) {
      const grown = new Int32Array(Math.max(256, this.keyCount * 2));
      if (table) grown.set(table);
      this.byArea[area] = table = grown;
    }
    let id = table[keyId]! - 1;
    if (id < 0) {
      id = this.area.length;
      table[keyId] = id + 1;
      this.area.push(area);
      this.dimension.push(dimension);
      this.key.push(key);
      this.alliances.push(0);
      this.cents.push(0);
      this.hours.push(0);
      this.allianceKey.push(0);
      this.amountKey.push(0);
      this.largestCents.push(0);
      this.largestHours.push(0);
      this.stamp.push(-1);
    }
    return id;
  }
  get size() {
    return this.area.length;
  }
}

export interface RefreshResult {
  alliances: number;
  cells: number;
  durationMs: number;
  /** True when another process was already computing it: nothing was done. */
  skipped?: boolean;
}

/** Where the rows of one alliance start and end in `rows` (sorted by alliance_id), advancing a cursor. */
function span(rows: Array<{ alliance_id: string }>, cursor: { at: number }, allianceId: string): [number, number] {
  // Ids compare as strings the way PostgreSQL orders uuids (lower-case hexadecimal).
  while (cursor.at < rows.length && rows[cursor.at]!.alliance_id < allianceId) cursor.at++;
  const from = cursor.at;
  while (cursor.at < rows.length && rows[cursor.at]!.alliance_id === allianceId) cursor.at++;
  return [from, cursor.at];
}

/** Cell keys are sums of record keys modulo 2^31, kept exact in doubles by reducing at each step. */
export const KEY_MODULUS = 2147483648;

interface Batch {
  alliances: Array<{ id: string; stage: string; year: number | null; record_key: number }>;
  parties: Party[];
  modes: Array<{ alliance_id: string; mode: string; starts_on: string }>;
  targets: Array<{ alliance_id: string; goal: number; target: string }>;
  territories: Territory[];
}

type Query = <T>(query: SQL) => Promise<T[]>;

/** The next BATCH alliances after `after`, with their parties, modes, SDG targets and territories, read by id range. */
async function readBatch(q: Query, after: string | null): Promise<Batch> {
  const alliances = await q<Batch["alliances"][number]>(
    sql`select a.id, a.stage::text as stage, extract(year from a.starts_on)::int as year, rk.record_key from alliances a
        join record_keys rk on rk.entity_id = a.id
        where a.archived_at is null ${after ? sql`and a.id > ${after}` : sql``} order by a.id limit ${BATCH}`,
  );
  if (alliances.length === 0) return { alliances, parties: [], modes: [], targets: [], territories: [] };
  const lo = alliances[0]!.id;
  const hi = alliances[alliances.length - 1]!.id;
  const inRange = (table: SQL, columns: SQL, where: SQL = sql``) =>
    sql`select ${columns} from ${table} where alliance_id >= ${lo} and alliance_id <= ${hi} ${where} order by alliance_id`;
  const [parties, modes, targets, territories] = await Promise.all([
    q<Party>(
      inRange(sql`alliance_parties`, sql`alliance_id, organisation_id, workspace_id`, sql`and status = 'accepted'`),
    ),
    q<Batch["modes"][number]>(
      inRange(sql`alliance_mode_periods`, sql`alliance_id, mode::text as mode, starts_on::text as starts_on`),
    ),
    q<Batch["targets"][number]>(inRange(sql`alliance_sdg_targets`, sql`alliance_id, goal, target`)),
    q<Territory>(
      inRange(sql`alliance_territories`, sql`alliance_id, level::text as level, code, departement_code, region_code`),
    ),
  ]);
  return { alliances, parties, modes, targets, territories };
}

/** Expands each counted alliance into its cells and keeps, per alliance, its cells and organisations. */
class Expansion {
  readonly cells = new Cells();
  readonly france = this.cells.areaId("france", "");
  readonly orgIds = new Map<string, number>();
  /** Cell numbers, alliance after alliance; cellStart[a] is where alliance a's begin. */
  readonly allianceCells = new IntList();
  readonly cellStart = new IntList();
  /** Organisation numbers, alliance after alliance. */
  readonly allianceOrgs = new IntList();
  readonly orgStart = new IntList();
  counted = 0;
  private keyIds: number[] = [];
  private keyDimensions: string[] = [];
  private keyValues: string[] = [];
  private areaIds: number[] = [];
  private cents = 0;
  private hours = 0;
  private recordKey = 0;
  private contributionKey = 0;
  /** Record key of each organisation, by organisation number. */
  readonly orgKeys: number[] = [];

  constructor(
    private optedOut: Set<string>,
    private kinds: Map<string, { kind: string; key: number }>,
    private money: Map<string, [number, number, number]>,
  ) {
    this.cellStart.push(0);
    this.orgStart.push(0);
  }

  private key(dimension: string, value: string) {
    this.keyIds.push(this.cells.keyId(dimension, value));
    this.keyDimensions.push(dimension);
    this.keyValues.push(value);
  }

  private add(cell: number) {
    const cells = this.cells;
    if (cells.stamp[cell] === this.counted) return;
    cells.stamp[cell] = this.counted;
    cells.alliances[cell]!++;
    cells.cents[cell]! += this.cents;
    cells.hours[cell]! += this.hours;
    cells.allianceKey[cell] = (cells.allianceKey[cell]! + this.recordKey) % KEY_MODULUS;
    cells.amountKey[cell] = (cells.amountKey[cell]! + this.contributionKey) % KEY_MODULUS;
    if (this.cents > cells.largestCents[cell]!) cells.largestCents[cell] = this.cents;
    if (this.hours > cells.largestHours[cell]!) cells.largestHours[cell] = this.hours;
    this.allianceCells.push(cell);
  }

  private map(area: number, dimension: string, value: string) {
    this.add(this.cells.id(area, this.cells.keyId(dimension, value), dimension, value));
  }

  addBatch(batch: Batch) {
    const at = { parties: { at: 0 }, modes: { at: 0 }, targets: { at: 0 }, territories: { at: 0 } };
    for (const alliance of batch.alliances) {
      const [p0, p1] = span(batch.parties, at.parties, alliance.id);
      const [m0, m1] = span(batch.modes, at.modes, alliance.id);
      const [s0, s1] = span(batch.targets, at.targets, alliance.id);
      const [t0, t1] = span(batch.territories, at.territories, alliance.id);
      // Counted: at least one accepted party with a workspace, and no such workspace opted out.
      let withWorkspace = false;
      let optOut = false;
      for (let i = p0; i < p1; i++) {
        const workspace = batch.parties[i]!.workspace_id;
        if (workspace === null) continue;
        withWorkspace = true;
        if (this.optedOut.has(workspace)) optOut = true;
      }
      if (!withWorkspace || optOut) continue;

      this.keyIds.length = this.keyDimensions.length = this.keyValues.length = 0;
      this.key("total", "total");
      this.key("stage", alliance.stage);
      let latest = -1;
      for (let i = m0; i < m1; i++)
        if (latest < 0 || batch.modes[i]!.starts_on > batch.modes[latest]!.starts_on) latest = i;
      if (latest >= 0) this.key("mode", batch.modes[latest]!.mode);
      if (alliance.year !== null) this.key("year", String(alliance.year));
      let goals = 0;
      for (let i = s0; i < s1; i++) {
        const { goal, target } = batch.targets[i]!;
        if (!(goals & (1 << goal))) this.key("goal", String(goal));
        goals |= 1 << goal;
        this.key("target", target);
      }
      const kindsHere = new Set<string>();
      const orgFrom = this.allianceOrgs.length;
      for (let i = p0; i < p1; i++) {
        const organisation = batch.parties[i]!.organisation_id;
        let o = this.orgIds.get(organisation);
        if (o === undefined) {
          this.orgIds.set(organisation, (o = this.orgIds.size));
          this.orgKeys.push(this.kinds.get(organisation)?.key ?? 0);
        }
        let known = false;
        for (let j = orgFrom; j < this.allianceOrgs.length; j++) if (this.allianceOrgs.data[j] === o) known = true;
        if (!known) this.allianceOrgs.push(o);
        const kind = this.kinds.get(organisation)?.kind;
        if (kind && !kindsHere.has(kind)) {
          kindsHere.add(kind);
          this.key("kind", kind);
        }
      }

      const money = this.money.get(alliance.id);
      this.cents = money ? money[0] : 0;
      this.hours = money ? money[1] : 0;
      this.contributionKey = money ? money[2] : 0;
      this.recordKey = alliance.record_key;
      const areas = this.areaIds;
      areas.length = 0;
      areas.push(this.france);
      for (let i = t0; i < t1; i++) {
        const t = batch.territories[i]!;
        if (t.region_code) areas.push(this.cells.areaId("region", t.region_code));
        if (t.departement_code) areas.push(this.cells.areaId("departement", t.departement_code));
      }
      // An area met twice finds its cells already stamped by this alliance.
      for (const area of areas) {
        for (let k = 0; k < this.keyIds.length; k++)
          this.add(this.cells.id(area, this.keyIds[k]!, this.keyDimensions[k]!, this.keyValues[k]!));
      }
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
      this.cellStart.push(this.allianceCells.length);
      this.orgStart.push(this.allianceOrgs.length);
      this.counted++;
    }
  }

  /**
   * Distinct organisations per cell, and the sum of their record keys modulo 2^31: each
   * organisation's alliances walked once, each cell stamped with the last organisation counted there.
   */
  organisationsPerCell(): { organisations: Int32Array; keys: Float64Array } {
    const orgCount = this.orgIds.size;
    // Alliances of each organisation, as offsets into one array (counting sort).
    const start = new Int32Array(orgCount + 1);
    for (let i = 0; i < this.allianceOrgs.length; i++) start[this.allianceOrgs.data[i]! + 1]!++;
    for (let o = 0; o < orgCount; o++) start[o + 1]! += start[o]!;
    const fill = start.slice(0, orgCount);
    const alliancesOf = new Int32Array(this.allianceOrgs.length);
    for (let a = 0; a < this.counted; a++) {
      for (let i = this.orgStart.data[a]!; i < this.orgStart.data[a + 1]!; i++)
        alliancesOf[fill[this.allianceOrgs.data[i]!]!++] = a;
    }
    const organisations = new Int32Array(this.cells.size);
    const keys = new Float64Array(this.cells.size);
    const lastOrg = new Int32Array(this.cells.size).fill(-1);
    for (let o = 0; o < orgCount; o++) {
      for (let j = start[o]!; j < start[o + 1]!; j++) {
        const a = alliancesOf[j]!;
        for (let i = this.cellStart.data[a]!; i < this.cellStart.data[a + 1]!; i++) {
          const cell = this.allianceCells.data[i]!;
          if (lastOrg[cell] !== o) {
            lastOrg[cell] = o;
            organisations[cell]!++;
            keys[cell] = (keys[cell]! + this.orgKeys[o]!) % KEY_MODULUS;
          }
        }
      }
    }
    return { organisations, keys };
  }
}

/** Recomputes the whole summary. Safe to run while the app serves: readers see the old one until commit. */
export async function refreshTerritoryStatistics(db: Db): Promise<RefreshResult> {
  const started = performance.now();
  return db.transaction(
    async (tx) => {
      // One computation at a time across app instances; the others skip their turn.
      const [lock] = resultRows<{ locked: boolean }>(
        // At national scale the computation takes minutes: the request timeouts do not apply to it.
        await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('maillage.territory_statistics')) as locked, set_config('role', 'maillage_statistician', true),
          set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)`),
      );
      if (!lock?.locked) return { alliances: 0, cells: 0, durationMs: 0, skipped: true };
      const q: Query = async <T>(query: SQL) => resultRows<T>(await tx.execute(query));

      const optedOut = new Set(
        (await q<{ id: string }>(sql`select id from workspaces where not territorial_statistics`)).map((w) => w.id),
      );
      const kinds = new Map<string, { kind: string; key: number }>();
      for (const o of await q<{ id: string; kind: string; record_key: number }>(
        sql`select o.id, o.kind::text as kind, rk.record_key from organisations o join record_keys rk on rk.entity_id = o.id`,
      )) {
        kinds.set(o.id, { kind: o.kind, key: o.record_key });
      }
      // Contributions are spread over the whole table: one sequential pass beats a range per batch.
      const money = new Map<string, [number, number, number]>();
      for (const m of await q<{ alliance_id: string; cents: string | null; hours: string | null; ckey: string }>(
        sql`select x.alliance_id, sum(x.value_cents)::text as cents, (sum(x.quantity) filter (where x.unit = 'heure'))::text as hours,
              (sum(rk.record_key) % ${KEY_MODULUS})::text as ckey
            from alliance_contributions x join record_keys rk on rk.entity_id = x.id group by x.alliance_id`,
      )) {
        money.set(m.alliance_id, [m.cents ? Number(m.cents) : 0, m.hours ? Number(m.hours) : 0, Number(m.ckey)]);
      }

      const expansion = new Expansion(optedOut, kinds, money);
      // The database reads the next batch while this one is expanded.
      let next = readBatch(q, null);
      for (;;) {
        const batch = await next;
        if (batch.alliances.length === 0) break;
        const full = batch.alliances.length === BATCH;
        if (full) {
          next = readBatch(q, batch.alliances[batch.alliances.length - 1]!.id);
          // If expanding this batch throws, the read in flight fails with the transaction: that
          // failure is awaited nowhere, so it is marked handled here (the loop still awaits it).
          next.catch(() => {});
        }
        expansion.addBatch(batch);
        if (!full) break;
      }
      const cells = expansion.cells;
      const { organisations, keys: organisationKeys } = expansion.organisationsPerCell();
      const counted = expansion.counted;

      await tx.execute(sql`delete from territory_statistics`);
      for (let from = 0; from < cells.size; from += 5_000) {
        const rows = [];
        for (let i = from; i < Math.min(from + 5_000, cells.size); i++) {
          const [level, code] = cells.areas.values[cells.area[i]!]!.split("|") as [string, string];
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
    },
    { isolationLevel: "repeatable read" },
  );
}

/** When the summary was last computed, or null if never. */
export async function territoryStatisticsRefreshedAt(db: Db): Promise<Date | null> {
  const [row] = resultRows<{ at: string | Date | null }>(
    await db.execute(sql`select app_territory_statistics_refreshed_at() as at`),
  );
  return row?.at ? new Date(row.at) : null;
}
