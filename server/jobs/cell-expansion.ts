import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";

/**
 * What the territorial summary (territory-statistics.ts) and the public observatory
 * (observatory.ts) share: reading every alliance once by ranges of ids, expanding each counted
 * alliance into the cells it belongs to with integer cell numbers, and counting distinct
 * organisations per cell without building a set. Each job says which areas and keys an alliance
 * lands in (`addBatch`); the counting, the cell keys of the cell key method (migration 0050) and
 * the organisation walk are here.
 */

/** Alliances read per batch (a job may ask for fewer: the tests cross batch boundaries with a few). */
export const BATCH = 20_000;

/** Cell keys are sums of record keys modulo 2^31, kept exact in doubles by reducing at each step. */
export const KEY_MODULUS = 2147483648;

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
 * The cells met so far: an area ("france", a région, a département, an SDG goal) crossed with a
 * key of a dimension, numbered in the order they are first met, with their running totals.
 */
export class Cells {
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
  /** Sum and largest of a per-alliance score (the observatory's evaluation cells). */
  readonly scoreSum: number[] = [];
  readonly largestScore: number[] = [];
  /** When not -1, only organisations of this kind (a kind number of `Organisations`) count in the cell. */
  readonly onlyKind: number[] = [];
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
      for (const column of [
        this.alliances,
        this.cents,
        this.hours,
        this.allianceKey,
        this.amountKey,
        this.largestCents,
        this.largestHours,
        this.scoreSum,
        this.largestScore,
      ])
        column.push(0);
      this.onlyKind.push(-1);
      this.stamp.push(-1);
    }
    return id;
  }
  get size() {
    return this.area.length;
  }
  /** The level and code of a cell's area. */
  areaOf(cell: number): [string, string] {
    return this.areas.values[this.area[cell]!]!.split("|") as [string, string];
  }
}

/** Where the rows of one alliance start and end in `rows` (sorted by alliance_id), advancing a cursor. */
export function span(
  rows: Array<{ alliance_id: string }>,
  cursor: { at: number },
  allianceId: string,
): [number, number] {
  // Ids compare as strings the way PostgreSQL orders uuids (lower-case hexadecimal).
  while (cursor.at < rows.length && rows[cursor.at]!.alliance_id < allianceId) cursor.at++;
  const from = cursor.at;
  while (cursor.at < rows.length && rows[cursor.at]!.alliance_id === allianceId) cursor.at++;
  return [from, cursor.at];
}

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

export interface Batch {
  alliances: Array<{ id: string; stage: string; year: number | null; record_key: number }>;
  parties: Party[];
  modes: Array<{ alliance_id: string; mode: string; starts_on: string }>;
  targets: Array<{ alliance_id: string; goal: number; target: string }>;
  territories: Territory[];
  /** Average score per impact dimension over closed evaluation cycles of the last 12 months (when asked for). */
  evaluations: Array<{ alliance_id: string; dimension: string; score: number }>;
}

export type Query = <T>(query: SQL) => Promise<T[]>;

/**
 * The next BATCH alliances after `after`, with their parties, modes, SDG targets and territories,
 * read by id range. Every table is bounded by the range on its own column: the planner does not
 * carry `a.id > after` over to a joined table, and without its own bound the merge join with
 * record_keys walked that index from its start at every batch (150 ms a batch at national
 * scale, growing with each one), and the evaluation cycles were read whole each time.
 */
async function readBatch(q: Query, after: string | null, evaluations: boolean, size: number): Promise<Batch> {
  const alliances = await q<Batch["alliances"][number]>(
    sql`select a.id, a.stage::text as stage, extract(year from a.starts_on)::int as year, rk.record_key from alliances a
        join record_keys rk on rk.entity_id = a.id
        where a.archived_at is null ${after ? sql`and a.id > ${after} and rk.entity_id > ${after}` : sql``} order by a.id limit ${size}`,
  );
  if (alliances.length === 0)
    return { alliances, parties: [], modes: [], targets: [], territories: [], evaluations: [] };
  const lo = alliances[0]!.id;
  const hi = alliances[alliances.length - 1]!.id;
  const inRange = (table: SQL, columns: SQL, where: SQL = sql``, order: SQL = sql`alliance_id`) =>
    sql`select ${columns} from ${table} where alliance_id >= ${lo} and alliance_id <= ${hi} ${where} order by ${order}`;
  const [parties, modes, targets, territories, scores] = await Promise.all([
    q<Party>(
      inRange(sql`alliance_parties`, sql`alliance_id, organisation_id, workspace_id`, sql`and status = 'accepted'`),
    ),
    q<Batch["modes"][number]>(
      inRange(
        sql`alliance_mode_periods`,
        sql`alliance_id, mode::text as mode, starts_on::text as starts_on`,
        sql``,
        sql`alliance_id, starts_on`,
      ),
    ),
    q<Batch["targets"][number]>(inRange(sql`alliance_sdg_targets`, sql`alliance_id, goal, target`)),
    q<Territory>(
      inRange(sql`alliance_territories`, sql`alliance_id, level::text as level, code, departement_code, region_code`),
    ),
    evaluations
      ? q<Batch["evaluations"][number]>(
          sql`select a.alliance_id, a.dimension, avg(a.score)::float8 as score
              from evaluation_answers a join evaluation_cycles c on c.id = a.cycle_id
              where a.alliance_id >= ${lo} and a.alliance_id <= ${hi}
                and c.alliance_id >= ${lo} and c.alliance_id <= ${hi}
                and c.status = 'closed' and c.closed_at >= now() - interval '12 months'
                and a.dimension in ('performance', 'innovation', 'confiance')
              group by a.alliance_id, a.dimension order by a.alliance_id`,
        )
      : [],
  ]);
  return { alliances, parties, modes, targets, territories, evaluations: scores };
}

/** Money of one alliance (or of one kind of its contributions): euro cents, hours, and the sum of its contributions' record keys. */
export type Money = [cents: number, hours: number, key: number];

/**
 * Expands each counted alliance into its cells and keeps, per alliance, its cells and
 * organisations. A job extends it with `addBatch`: for each alliance, `begin`, then `key` for
 * every key it has, `addToAreas`, `add`/`map` for particular cells, and `end`.
 */
export abstract class Expansion {
  readonly cells = new Cells();
  readonly france = this.cells.areaId("france", "");
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
  protected cents = 0;
  protected hours = 0;
  private recordKey = 0;
  private contributionKey = 0;
  /** The kinds of the current alliance's organisations, each once. */
  protected readonly kindsHere = new Set<string>();

  constructor(
    private optedOut: Set<string>,
    readonly organisations: Organisations,
  ) {
    this.cellStart.push(0);
    this.orgStart.push(0);
  }

  abstract addBatch(batch: Batch): void;

  /** Whether the batch reader should fetch evaluation scores. */
  readonly evaluations: boolean = false;

  /**
   * Starts an alliance. Counted: at least one accepted party with a workspace, and no such
   * workspace opted out; otherwise returns false and the alliance is skipped.
   */
  protected begin(alliance: Batch["alliances"][number], parties: Party[], p0: number, p1: number, money?: Money) {
    let withWorkspace = false;
    let optOut = false;
    for (let i = p0; i < p1; i++) {
      const workspace = parties[i]!.workspace_id;
      if (workspace === null) continue;
      withWorkspace = true;
      if (this.optedOut.has(workspace)) optOut = true;
    }
    if (!withWorkspace || optOut) return false;
    this.keyIds.length = this.keyDimensions.length = this.keyValues.length = 0;
    this.kindsHere.clear();
    const orgFrom = this.allianceOrgs.length;
    for (let i = p0; i < p1; i++) {
      const organisation = parties[i]!.organisation_id;
      let o = this.organisations.number.get(organisation);
      // An organisation created after the list was read (it has no record key yet) counts without a kind.
      if (o === undefined) o = this.organisations.add(organisation, -1, 0);
      let seen = false;
      for (let j = orgFrom; j < this.allianceOrgs.length; j++) if (this.allianceOrgs.data[j] === o) seen = true;
      if (!seen) this.allianceOrgs.push(o);
      const kind = this.organisations.kind[o]!;
      if (kind >= 0) this.kindsHere.add(this.organisations.kinds[kind]!);
    }
    this.cents = money ? money[0] : 0;
    this.hours = money ? money[1] : 0;
    this.contributionKey = money ? money[2] : 0;
    this.recordKey = alliance.record_key;
    return true;
  }

  /** A key of the current alliance, added to every area by `addToAreas`. */
  protected key(dimension: string, value: string) {
    this.keyIds.push(this.cells.keyId(dimension, value));
    this.keyDimensions.push(dimension);
    this.keyValues.push(value);
  }

  /** Every key of the current alliance in each of these areas; `keep` may leave some out of an area. */
  protected addToAreas(areas: number[], keep?: (area: number, dimension: string, value: string) => boolean) {
    // An area met twice finds its cells already stamped by this alliance.
    for (const area of areas) {
      for (let k = 0; k < this.keyIds.length; k++) {
        const dimension = this.keyDimensions[k]!;
        const value = this.keyValues[k]!;
        if (keep && !keep(area, dimension, value)) continue;
        this.add(this.cells.id(area, this.keyIds[k]!, dimension, value));
      }
    }
  }

  /** The current alliance counted in a cell (once), with its money or the money given. */
  protected add(cell: number, cents = this.cents, hours = this.hours, contributionKey = this.contributionKey) {
    const cells = this.cells;
    if (cells.stamp[cell] === this.counted) return;
    cells.stamp[cell] = this.counted;
    cells.alliances[cell]!++;
    cells.cents[cell]! += cents;
    cells.hours[cell]! += hours;
    cells.allianceKey[cell] = (cells.allianceKey[cell]! + this.recordKey) % KEY_MODULUS;
    cells.amountKey[cell] = (cells.amountKey[cell]! + contributionKey) % KEY_MODULUS;
    if (cents > cells.largestCents[cell]!) cells.largestCents[cell] = cents;
    if (hours > cells.largestHours[cell]!) cells.largestHours[cell] = hours;
    this.allianceCells.push(cell);
  }

  /** The cell of one (area, dimension, key), met for the first time or again. */
  protected cell(area: number, dimension: string, value: string) {
    return this.cells.id(area, this.cells.keyId(dimension, value), dimension, value);
  }

  protected map(area: number, dimension: string, value: string) {
    this.add(this.cell(area, dimension, value));
  }

  protected end() {
    this.cellStart.push(this.allianceCells.length);
    this.orgStart.push(this.allianceOrgs.length);
    this.counted++;
  }

  /**
   * Distinct organisations per cell, and the sum of their record keys modulo 2^31: each
   * organisation's alliances walked once, each cell stamped with the last organisation counted
   * there. A cell limited to a kind (`onlyKind`) counts only that kind's organisations.
   */
  organisationsPerCell(): { organisations: Int32Array; keys: Float64Array } {
    const orgCount = this.organisations.count;
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
    const onlyKind = this.cells.onlyKind;
    for (let o = 0; o < orgCount; o++) {
      const kind = this.organisations.kind[o]!;
      for (let j = start[o]!; j < start[o + 1]!; j++) {
        const a = alliancesOf[j]!;
        for (let i = this.cellStart.data[a]!; i < this.cellStart.data[a + 1]!; i++) {
          const cell = this.allianceCells.data[i]!;
          if (lastOrg[cell] !== o && (onlyKind[cell] === -1 || onlyKind[cell] === kind)) {
            lastOrg[cell] = o;
            organisations[cell]!++;
            keys[cell] = (keys[cell]! + this.organisations.key[o]!) % KEY_MODULUS;
          }
        }
      }
    }
    return { organisations, keys };
  }
}

/**
 * Every organisation numbered, with its kind and record key: one lookup per party instead of
 * two, and plain arrays instead of an object per organisation.
 */
export class Organisations {
  readonly number = new Map<string, number>();
  readonly kind: number[] = [];
  readonly key: number[] = [];
  /** Kind names, by kind number. */
  readonly kinds: string[] = [];
  private kindNumber = new Map<string, number>();
  get count() {
    return this.key.length;
  }
  kindId(kind: string): number {
    let id = this.kindNumber.get(kind);
    if (id === undefined) {
      this.kindNumber.set(kind, (id = this.kinds.length));
      this.kinds.push(kind);
    }
    return id;
  }
  add(id: string, kind: number, key: number): number {
    const n = this.key.length;
    this.number.set(id, n);
    this.kind.push(kind);
    this.key.push(key);
    return n;
  }
}

/** Every organisation's kind and record key. */
export async function organisationKinds(q: Query): Promise<Organisations> {
  const organisations = new Organisations();
  for (const o of await q<{ id: string; kind: string; record_key: number }>(
    sql`select o.id, o.kind::text as kind, rk.record_key from organisations o join record_keys rk on rk.entity_id = o.id`,
  )) {
    organisations.add(o.id, organisations.kindId(o.kind), o.record_key);
  }
  return organisations;
}

/** The workspaces that opted out of statistics. */
export async function optedOutWorkspaces(q: Query) {
  return new Set(
    (await q<{ id: string }>(sql`select id from workspaces where not territorial_statistics`)).map((w) => w.id),
  );
}

/** Reads every non-archived alliance in batches and hands each to the expansion; the next batch is read while one is expanded. */
export async function expandAll(q: Query, expansion: Expansion, size = BATCH) {
  let next = readBatch(q, null, expansion.evaluations, size);
  for (;;) {
    const batch = await next;
    if (batch.alliances.length === 0) break;
    const full = batch.alliances.length === size;
    if (full) {
      next = readBatch(q, batch.alliances[batch.alliances.length - 1]!.id, expansion.evaluations, size);
      // If expanding this batch throws, the read in flight fails with the transaction: that
      // failure is awaited nowhere, so it is marked handled here (the loop still awaits it).
      next.catch(() => {});
    }
    expansion.addBatch(batch);
    if (!full) break;
  }
}

/**
 * Runs a statistics job in one repeatable-read transaction as maillage_statistician (reads
 * across workspaces, writes only its own tables), so its figures are one consistent snapshot
 * and readers see the previous ones until it commits. One run at a time across app instances:
 * when `lock` is already held, returns null at once and the caller skips its turn. The request
 * timeouts do not apply (at national scale a run takes most of a minute).
 */
export async function asStatistician<T>(
  db: Db,
  lock: string,
  run: (q: Query, tx: Db) => Promise<T>,
): Promise<T | null> {
  return db.transaction(
    async (tx) => {
      const [row] = resultRows<{ locked: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${lock})) as locked, set_config('role', 'maillage_statistician', true),
          set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', '0', true)`),
      );
      if (!row?.locked) return null;
      const q: Query = async <R>(query: SQL) => resultRows<R>(await tx.execute(query));
      return run(q, tx as unknown as Db);
    },
    { isolationLevel: "repeatable read" },
  );
}
