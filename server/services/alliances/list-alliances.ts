import { lightChangesAt, statusLight } from "../../../domain/evaluation";
import { and, asc, count, eq, gte, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { alliances } from "../../../db/schema";
import { epochMilliseconds, resultRows } from "../../../db/rows";
import { GUIDE_QUESTIONS, GUIDE_STAGES, type GuideStage } from "../../../domain/guide";
import { normalizeForSearch } from "../../../domain/territory";
import { plannedGenerically } from "../../../db/scope";
import type { WorkspaceContext } from "../context";
import { storedFiguresEntries } from "../stored-figures";
import { listedByWorkspace, reachableByWorkspace } from "./access";
import type { ListAlliancesInput } from "./schemas";

// Qualified by hand: in a select list drizzle renders a column without its table, which the
// subquery would then resolve against alliance_mode_periods.
export const CURRENT_MODE = sql<
  string | null
>`(select m.mode from alliance_mode_periods m where m.alliance_id = ${sql.identifier("alliances")}.id order by m.starts_on desc limit 1)`;

/** How many questions the questioning process asks at a stage (none once the alliance has ended). */
function guideTotal(stage: string): number {
  return (GUIDE_STAGES as readonly string[]).includes(stage) ? GUIDE_QUESTIONS[stage as GuideStage].length : 0;
}

/** A prefix full-text query from what the person typed: every word must start a word of the text. */
export function prefixTsQuery(text: string): string | null {
  const words = normalizeForSearch(text)
    .split(" ")
    .map((w) => w.replace(/[^a-z0-9]/g, ""))
    .filter(Boolean);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * The list's filters as SQL conditions on `alliances` (the tenant rule first). The list page and
 * the export use the same ones, so an export holds exactly what the list shows.
 */
export function listConditions(
  ctx: WorkspaceContext,
  f: Omit<ListAlliancesInput, "sort" | "direction" | "page" | "pageSize">,
): SQL[] {
  const where: SQL[] = [
    listedByWorkspace(ctx.workspaceId),
    f.archived ? isNotNull(alliances.archivedAt) : isNull(alliances.archivedAt),
  ];
  const tsquery = f.q ? prefixTsQuery(f.q) : null;
  if (tsquery) where.push(sql`${alliances.searchVector} @@ to_tsquery('french', ${tsquery})`);
  if (f.stage) where.push(eq(alliances.stage, f.stage));
  if (f.mode) where.push(sql`${CURRENT_MODE} = ${f.mode}`);
  if (f.mecenatForm) {
    where.push(
      sql`exists (select 1 from alliance_mode_periods m where m.alliance_id = ${alliances.id} and m.mode = 'mecenat' and ${f.mecenatForm} = any(m.mecenat_forms))`,
    );
  }
  if (f.entryDoor) where.push(sql`${f.entryDoor} = any(${alliances.entryDoors})`);
  if (f.tag) where.push(sql`${f.tag} = any(${alliances.tags})`);
  if (f.sdgGoal)
    where.push(
      sql`exists (select 1 from alliance_sdg_targets s where s.alliance_id = ${alliances.id} and s.goal = ${f.sdgGoal})`,
    );
  if (f.sdgTarget)
    where.push(
      sql`exists (select 1 from alliance_sdg_targets s where s.alliance_id = ${alliances.id} and s.target = ${f.sdgTarget})`,
    );
  // A région matches alliances placed in it or in any of its départements, EPCI or communes.
  if (f.region)
    where.push(
      sql`exists (select 1 from alliance_territories t where t.alliance_id = ${alliances.id} and t.region_code = ${f.region})`,
    );
  if (f.departement)
    where.push(
      sql`exists (select 1 from alliance_territories t where t.alliance_id = ${alliances.id} and t.departement_code = ${f.departement})`,
    );
  if (f.partnerId)
    where.push(
      sql`exists (select 1 from alliance_parties p where p.alliance_id = ${alliances.id} and p.organisation_id = ${f.partnerId})`,
    );
  if (f.partnerKind) {
    where.push(
      sql`exists (select 1 from alliance_parties p join organisations o on o.id = p.organisation_id where p.alliance_id = ${alliances.id} and o.kind = ${f.partnerKind} and p.workspace_id is distinct from ${ctx.workspaceId})`,
    );
  }
  if (f.guide) {
    // The current stage's questions against the distinct ones answered ("termine" has none).
    const needed = sql`(case ${alliances.stage} ${sql.join(
      GUIDE_STAGES.map((s) => sql`when ${s} then ${GUIDE_QUESTIONS[s].length}`),
      sql` `,
    )} else 0 end)`;
    const answered = sql`(select count(distinct g.question_key) from alliance_guide_answers g where g.alliance_id = ${alliances.id} and g.stage = ${alliances.stage}::text)`;
    where.push(f.guide === "complete" ? sql`${answered} >= ${needed}` : sql`${answered} < ${needed}`);
  }
  if (f.from) where.push(or(isNull(alliances.endsOn), gte(alliances.endsOn, f.from))!);
  if (f.to) where.push(or(isNull(alliances.startsOn), lte(alliances.startsOn, f.to))!);

  return where;
}

/**
 * One page of the workspace's alliances, filtered, sorted and paginated in SQL.
 * Tenant: alliances where the workspace is an accepted party (in code and by RLS).
 */
export async function listAlliances(ctx: WorkspaceContext, f: ListAlliancesInput) {
  // One instant for every row's evaluation light.
  const now = new Date();

  // A search alone (with the archive switch and the stage at most), sorted by a column the search
  // rows carry, is answered from the workspace's search rows (migration 0065), in one statement
  // planned once per connection (searchRows explains it).
  const search = searchRows(ctx, f);
  if (search) {
    const rows = resultRows<SearchRow>(await plannedGenerically(ctx.tx, () => ctx.tx.execute(search.page)));
    const matching = rows.length
      ? Number(rows[0]!.matching)
      : f.page === 1
        ? 0
        : Number(resultRows<{ value: number | string }>(await ctx.tx.execute(search.count))[0]?.value ?? 0);
    return { total: matching, page: f.page, pageSize: f.pageSize, items: rows.map((r) => searchItem(r, now)) };
  }

  const where = listConditions(ctx, f);

  const column = {
    title: alliances.title,
    updatedAt: alliances.updatedAt,
    startsOn: alliances.startsOn,
    stage: alliances.stage,
    mode: CURRENT_MODE,
    // The first partner's name (other than the workspace itself), and the primary SDG goal.
    partners: sql`(select min(o.name) from alliance_parties p join organisations o on o.id = p.organisation_id where p.alliance_id = ${sql.identifier("alliances")}.id and p.workspace_id is distinct from ${ctx.workspaceId})`,
    sdg: sql`(select s.goal from alliance_sdg_targets s where s.alliance_id = ${sql.identifier("alliances")}.id and s.is_primary)`,
  }[f.sort];
  const order = f.direction === "asc" ? sql`${column} asc nulls last` : sql`${column} desc nulls last`;
  const condition = and(...where);

  const columns = {
    id: alliances.id,
    title: alliances.title,
    stage: alliances.stage,
    startsOn: alliances.startsOn,
    endsOn: alliances.endsOn,
    tags: alliances.tags,
    updatedAt: alliances.updatedAt,
    archivedAt: alliances.archivedAt,
    // Named, so that the rows by stored id can read them through a subquery.
    currentMode: CURRENT_MODE.as("current_mode"),
    createdAt: alliances.createdAt,
    lastClosedCycleAt: sql<
      Date | string | null
    >`(select max(c.closed_at) from evaluation_cycles c where c.alliance_id = ${sql.identifier("alliances")}.id and c.status = 'closed')`.as(
      "last_closed_cycle_at",
    ),
    guideAnswered:
      sql<number>`(select count(distinct g.question_key)::int from alliance_guide_answers g where g.alliance_id = ${sql.identifier("alliances")}.id and g.stage = ${sql.identifier("alliances")}.stage::text)`.as(
        "guide_answered",
      ),
    cycleRunning:
      sql<boolean>`exists (select 1 from evaluation_cycles c where c.alliance_id = ${sql.identifier("alliances")}.id and c.status = 'open')`.as(
        "cycle_running",
      ),
    // The partners (every party but the workspace itself) and the SDG goals, in the same statement
    // as the rows rather than two more reads of the page's ids.
    partnerNames: sql<
      string[] | null
    >`(select array_agg(o.name) from alliance_parties p join organisations o on o.id = p.organisation_id where p.alliance_id = ${sql.identifier("alliances")}.id and p.workspace_id is distinct from ${ctx.workspaceId})`.as(
      "partner_names",
    ),
    goalList: sql<
      number[] | null
    >`(select array_agg(distinct s.goal order by s.goal) from alliance_sdg_targets s where s.alliance_id = ${sql.identifier("alliances")}.id)`.as(
      "goal_list",
    ),
    primaryGoal: sql<
      number | null
    >`(select min(s.goal) from alliance_sdg_targets s where s.alliance_id = ${sql.identifier("alliances")}.id and s.is_primary)`.as(
      "primary_goal",
    ),
  };
  // One page in the list's order (drizzle's dynamic queries: the same clauses on two selects).
  const onePage = <Q extends PgSelect>(query: Q) =>
    query
      .orderBy(order, asc(alliances.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
  const counted = async () => (await ctx.tx.select({ value: count() }).from(alliances).where(condition))[0]?.value ?? 0;

  // Another search, or the guide filter, is counted and read each time: typed words must not pile up
  // stored rows, and guide answers do not move the stored figures. The count comes with the rows
  // (a window over every alliance the filters keep), so the workspace's alliances are walked once
  // for both instead of twice (about 20 ms each for a search of national-1). A page past the
  // end has no row to carry it, and is counted on its own.
  if (f.q || f.guide) {
    const rows = await onePage(
      ctx.tx
        .select({ ...columns, matching: sql<number | string>`count(*) over ()`.as("matching") })
        .from(alliances)
        .where(condition)
        .$dynamic(),
    );
    const matching = rows.length ? Number(rows[0]!.matching) : f.page === 1 ? 0 : await counted();
    return {
      total: matching,
      page: f.page,
      pageSize: f.pageSize,
      items: rows.map(({ matching: _matching, ...r }) => listItem(r, now)),
    };
  }

  // Otherwise how many alliances the filters keep, and this page's rows, are read from the
  // workspace's stored figures while its data has not changed (stored-figures.ts), both in one
  // statement. Counting a 5,000-alliance workspace, or sorting it to find one page, costs a pass
  // over all of it, and reading a page's 50 rows with their partners, goals, guide progress and
  // cycles costs eight lookups per row behind row-level security; a stored page is one row of
  // `workspace_figures`. Every table those rows read raises the workspace's data version when it
  // changes (migrations 0034 and 0064), and a page is kept no later than the first instant one
  // of its evaluation lights changes with time alone.
  const { sort: _sort, direction: _direction, page: _page, pageSize: _pageSize, ...filters } = f;
  const [matching, stored] = await storedFiguresEntries(ctx, [
    { kind: "list-count", params: filters, compute: async () => ({ value: await counted(), validUntil: null }) },
    {
      kind: "list-page",
      params: { ...f },
      compute: async () => {
        const ids = (
          await onePage(ctx.tx.select({ id: alliances.id }).from(alliances).where(condition).$dynamic())
        ).map((r) => r.id);
        const rows = ids.length ? await rowsById(ids) : [];
        let validUntil: number = Infinity;
        for (const r of rows) {
          const at = lightChangesAt({
            lastClosedAt: lastClosed(r.lastClosedCycleAt),
            since: since(r.startsOn, r.createdAt),
            now,
          });
          if (at) validUntil = Math.min(validUntil, at.getTime());
        }
        return {
          value: rows.map((r) => storedItem(listItem(r, now))),
          validUntil: Number.isFinite(validUntil) ? new Date(validUntil) : null,
        };
      },
    },
  ] as const);
  return { total: matching.value, page: f.page, pageSize: f.pageSize, items: stored.value.map(storedItemRead) };

  // The page's rows by id, in the page's order. The ids were just read with the filters in this
  // transaction, so only the tenant rule is repeated, alliance by alliance: its probe form goes
  // by the alliance's few party rows, where the list's form would build the workspace's whole set
  // again for every row (190 ms for a page of 25, against 1.7 ms; BENCHMARKS.md, issue 27's
  // fourth pass). One primary-key lookup per id: written as `id = ANY(<ids>)`, PostgreSQL
  // expects row-level security's array to be the smaller set and walks the whole workspace's
  // 5,000 alliances through its index instead (4.7 ms against 1.7; migration 0060). Planned once
  // per connection (plannedGenerically).
  function rowsById(ids: string[]) {
    const row = ctx.tx
      .select(columns)
      .from(alliances)
      .where(and(sql`${alliances.id} = page.id`, reachableByWorkspace(ctx.workspaceId, { probe: true })))
      .limit(1)
      .as("row");
    return plannedGenerically(ctx.tx, () =>
      ctx.tx
        .select(row._.selectedFields)
        .from(
          sql`unnest(array[${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}]::uuid[]) with ordinality as page(id, n)`,
        )
        .crossJoinLateral(row)
        .orderBy(sql`page.n`),
    );
  }
}

/** The list's sorts that the search rows carry, by column of workspace_alliance_search. */
const SEARCH_SORTS: Partial<Record<ListAlliancesInput["sort"], SQL>> = {
  updatedAt: sql`s.updated_at`,
  title: sql`s.title`,
  startsOn: sql`s.starts_on`,
  stage: sql`s.stage`,
};

/** A row of the search's statement: instants as milliseconds since 1970, days as ISO text. */
interface SearchRow {
  id: string;
  title: string;
  stage: (typeof alliances.$inferSelect)["stage"];
  starts_on: string | null;
  ends_on: string | null;
  tags: string[];
  updated_at: number;
  archived_at: number | null;
  created_at: number;
  current_mode: string | null;
  guide_answered: number;
  partner_names: string[] | null;
  last_closed_at: number | null;
  cycle_running: boolean;
  goal_list: number[] | null;
  primary_goal: number | null;
  matching: number | string;
}

/**
 * A text search's statements over the workspace's search rows (workspace_alliance_search): `page`
 * reads one page of the list with everything its rows show and how many rows match; `count` only
 * counts (for a page past the end). Null when the list asks for what those rows cannot answer
 * (another filter, or a sort by mode, partner or goal).
 *
 * The matches are found through the rows' text index on their workspace-prefixed words
 * (app_search_matches, migration 0066), and the page's rows carry the figures the general list
 * reads from the child tables (current mode, guide progress, partners, cycles, goals), kept by
 * triggers. Before, completing the 50 rows from those tables, each row under its table's policy,
 * was most of the statement's cost (BENCHMARKS.md, issue 27's twelfth pass). The statement is
 * written as SQL text rather than with drizzle's query builder: building that select, and mapping
 * its rows back, cost about 2 ms of the app's CPU per search (eleventh pass). Instants come as
 * milliseconds, which both drivers read as numbers.
 *
 * Tenant: the matches are the rows of the transaction's workspace (app_search_matches keeps to
 * it); the rows shown are read in code by the workspace and under row-level security, and each is
 * checked against the party table as well (its probe form, by the alliance's few party rows), so
 * a row that a refresh racing a party's departure left behind is not shown (migration 0065).
 */
function searchRows(ctx: WorkspaceContext, f: ListAlliancesInput) {
  const { q, archived, stage, sort, direction, page, pageSize, ...others } = f;
  const tsquery = q ? prefixTsQuery(q) : null;
  const column = Object.hasOwn(SEARCH_SORTS, sort) ? SEARCH_SORTS[sort] : undefined;
  if (!tsquery || !column || Object.values(others).some((v) => v !== null && v !== undefined)) return null;
  // The matching rows come from the text index, with the columns filtered and sorted by
  // (app_search_matches, migration 0066); the page's rows are then read by key under the table's
  // policy.
  const matches = sql`app_search_matches(to_tsquery('french', ${tsquery})) s`;
  const where = sql`${archived ? sql`s.archived_at is not null` : sql`s.archived_at is null`}${stage ? sql` and s.stage = ${stage}` : sql``}`;
  const order = sql`${column} ${direction === "asc" ? sql`asc` : sql`desc`} nulls last, s.alliance_id`;
  const ms = epochMilliseconds;
  return {
    count: sql`select count(*) as value from ${matches} where ${where}`,
    // The page is chosen from the matches alone; only its rows are read from the table, each
    // checked against the party table.
    page: sql`select w.alliance_id as id, w.title, w.stage, w.starts_on::text as starts_on, w.ends_on::text as ends_on, w.tags,
        ${ms(sql`w.updated_at`)} as updated_at, ${ms(sql`w.archived_at`)} as archived_at, ${ms(sql`w.created_at`)} as created_at,
        w.current_mode, w.guide_answered, w.partner_names, ${ms(sql`w.last_closed_at`)} as last_closed_at, w.cycle_running,
        w.goal_list, w.primary_goal, page.matching
      from (select s.alliance_id, count(*) over () as matching, row_number() over (order by ${order}) as n
          from ${matches} where ${where}
          order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}) page
        join workspace_alliance_search w on w.workspace_id = ${ctx.workspaceId} and w.alliance_id = page.alliance_id
      where ${reachableByWorkspace(ctx.workspaceId, { probe: true, allianceId: sql`w.alliance_id` })}
      order by page.n`,
  };
}

/** A list item from a row of the search's statement, the same as listItem makes from the general path's. */
function searchItem(r: SearchRow, now: Date) {
  return {
    id: r.id,
    title: r.title,
    stage: r.stage,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    tags: r.tags,
    updatedAt: new Date(r.updated_at),
    archivedAt: r.archived_at === null ? null : new Date(r.archived_at),
    currentMode: r.current_mode,
    ...rowFigures(
      r.stage,
      r.last_closed_at === null ? null : new Date(r.last_closed_at),
      r.cycle_running,
      r.starts_on ? new Date(r.starts_on) : new Date(r.created_at),
      r.guide_answered,
      r.partner_names,
      r.goal_list,
      r.primary_goal,
      now,
    ),
  };
}

/** A list item as stored in `workspace_figures` (JSON): its instants as ISO text. */
function storedItem<T extends { updatedAt: Date; archivedAt: Date | null }>(
  item: T,
): Omit<T, "updatedAt" | "archivedAt"> & { updatedAt: string; archivedAt: string | null } {
  return {
    ...item,
    updatedAt: item.updatedAt.toISOString(),
    archivedAt: item.archivedAt ? item.archivedAt.toISOString() : null,
  };
}

/** A stored list item with its instants as dates again, as a fresh read gives them. */
function storedItemRead<T extends { updatedAt: string; archivedAt: string | null }>(
  item: T,
): Omit<T, "updatedAt" | "archivedAt"> & { updatedAt: Date; archivedAt: Date | null } {
  return {
    ...item,
    updatedAt: new Date(item.updatedAt),
    archivedAt: item.archivedAt === null ? null : new Date(item.archivedAt),
  };
}

/** The last closed cycle and the start the evaluation light counts from. */
const lastClosed = (at: Date | string | null) => (at ? new Date(at) : null);
const since = (startsOn: string | null, createdAt: Date) => (startsOn ? new Date(startsOn) : createdAt);

/** What listItem reads of a row; the row's other columns are passed on as they are. */
type ListRowFigures = {
  stage: string;
  startsOn: string | null;
  createdAt: Date;
  lastClosedCycleAt: Date | string | null;
  guideAnswered: number;
  cycleRunning: boolean;
  partnerNames: string[] | null;
  goalList: number[] | null;
  primaryGoal: number | null;
};

/** One row of the list as the page shows it: guide progress, evaluation light, partners and goals. */
function listItem<R extends ListRowFigures>(
  { createdAt, lastClosedCycleAt, cycleRunning, guideAnswered, partnerNames, goalList, primaryGoal, ...r }: R,
  now: Date,
) {
  return {
    ...r,
    ...rowFigures(
      r.stage,
      lastClosed(lastClosedCycleAt),
      Boolean(cycleRunning),
      since(r.startsOn, createdAt),
      guideAnswered,
      partnerNames,
      goalList,
      primaryGoal,
      now,
    ),
  };
}

/** What a list row shows besides the alliance's own columns, from the figures read with it. */
function rowFigures(
  stage: string,
  lastClosedAt: Date | null,
  running: boolean,
  since: Date,
  guideAnswered: number,
  partnerNames: string[] | null,
  goalList: number[] | null,
  primaryGoal: number | null,
  now: Date,
) {
  const total = guideTotal(stage);
  return {
    guide: total ? { answered: Number(guideAnswered), total } : null,
    evaluation: statusLight({ lastClosedAt, running, since, now }),
    partners: [...(partnerNames ?? [])].sort(),
    goals: (goalList ?? []).map(Number),
    primaryGoal: primaryGoal === null ? null : Number(primaryGoal),
  };
}
