import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { sdgReportNarratives, workspaces } from "../../../db/schema";
import { allocationWeights, DEFAULT_PRIMARY_WEIGHT, divideWhole } from "../../../domain/allocation";
import { compareSdgTargets, SDG_TARGET_CODES } from "../../../domain/sdg";
import { listedByWorkspace } from "../alliances/access";
import type { WorkspaceContext } from "../context";
import { storedFigures } from "../stored-figures";
import { SdgReportInput } from "./schemas";

/**
 * Rows (alliance × target) shown per goal in the report's overview: the ones the workspace
 * allocated most to. A goal's view (`goal`) and the exports carry every row.
 */
export const ROWS_PER_GOAL = 3;

interface Row {
  goal: number;
  target: string;
  alliance_id: string;
  title: string;
  partners: string | null;
  is_primary: boolean;
  share: number | null;
}

/**
 * The CSR team's SDG contribution report for a year, per goal and target: the alliances of the
 * workspace active that year, their partners, the share the workspace claims, its own
 * contributions (€, hours) in the year divided among each alliance's targets by the allocation
 * rule (domain/allocation.ts, the primary target weighing `primaryWeight`), so that the goals add
 * up to the workspace's total; the indicators and their results in the year, the average impact
 * scores of cycles closed that year, and the team's narrative per goal. Every figure is computed
 * from SQL, and read from the workspace's stored figures while its data has not changed since
 * (stored-figures.ts); the narratives and the workspace's name are read each time. The overview
 * lists, for each goal, the ROWS_PER_GOAL rows with the most own euros allocated (then hours),
 * in the report's order (by target, then title), and counts them all (`rows`); `goal` gives one
 * goal with every row, `full` every goal with every row.
 * Permission: alliances.read.
 */
export async function sdgReport(ctx: WorkspaceContext, input: z.infer<typeof SdgReportInput>) {
  const primaryWeight = input.primaryWeight ?? DEFAULT_PRIMARY_WEIGHT;
  const narrativesQ = ctx.tx
    .select({ goal: sdgReportNarratives.goal, text: sdgReportNarratives.text, version: sdgReportNarratives.version })
    .from(sdgReportNarratives)
    .where(and(eq(sdgReportNarratives.workspaceId, ctx.workspaceId), eq(sdgReportNarratives.year, input.year)));
  const workspaceQ = ctx.tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  // The kinds carry the figures' shape: figures stored in an earlier shape are not read back.
  const params = { year: input.year, primaryWeight };
  const everyRow = () =>
    storedFigures(ctx, "sdg-report-rows-v2", params, async () => ({
      value: await reportFigures(ctx, input.year, primaryWeight),
      validUntil: null,
    }));
  const figuresQ =
    input.full || input.goal
      ? everyRow()
      : // The number of rows kept per goal is part of the overview's shape too.
        storedFigures(ctx, "sdg-report-v3", { ...params, rowsPerGoal: ROWS_PER_GOAL }, async () => ({
          value: overview(await everyRow()),
          validUntil: null,
        }));
  const [figures, narratives, [workspace]] = await Promise.all([figuresQ, narrativesQ, workspaceQ]);
  return {
    year: input.year,
    goal: input.goal ?? null,
    workspaceName: workspace?.name ?? "",
    /** The allocation rule's setting, shown with the figures it produced. */
    primaryWeight,
    /** The workspace's own contributions of the year: allocated to goals, and on alliances with no SDG target. */
    totals: figures.totals,
    goals: figures.goals
      .filter((g) => !input.goal || g.goal === input.goal)
      .map((g) => {
        const narrative = narratives.find((n) => n.goal === g.goal);
        return { ...g, narrative: narrative?.text ?? "", narrativeVersion: narrative?.version ?? 0 };
      }),
  };
}

type Figures = Awaited<ReturnType<typeof reportFigures>>;

/**
 * Each goal's ROWS_PER_GOAL rows with the most own euros allocated, then hours (ties in the
 * report's order), shown in the report's order; `rows` still counts them all.
 */
function overview(figures: Figures): Figures {
  return {
    ...figures,
    goals: figures.goals.map((g) => {
      const all = g.targets.flatMap((t, ti) => t.alliances.map((a, ai) => ({ a, at: [ti, ai] as const })));
      const kept = new Set(
        [...all]
          .sort(
            (x, y) =>
              y.a.ownCents - x.a.ownCents || y.a.ownHours - x.a.ownHours || x.at[0] - y.at[0] || x.at[1] - y.at[1],
          )
          .slice(0, ROWS_PER_GOAL)
          .map((x) => x.a),
      );
      const targets = g.targets
        .map((t) => ({ ...t, alliances: t.alliances.filter((a) => kept.has(a)) }))
        .filter((t) => t.alliances.length > 0);
      return { ...g, targets };
    }),
  };
}

/** The report's figures per goal, which only the alliances' data changes (no date of today in them). */
async function reportFigures(ctx: WorkspaceContext, year: number, primaryWeight: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const scope = sql`select a.id, a.title from alliances a
    where ${listedByWorkspace(ctx.workspaceId, sql`a.id`)}
    and a.archived_at is null
    and (a.starts_on is null or a.starts_on <= ${to}::date) and (a.ends_on is null or a.ends_on >= ${from}::date)`;
  // Independent statements, issued together so postgres.js pipelines them.
  const rowsQ = ctx.tx.execute(sql`
    with mine as (${scope})
    select s.goal::int as goal, s.target, a.id as alliance_id, a.title, s.is_primary,
      (select string_agg(o.name, ', ' order by o.name) from alliance_parties p join organisations o on o.id = p.organisation_id
        where p.alliance_id = a.id and p.workspace_id is distinct from ${ctx.workspaceId} and p.status = 'accepted') as partners,
      (select c.share_percent::int from alliance_sdg_claims c where c.alliance_id = a.id and c.workspace_id = ${ctx.workspaceId} and c.target = s.target) as share
    from alliance_sdg_targets s join mine a on a.id = s.alliance_id
    order by s.goal, array_position(${`{${SDG_TARGET_CODES.join(",")}}`}::text[], s.target), a.title`);
  // The workspace's own contributions of the year per alliance: euros in cents, hours in hundredths.
  const ownQ = ctx.tx.execute(sql`
    with mine as (${scope})
    select a.id as alliance_id,
      coalesce(sum(k.value_cents), 0)::bigint as cents,
      round(coalesce(sum(k.quantity) filter (where k.unit = 'heure'), 0) * 100)::bigint as hundredths,
      exists (select 1 from alliance_sdg_targets s where s.alliance_id = a.id) as has_target
    from mine a
    left join alliance_contributions k on k.alliance_id = a.id and k.occurred_on between ${from}::date and ${to}::date
      and k.party_id in (select p.id from alliance_parties p where p.alliance_id = a.id and p.workspace_id = ${ctx.workspaceId})
    group by a.id`);
  const scoresQ = ctx.tx.execute(sql`
    with mine as (${scope}),
    per_goal as (select distinct s.goal, s.alliance_id from alliance_sdg_targets s join mine a on a.id = s.alliance_id)
    select g.goal::int as goal, e.dimension, round(avg(e.score), 2) as average
    from per_goal g join evaluation_cycles c on c.alliance_id = g.alliance_id and c.status = 'closed'
      and c.closed_at >= ${from}::date and c.closed_at < (${to}::date + 1)
    join evaluation_answers e on e.cycle_id = c.id
    group by 1, 2`);
  const indicatorsQ = ctx.tx.execute(sql`
    with mine as (${scope})
    select i.sdg_target as target, i.alliance_id, i.name, i.unit, r.period, r.value
    from alliance_indicators i join mine a on a.id = i.alliance_id
    join indicator_results r on r.indicator_id = i.id and r.period_end between ${from}::date and ${to}::date
    where i.sdg_target is not null
    order by i.name, r.period_end`);

  const [rowsR, ownR, scoresR, indicatorsR] = await Promise.all([rowsQ, ownQ, scoresQ, indicatorsQ]);
  const rows = resultRows<Row>(rowsR);
  const own = new Map(
    resultRows<{ alliance_id: string; cents: string | number; hundredths: string | number; has_target: boolean }>(
      ownR,
    ).map((o) => [o.alliance_id, o]),
  );
  const scores = resultRows<{ goal: number; dimension: string; average: string | number }>(scoresR);
  const indicators = resultRows<{
    target: string;
    alliance_id: string;
    name: string;
    unit: string;
    period: string;
    value: string | number;
  }>(indicatorsR);

  // Each alliance's own euros and hours divided among its targets, in the order of its codes.
  const parts = new Map<string, { weight: number; cents: number; hundredths: number }>();
  const byAlliance = new Map<string, Row[]>();
  for (const r of rows) byAlliance.set(r.alliance_id, [...(byAlliance.get(r.alliance_id) ?? []), r]);
  for (const [allianceId, targets] of byAlliance) {
    const ordered = [...targets].sort((a, b) => compareSdgTargets(a.target, b.target));
    const weights = allocationWeights(
      ordered.map((t) => ({ target: t.target, isPrimary: Boolean(t.is_primary), claimPercent: t.share })),
      primaryWeight,
    );
    const mine = own.get(allianceId);
    const cents = divideWhole(Number(mine?.cents ?? 0), weights);
    const hundredths = divideWhole(Number(mine?.hundredths ?? 0), weights);
    ordered.forEach((t, i) =>
      parts.set(`${allianceId} ${t.target}`, { weight: weights[i]!, cents: cents[i]!, hundredths: hundredths[i]! }),
    );
  }
  let unallocatedCents = 0;
  let unallocatedHundredths = 0;
  let totalCents = 0;
  let totalHundredths = 0;
  for (const o of own.values()) {
    totalCents += Number(o.cents);
    totalHundredths += Number(o.hundredths);
    if (!o.has_target) {
      unallocatedCents += Number(o.cents);
      unallocatedHundredths += Number(o.hundredths);
    }
  }

  const goalNumbers = [...new Set(rows.map((r) => r.goal))].sort((a, b) => a - b);
  const goals = goalNumbers.map((goal) => {
    const ofGoal = rows.filter((r) => r.goal === goal);
    const targets = [...new Set(ofGoal.map((r) => r.target))];
    const part = (r: Row) => parts.get(`${r.alliance_id} ${r.target}`)!;
    const goalCents = ofGoal.reduce((sum, r) => sum + part(r).cents, 0);
    const goalHundredths = ofGoal.reduce((sum, r) => sum + part(r).hundredths, 0);
    return {
      goal,
      alliances: new Set(ofGoal.map((r) => r.alliance_id)).size,
      /** Rows (alliance × target) of the goal, shown or not. */
      rows: ofGoal.length,
      ownCents: goalCents,
      ownHours: goalHundredths / 100,
      averages: Object.fromEntries(
        scores.filter((s) => s.goal === goal).map((s) => [s.dimension, Number(s.average)]),
      ) as Record<string, number>,
      targets: targets.map((target) => ({
        target,
        alliances: ofGoal
          .filter((r) => r.target === target)
          .map((r) => ({
            id: r.alliance_id,
            title: r.title,
            partners: r.partners ?? "",
            sharePercent: r.share,
            /** The fraction of the alliance's own contributions allocated to this target (0–1). */
            allocated: part(r).weight,
            ownCents: part(r).cents,
            ownHours: part(r).hundredths / 100,
            indicators: Object.values(
              indicators
                .filter((i) => i.target === target && i.alliance_id === r.alliance_id)
                .reduce<
                  Record<string, { name: string; unit: string; results: Array<{ period: string; value: number }> }>
                >((acc, i) => {
                  (acc[i.name] ??= { name: i.name, unit: i.unit, results: [] }).results.push({
                    period: i.period,
                    value: Number(i.value),
                  });
                  return acc;
                }, {}),
            ),
          })),
      })),
    };
  });
  return {
    totals: {
      cents: totalCents,
      hours: totalHundredths / 100,
      unallocatedCents,
      unallocatedHours: unallocatedHundredths / 100,
      alliances: own.size,
    },
    goals,
  };
}

export type SdgReport = Awaited<ReturnType<typeof sdgReport>>;
