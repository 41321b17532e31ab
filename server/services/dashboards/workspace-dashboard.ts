import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";
import { isAtRisk, STATUS_LIGHTS } from "../../../domain/evaluation";
import { listedByWorkspace } from "../alliances/access";
import type { WorkspaceContext } from "../context";
import { storedHealth } from "../evaluation/health";
import { expiry, storedFigures } from "../stored-figures";
import { DashboardFilters } from "./schemas";

export type DashboardFilters = z.infer<typeof DashboardFilters>;

/** 12 and 24 months of 30.44 days, as the status-light rule counts them (domain/evaluation.ts). */
const TWELVE_MONTHS = sql`interval '365.28 days'`;
const TWENTY_FOUR_MONTHS = sql`interval '730.56 days'`;

/**
 * The workspace's live alliances that the filters keep, as a SQL condition on `a`. Tenant: the
 * workspace's accepted party row (row-level security applies the same rule underneath).
 */
function scope(ctx: WorkspaceContext, f: DashboardFilters): SQL {
  const parts: SQL[] = [listedByWorkspace(ctx.workspaceId, sql`a.id`), sql`a.archived_at is null`];
  if (f.stage) parts.push(sql`a.stage = ${f.stage}`);
  if (f.mode)
    parts.push(
      sql`(select m.mode from alliance_mode_periods m where m.alliance_id = a.id order by m.starts_on desc limit 1) = ${f.mode}`,
    );
  if (f.sdgGoal)
    parts.push(sql`exists (select 1 from alliance_sdg_targets s where s.alliance_id = a.id and s.goal = ${f.sdgGoal})`);
  if (f.region)
    parts.push(
      sql`exists (select 1 from alliance_territories t where t.alliance_id = a.id and t.region_code = ${f.region})`,
    );
  if (f.departement)
    parts.push(
      sql`exists (select 1 from alliance_territories t where t.alliance_id = a.id and t.departement_code = ${f.departement})`,
    );
  if (f.year)
    parts.push(
      sql`(a.starts_on is null or a.starts_on <= ${`${f.year}-12-31`}::date) and (a.ends_on is null or a.ends_on >= ${`${f.year}-01-01`}::date)`,
    );
  return sql.join(parts, sql` and `);
}

/** The dashboard lists the first at-risk alliances by title and links to the full list. */
const AT_RISK_SHOWN = 20;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The partnership manager's dashboard, every figure computed in SQL over the filtered
 * alliances: key figures, alliances by stage, mode and SDG goal, average scores per dimension
 * over the cycles closed in the last 24 months, evaluation lights, alliances ending within 90
 * days, the portfolio's mode trajectory per year, and the at-risk list. Permission: alliances.read.
 * Read from the workspace's stored figures while its data has not changed since (stored-figures.ts).
 */
export async function workspaceDashboard(ctx: WorkspaceContext, filters: DashboardFilters) {
  const figures = await storedFigures(ctx, "dashboard", filters, (midnight) =>
    computeDashboard(ctx, filters, midnight),
  );
  return { filters, ...figures };
}

/**
 * The figures, and when time alone changes them: at midnight (alliances ending within 90 days,
 * overdue cycles, the year's contributions), when a counted cycle leaves the 24-month window of
 * the scores, or when a status light or an inactivity flag would turn.
 */
async function computeDashboard(ctx: WorkspaceContext, filters: DashboardFilters, midnight: Date) {
  const where = scope(ctx, filters);
  const thisYear = new Date().getUTCFullYear();
  const rows = async <T>(query: SQL) => resultRows<T>(await ctx.tx.execute(query));

  // The statements are independent: issued together, postgres.js pipelines them on the transaction's connection.
  const keyQ = rows<{ alliances: number; active: number; partners: number }>(sql`
    select count(*)::int as alliances,
           count(*) filter (where a.stage <> 'termine')::int as active,
           (select count(distinct p.organisation_id)::int from alliance_parties p
              where p.alliance_id in (select a.id from alliances a where ${where}) and p.workspace_id is distinct from ${ctx.workspaceId}) as partners
    from alliances a where ${where}`);
  const contributionsQ = rows<{ year: number; cents: string | number | null; hours: string | number | null }>(sql`
    select extract(year from k.occurred_on)::int as year, sum(k.value_cents) as cents, sum(k.quantity) filter (where k.unit = 'heure') as hours
    from alliance_contributions k
    where k.alliance_id in (select a.id from alliances a where ${where}) and k.occurred_on >= ${`${thisYear - 1}-01-01`}::date and k.occurred_on <= ${`${thisYear}-12-31`}::date
    group by 1`);
  const byStageQ = rows<{ key: string; count: number }>(
    sql`select a.stage as key, count(*)::int as count from alliances a where ${where} group by 1`,
  );
  const byModeQ = rows<{ key: string | null; count: number }>(sql`
    select (select m.mode from alliance_mode_periods m where m.alliance_id = a.id order by m.starts_on desc limit 1) as key, count(*)::int as count
    from alliances a where ${where} group by 1`);
  const byGoalQ = rows<{ goal: number; count: number }>(sql`
    select s.goal, count(distinct s.alliance_id)::int as count from alliance_sdg_targets s
    where s.alliance_id in (select a.id from alliances a where ${where}) group by 1 order by 1`);
  const scoresQ = rows<{
    dimension: string;
    average: string | number;
    answers: number;
    cycles: number;
    leaves_window: Date | string;
  }>(sql`
    select e.dimension, round(avg(e.score), 2) as average, count(*)::int as answers, count(distinct e.cycle_id)::int as cycles,
           min(c.closed_at) + ${TWENTY_FOUR_MONTHS} as leaves_window
    from evaluation_answers e join evaluation_cycles c on c.id = e.cycle_id
    where c.status = 'closed' and c.closed_at > now() - ${TWENTY_FOUR_MONTHS}
      and c.alliance_id in (select a.id from alliances a where ${where})
    group by 1`);
  const lightsQ = rows<{ light: string; count: number }>(sql`
    select case
             when f.last_closed > now() - ${TWELVE_MONTHS} then 'green'
             when f.running then 'amber'
             when f.last_closed is null and f.since > now() - ${TWELVE_MONTHS} then 'new'
             when coalesce(f.last_closed, f.since) > now() - ${TWENTY_FOUR_MONTHS} then 'amber'
             else 'red' end as light,
           count(*)::int as count
    from (select coalesce(a.starts_on::timestamptz, a.created_at) as since,
                 (select max(c.closed_at) from evaluation_cycles c where c.alliance_id = a.id and c.status = 'closed') as last_closed,
                 exists (select 1 from evaluation_cycles c where c.alliance_id = a.id and c.status = 'open') as running
          from alliances a where ${where}) f
    group by 1`);
  const endingQ = rows<{ id: string; title: string; ends_on: string }>(sql`
    select a.id, a.title, a.ends_on::text as ends_on from alliances a
    where ${where} and a.ends_on >= current_date and a.ends_on <= current_date + 90 order by a.ends_on, a.title limit 50`);
  const trajectoryQ = rows<{ year: number; from: string; to: string; count: number }>(sql`
    select t.year, t.prev as from, t.mode as to, count(*)::int as count
    from (select extract(year from m.starts_on)::int as year, m.mode::text as mode,
                 lag(m.mode::text) over (partition by m.alliance_id order by m.starts_on) as prev
          from alliance_mode_periods m where m.alliance_id in (select a.id from alliances a where ${where})) t
    where t.prev is not null and t.prev <> t.mode
    group by 1, 2, 3 order by 1, 2, 3`);
  const healthQ = storedHealth(ctx);
  const keptQ = ctx.tx
    .execute(sql`select a.id from alliances a where ${where}`)
    .then((r) => new Set(resultRows<{ id: string }>(r).map((row) => row.id)));

  const [[key], contributions, byStage, byMode, byGoal, scores, lights, ending, trajectory, health, kept] =
    await Promise.all([
      keyQ,
      contributionsQ,
      byStageQ,
      byModeQ,
      byGoalQ,
      scoresQ,
      lightsQ,
      endingQ,
      trajectoryQ,
      healthQ,
      keptQ,
    ]);
  const year = (y: number) => contributions.find((c) => c.year === y);
  // The health list is stored on its own and expires by the same rules; the earliest of its turns
  // is at least as early as the lights' (computed over the filtered subset of its alliances).
  const earliestTurn = scores.map((s) => new Date(s.leaves_window)).sort((a, b) => a.getTime() - b.getTime())[0];
  const atRisk = health.value.filter((h) => isAtRisk(h) && kept.has(h.id));
  const value = {
    key: {
      alliances: key?.alliances ?? 0,
      active: key?.active ?? 0,
      partners: key?.partners ?? 0,
      thisYear: { year: thisYear, cents: num(year(thisYear)?.cents), hours: num(year(thisYear)?.hours) },
      lastYear: { year: thisYear - 1, cents: num(year(thisYear - 1)?.cents), hours: num(year(thisYear - 1)?.hours) },
    },
    byStage: LIFECYCLE_STAGES.map((s) => ({ key: s, count: byStage.find((r) => r.key === s)?.count ?? 0 })),
    byMode: MODES.map((m) => ({ key: m, count: byMode.find((r) => r.key === m)?.count ?? 0 })),
    byGoal: byGoal.map((g) => ({ goal: g.goal, count: g.count })),
    scores: (["performance", "innovation", "confiance", "equilibre", "valeur"] as const).map((d) => {
      const r = scores.find((s) => s.dimension === d);
      return { dimension: d, average: r ? Number(r.average) : null, cycles: r?.cycles ?? 0 };
    }),
    lights: STATUS_LIGHTS.map((l) => ({ light: l, count: lights.find((r) => r.light === l)?.count ?? 0 })),
    ending: ending.map((e) => ({ id: e.id, title: e.title, endsOn: e.ends_on })),
    trajectory,
    atRisk: atRisk.slice(0, AT_RISK_SHOWN),
    atRiskTotal: atRisk.length,
  };
  return { value, validUntil: expiry(midnight, earliestTurn, health.validUntil) };
}
