import { sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { LIFECYCLE_STAGES } from "../../../domain/alliances";
import { compareSdgTargets } from "../../../domain/sdg";
import { territory } from "../../../domain/territory-data";
import type { WorkspaceContext } from "../context";
import { territoryStatisticsRefreshedAt } from "../../jobs/territory-statistics";
import { storedFigures } from "../stored-figures";
import { coordinatorAccess } from "./access";
import { TerritoryDashboardInput } from "./schemas";

const DIMENSIONS = ["mode", "goal", "target", "kind", "stage", "year"] as const;

/** A row of app_territory_counts_many. */
interface CountRow {
  dimension: string;
  key: string;
  alliances: number | null;
  organisations: number | null;
  cents: string | number | null;
  hours: string | number | null;
}

interface Cell {
  key: string;
  alliances: number | null;
  organisations: number | null;
  cents: number | null;
  hours: number | null;
}

/**
 * The territorial coordinator's dashboard for France, a région or a département: totals and
 * breakdowns (mode, SDG goal, kind of partner, stage, year of start) from the statistics
 * function (an alliance counts once, opted-out workspaces' alliances are left out, cells under
 * 3 alliances or 3 organisations come back hidden), the map's counts per département (or per
 * commune and EPCI inside a département), alliances per 10,000 inhabitants, and the alliances
 * whose parties all agreed to show their details to the territory. Only for a workspace with an
 * approved coordination. Without filters the counts come from the summary the job runner
 * recomputes (`refreshedAt` says when); with filters they are counted live. Permission: alliances.read.
 */
export async function territoryDashboard(ctx: WorkspaceContext, input: z.infer<typeof TerritoryDashboardInput>) {
  const index = territory();
  const level = input.level;
  const code = level === "france" ? "" : (input.code ?? "");
  // Inside its approved territories a coordinator sees everything; elsewhere only what the public
  // observatory will show: aggregates, no breakdown finer than the département, no alliance.
  const { coordinations: approved, inside } = await coordinatorAccess(ctx, level, code);
  const f = {
    mode: input.mode ?? null,
    goal: input.sdgGoal ?? null,
    stage: input.stage ?? null,
    year: input.year ?? null,
  };
  // Every breakdown in one call (one round trip and one coordination check instead of ten),
  // sent together with the details, the organisations and the summary's date (postgres.js
  // pipelines them).
  const mapDimension = level === "departement" ? "commune" : "departement";
  const finer = level === "departement";
  const wanted = [
    "total",
    ...DIMENSIONS,
    ...(finer && !inside ? [] : [mapDimension]),
    ...(level === "france" ? ["region"] : []),
    ...(finer && inside ? ["epci"] : []),
  ];
  // Unfiltered figures come from the summary (see statistics.ts) once computed: say when.
  const unfiltered = f.mode === null && f.goal === null && f.stage === null && f.year === null;
  const refreshedAt = unfiltered ? await territoryStatisticsRefreshedAt(ctx.tx) : null;
  const countAll = async () =>
    resultRows<CountRow>(
      await ctx.tx.execute(
        sql`select * from app_territory_counts_many(${level}, ${code}, string_to_array(${wanted.join(",")}, ','), ${f.mode}, ${f.goal}, ${f.stage}, ${f.year})`,
      ),
    );
  // Counts from the summary change only when it is recomputed: the workspace keeps them with its
  // stored figures under the summary's date, for what this coordinator may see (`inside`, `wanted`).
  // Perturbing every cell (the cell key method) cost about 40 ms of database CPU per view.
  const [countRows, detailRows, involvedRows] = await Promise.all([
    refreshedAt
      ? storedFigures(
          ctx,
          "territory-counts",
          { level, code, inside, wanted: wanted.join(","), summary: refreshedAt.toISOString() },
          async () => ({ value: await countAll(), validUntil: null }),
        )
      : countAll(),
    inside
      ? ctx.tx.execute(
          sql`select * from app_territory_alliances(${level}, ${code}, ${f.mode}, ${f.goal}, ${f.stage}, ${f.year})`,
        )
      : [],
    inside
      ? ctx.tx.execute(
          sql`select * from app_territory_organisations(${level}, ${code}, ${f.mode}, ${f.goal}, ${f.stage}, ${f.year})`,
        )
      : [],
  ]);
  // One pass over the rows, grouped by dimension (a département's map alone has about 270 cells).
  const grouped = new Map<string, Cell[]>();
  for (const r of countRows) {
    const cell: Cell = {
      key: r.key,
      alliances: r.alliances,
      organisations: r.organisations,
      cents: r.cents === null ? null : Number(r.cents),
      hours: r.hours === null ? null : Number(r.hours),
    };
    const cells = grouped.get(r.dimension);
    if (cells) cells.push(cell);
    else grouped.set(r.dimension, [cell]);
  }
  const counts = (dimension: string): Cell[] => grouped.get(dimension) ?? [];

  const [total] = counts("total");
  // Natural orders, not text: goals 1 … 17, targets 4.1 … 4.a … 17.19, stages as the life cycle runs, years.
  const stageRank = (key: string) => (LIFECYCLE_STAGES as readonly string[]).indexOf(key);
  const order: Partial<Record<(typeof DIMENSIONS)[number], (a: Cell, b: Cell) => number>> = {
    goal: (a, b) => Number(a.key) - Number(b.key),
    target: (a, b) => compareSdgTargets(a.key, b.key),
    stage: (a, b) => stageRank(a.key) - stageRank(b.key),
    year: (a, b) => Number(a.key) - Number(b.key),
  };
  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d) => [d, order[d] ? [...counts(d)].sort(order[d]) : counts(d)] as const),
  ) as Record<(typeof DIMENSIONS)[number], Cell[]>;
  const map = counts(mapDimension);
  const regions = level === "france" ? counts("region") : [];
  const epci = level === "departement" ? counts("epci") : [];
  const population =
    level === "france"
      ? [...index.regions.values()].reduce((sum, r) => sum + r.population, 0)
      : level === "region"
        ? (index.regions.get(code)?.population ?? 0)
        : (index.departements.get(code)?.population ?? 0);
  const per10k = (alliances: number | null, people: number) =>
    alliances === null || people <= 0 ? null : Math.round((alliances / people) * 10_000 * 100) / 100;
  const details = resultRows<{
    id: string;
    title: string;
    summary: string | null;
    stage: string;
    mode: string | null;
    starts_on: string | null;
    ends_on: string | null;
    parties: string | null;
  }>(detailRows);
  const involved = resultRows<{ name: string; kind: string; alliances: number }>(involvedRows);
  const departementsHere = [...index.departements.values()].filter(
    (d) => level === "france" || (level === "region" && d.region === code),
  );
  return {
    level,
    code: code || null,
    name:
      level === "france"
        ? null
        : level === "region"
          ? index.regions.get(code)!.name
          : index.departements.get(code)!.name,
    coordinations: approved,
    /** Whether the area lies within one of the workspace's approved territories (full detail) or not (public-level figures only). */
    inside,
    total: total ?? { key: "total", alliances: null, organisations: null, cents: null, hours: null },
    population,
    per10k: per10k(total?.alliances ?? null, population),
    breakdowns,
    map: {
      dimension: mapDimension,
      cells: map.map((c) => {
        const place = mapDimension === "commune" ? index.communes.get(c.key) : index.departements.get(c.key);
        return {
          ...c,
          name: place?.name ?? c.key,
          per10k: mapDimension === "departement" ? per10k(c.alliances, place?.population ?? 0) : null,
        };
      }),
      departements: departementsHere.map((d) => ({ code: d.code, name: d.name, region: d.region })),
    },
    regions: regions.map((r) => ({
      ...r,
      name: index.regions.get(r.key)?.name ?? r.key,
      per10k: per10k(r.alliances, index.regions.get(r.key)?.population ?? 0),
    })),
    epci: epci.map((e) => ({ ...e, name: index.epci.get(e.key)?.name ?? e.key })),
    refreshedAt,
    filters: { mode: f.mode, sdgGoal: f.goal, stage: f.stage, year: f.year },
    organisations: involved,
    alliances: details.map((d) => ({
      id: d.id,
      title: d.title,
      summary: d.summary,
      stage: d.stage,
      mode: d.mode,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      parties: d.parties ?? "",
    })),
  };
}
