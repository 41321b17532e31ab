import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";
import { CONTRIBUTION_KINDS } from "../../domain/alliances";
import { delayBand } from "../../domain/observatory";
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
  type Query,
  span,
} from "./cell-expansion";

/**
 * The public observatory (`/observatoire`): national figures over every counted alliance (the
 * territorial statistics' rule: an accepted party with a workspace, no party's workspace opted
 * out), in three kinds of scope: France, each région, each SDG goal.
 *
 * Tables (`section`): total; mode (current); goal; target; kind (alliances with a partner of that
 * kind) and orgkind (organisations of that kind); region and departement (where the alliances
 * act); year (of start); trajectory (a change of mode, "mecenat>cooperation_economique") and
 * trajectory_delay (the same, by time spent in the first mode, "…:1-2"); evaluation (alliances
 * with a closed evaluation cycle in the last 12 months); score (their average score per impact
 * dimension); nature (contributions valued, by kind).
 *
 * Everything is written as published: perturbed by the cell key method (migration 0050) at
 * the cells' keys, with cells of fewer than 3 alliances or 3 organisations emptied, so the table
 * itself can be public. The same set of alliances gives the same figure in every table, scope
 * and refresh; averages are a perturbed sum over a perturbed count.
 */
class ObservatoryExpansion extends Expansion {
  override readonly evaluations = true;
  private areaIds: number[] = [];
  private total: Money = [0, 0, 0];
  private goalArea = new Map<number, number>();
  /** Goal of each goal area (to keep the other goals' targets out of a goal's page), else 0. */
  private goalOfArea: number[] = [];

  constructor(
    optedOut: Set<string>,
    organisations: Organisations,
    private money: MoneyByKind,
  ) {
    super(optedOut, organisations);
  }

  private areaOfGoal(goal: number) {
    let area = this.goalArea.get(goal);
    if (area === undefined) {
      area = this.cells.areaId("goal", String(goal));
      this.goalArea.set(goal, area);
      this.goalOfArea[area] = goal;
    }
    return area;
  }

  addBatch(batch: Batch) {
    const at = { parties: { at: 0 }, modes: { at: 0 }, targets: { at: 0 }, territories: { at: 0 }, scores: { at: 0 } };
    for (const alliance of batch.alliances) {
      const [p0, p1] = span(batch.parties, at.parties, alliance.id);
      const [m0, m1] = span(batch.modes, at.modes, alliance.id);
      const [s0, s1] = span(batch.targets, at.targets, alliance.id);
      const [t0, t1] = span(batch.territories, at.territories, alliance.id);
      const [e0, e1] = span(batch.evaluations, at.scores, alliance.id);
      const money = this.money.row.get(alliance.id);
      if (money !== undefined) this.money.total(money, this.total);
      if (!this.begin(alliance, batch.parties, p0, p1, money === undefined ? undefined : this.total)) continue;

      this.key("total", "total");
      // Mode periods come ordered by start: the last one is the current mode, and each change is a step of the trajectory.
      if (m1 > m0) this.key("mode", batch.modes[m1 - 1]!.mode);
      for (let i = m0 + 1; i < m1; i++) {
        const from = batch.modes[i - 1]!;
        const to = batch.modes[i]!;
        if (from.mode === to.mode) continue;
        const step = `${from.mode}>${to.mode}`;
        this.key("trajectory", step);
        this.key("trajectory_delay", `${step}:${delayBand(from.starts_on, to.starts_on)}`);
      }
      if (alliance.year !== null) this.key("year", String(alliance.year));
      let goals = 0;
      for (let i = s0; i < s1; i++) {
        const { goal, target } = batch.targets[i]!;
        if (!(goals & (1 << goal))) this.key("goal", String(goal));
        goals |= 1 << goal;
        this.key("target", target);
      }
      for (const kind of this.kindsHere) {
        this.key("kind", kind);
        this.key("orgkind", kind);
      }
      if (e1 > e0) this.key("evaluation", "evaluated");

      const areas = this.areaIds;
      areas.length = 0;
      areas.push(this.france);
      const regions: string[] = [];
      for (let i = t0; i < t1; i++) {
        const region = batch.territories[i]!.region_code;
        if (region && !regions.includes(region)) {
          regions.push(region);
          areas.push(this.cells.areaId("region", region));
        }
      }
      for (let goal = 1; goal <= 17; goal++) if (goals & (1 << goal)) areas.push(this.areaOfGoal(goal));
      // A goal's page lists only its own targets.
      this.addToAreas(areas, (area, dimension, value) => {
        const goal = this.goalOfArea[area];
        return dimension !== "target" || !goal || value.startsWith(`${goal}.`);
      });
      for (const area of areas) {
        // Organisations of a kind count only in their own kind's row.
        for (const kind of this.kindsHere)
          this.cells.onlyKind[this.cell(area, "orgkind", kind)] = this.organisations.kindId(kind);
        // Average scores: each evaluated alliance once per dimension, with its own average.
        for (let i = e0; i < e1; i++) {
          const { dimension, score } = batch.evaluations[i]!;
          const cell = this.cell(area, "score", dimension);
          this.add(cell);
          this.cells.scoreSum[cell]! += score;
          if (score > this.cells.largestScore[cell]!) this.cells.largestScore[cell] = score;
        }
        // Contributions by kind: the cell's amounts are that kind's only.
        if (money !== undefined) {
          const m = this.money;
          for (let k = 0; k < CONTRIBUTION_KINDS.length; k++) {
            const at = (money * CONTRIBUTION_KINDS.length + k) * 3;
            if (m.values[at + 2]! < 0) continue;
            this.add(
              this.cell(area, "nature", CONTRIBUTION_KINDS[k]!.key),
              m.values[at]!,
              m.values[at + 1]!,
              m.values[at + 2]!,
            );
          }
        }
      }
      // Where the alliances act: régions and départements of France, départements of a région, régions of a goal.
      for (let i = t0; i < t1; i++) {
        const t = batch.territories[i]!;
        if (t.departement_code) this.map(this.france, "departement", t.departement_code);
        if (t.region_code) this.map(this.france, "region", t.region_code);
        if (t.region_code && t.departement_code)
          this.map(this.cells.areaId("region", t.region_code), "departement", t.departement_code);
        if (t.region_code)
          for (let goal = 1; goal <= 17; goal++)
            if (goals & (1 << goal)) this.map(this.areaOfGoal(goal), "region", t.region_code);
      }
      this.end();
    }
  }
}

export interface ObservatoryRefresh {
  alliances: number;
  figures: number;
  durationMs: number;
  /** True when another process was already computing it: nothing was done. */
  skipped?: boolean;
}

/**
 * Contributions per alliance and kind: euro cents, hours and contribution key in one flat array
 * (three numbers per alliance and kind, key -1 where the alliance has none of that kind), read in
 * one sequential pass since they are spread over the whole table. An object per alliance would
 * cost seconds of garbage collection at national scale.
 */
class MoneyByKind {
  readonly row = new Map<string, number>();
  values = new Float64Array(0);
  private slots(rows: number) {
    if (rows * CONTRIBUTION_KINDS.length * 3 <= this.values.length) return;
    const grown = new Float64Array(Math.max(rows * 2, 1024) * CONTRIBUTION_KINDS.length * 3).fill(-1);
    grown.set(this.values);
    this.values = grown;
  }
  set(allianceId: string, kind: number, cents: number, hours: number, key: number) {
    let row = this.row.get(allianceId);
    if (row === undefined) {
      row = this.row.size;
      this.row.set(allianceId, row);
      this.slots(row + 1);
    }
    const at = (row * CONTRIBUTION_KINDS.length + kind) * 3;
    this.values[at] = cents;
    this.values[at + 1] = hours;
    this.values[at + 2] = key;
  }
  /** An alliance's money over every kind, into `out`. */
  total(row: number, out: Money) {
    out[0] = out[1] = out[2] = 0;
    for (let k = 0; k < CONTRIBUTION_KINDS.length; k++) {
      const at = (row * CONTRIBUTION_KINDS.length + k) * 3;
      if (this.values[at + 2]! < 0) continue;
      out[0] += this.values[at]!;
      out[1] += this.values[at + 1]!;
      out[2] = (out[2] + this.values[at + 2]!) % KEY_MODULUS;
    }
  }
}

async function moneyByKind(q: Query) {
  const money = new MoneyByKind();
  const kind = new Map<string, number>(CONTRIBUTION_KINDS.map((k, i) => [k.key, i]));
  for (const m of await q<{
    alliance_id: string;
    kind: string;
    cents: number | null;
    hours: number | null;
    ckey: number;
  }>(
    sql`select x.alliance_id, x.kind::text as kind, sum(x.value_cents)::float8 as cents,
          (sum(x.quantity) filter (where x.unit = 'heure'))::float8 as hours, (sum(rk.record_key) % ${KEY_MODULUS})::int as ckey
        from alliance_contributions x join record_keys rk on rk.entity_id = x.id group by x.alliance_id, x.kind`,
  )) {
    money.set(m.alliance_id, kind.get(m.kind)!, m.cents ?? 0, m.hours ?? 0, m.ckey);
  }
  return money;
}

/**
 * Recomputes the whole observatory in one repeatable-read transaction as maillage_statistician
 * and replaces the published figures. Readers see the previous figures until it commits.
 * `batch`: alliances read at a time (the tests ask for a few, to cross batch boundaries).
 */
export async function refreshObservatory(
  db: Db,
  { batch = BATCH }: { batch?: number } = {},
): Promise<ObservatoryRefresh> {
  const started = performance.now();
  const result = await asStatistician(db, "maillage.observatory", async (q, tx) => {
    const [optedOut, kinds, money] = await Promise.all([optedOutWorkspaces(q), organisationKinds(q), moneyByKind(q)]);
    const expansion = new ObservatoryExpansion(optedOut, kinds, money);
    await expandAll(q, expansion, batch);
    const cells = expansion.cells;
    const { organisations, keys } = expansion.organisationsPerCell();

    await tx.execute(sql`delete from observatory_figures`);
    for (let from = 0; from < cells.size; from += 5_000) {
      const rows = [];
      for (let i = from; i < Math.min(from + 5_000, cells.size); i++) {
        const [scope, code] = cells.areaOf(i);
        rows.push({
          key: `${scope}|${code}|${cells.dimension[i]}|${cells.key[i]}`,
          alliances: cells.alliances[i],
          organisations: organisations[i],
          cents: Math.round(cells.cents[i]!),
          hours: Math.round(cells.hours[i]! * 100) / 100,
          alliance_key: cells.allianceKey[i],
          organisation_key: keys[i],
          amount_key: cells.amountKey[i],
          largest_cents: Math.round(cells.largestCents[i]!),
          largest_hours: Math.round(cells.largestHours[i]! * 100) / 100,
          score_sum: cells.scoreSum[i],
          largest_score: cells.largestScore[i],
        });
      }
      // Perturbed in SQL by the same functions as the territorial figures; the average score is
      // the score sum perturbed like an amount (salt 3), over the published count, kept in 1–5.
      await tx.execute(sql`
          with input as (
            select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(key text, alliances int, organisations int, cents bigint, hours numeric, alliance_key bigint,
                organisation_key bigint, amount_key bigint, largest_cents bigint, largest_hours numeric,
                score_sum numeric, largest_score numeric)),
          published as (
            select * from app_territory_perturbed(array(
              select row(key, alliances, organisations, cents, hours, alliance_key, organisation_key, amount_key,
                largest_cents, largest_hours)::territory_cell_ck from input)))
          insert into observatory_figures (scope, code, section, key, alliances, organisations, cents, hours, score)
          select split_part(p.key, '|', 1), split_part(p.key, '|', 2), split_part(p.key, '|', 3), split_part(p.key, '|', 4),
            p.alliances, p.organisations, p.cents, p.hours,
            case when split_part(p.key, '|', 3) = 'score' and p.alliances > 0
              then least(5, greatest(1, round(app_ckm_amount(i.alliance_key, 3, i.score_sum, i.largest_score, 0.01) / p.alliances, 1))) end
          from published p join input i on i.key = p.key`);
    }
    const durationMs = Math.round(performance.now() - started);
    await tx.execute(sql`insert into observatory_refreshes (singleton, refreshed_at, duration_ms, alliances, figures)
        values (true, now(), ${durationMs}, ${expansion.counted}, ${cells.size})
        on conflict (singleton) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms,
          alliances = excluded.alliances, figures = excluded.figures`);
    return { alliances: expansion.counted, figures: cells.size, durationMs };
  });
  return result ?? { alliances: 0, figures: 0, durationMs: 0, skipped: true };
}

/** When the observatory was last computed, or null if never. Readable by anyone. */
export async function observatoryRefreshedAt(db: Db): Promise<Date | null> {
  const [row] = resultRows<{ at: string | Date | null }>(
    await db.execute(sql`select refreshed_at as at from observatory_refreshes`),
  );
  return row?.at ? new Date(row.at) : null;
}
