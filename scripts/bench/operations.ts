/**
 * What `npm run bench` and `npm run bench:explain` measure on the national dataset: the
 * benchmark's users and sessions, one territorial coordination, the operations (tRPC calls as
 * a browser sends them), and the statements each operation sends to PostgreSQL, captured from
 * the app's own procedures through drizzle's logger.
 */
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../db/client";
import { refreshTerritoryStatistics, territoryStatisticsRefreshedAt } from "../../server/jobs/territory-statistics";
import { migrateDatabase } from "../../db/migrate";
import { resultRows } from "../../db/rows";
import { createSession } from "../../server/auth/sessions";
import { callerFor } from "../../tests/helpers/caller";

export interface Statement {
  query: string;
  params: unknown[];
}
export interface Call {
  path: string;
  input: Record<string, unknown>;
}
export interface BenchUser {
  user_id: string;
  email: string;
}
export interface Operation {
  name: string;
  user: BenchUser;
  workspaceSlug: string;
  calls: Call[];
  /** p95 target at 8 connections (ms). */
  target: number;
  /**
   * Read from the workspace's stored figures (migration 0034): the bench also times the first
   * call after the workspace's data changed, which computes them again.
   */
  stored?: boolean;
}

/** A page as a browser asks for it, with the targets (one connection, CPU = app + database). */
export interface PageCase {
  name: string;
  user: BenchUser;
  path: string;
  target: { cpuMs: number; p95Ms: number; htmlKb: number };
}

export const REGION = "84";
export const DEPARTEMENT = "69";
export const YEAR = 2025;

export interface Bench {
  database: Database;
  operations: Operation[];
  /** Session cookie value per user id. */
  sessions: Map<string, string>;
  big: BenchUser;
  /** The statements of one call: the tenant set-up (what workspaces.ping sends) and the call's own. */
  statements(operation: Operation): Promise<{ setup: Statement[]; own: Statement[] }>;
  /** The pages measured with the operations (issue 27). */
  pages: PageCase[];
  /** Bumps a workspace's data version, as a change to one of its alliances does. */
  touchWorkspace(workspaceSlug: string): Promise<void>;
}

/** Opens the national database (as its owner), checks the dataset is there and prepares the run. */
export async function prepareBench(url: string): Promise<Bench> {
  let recording: Statement[] | null = null;
  const database = await openDatabase({
    url,
    poolMax: 4,
    logger: { logQuery: (query, params) => recording?.push({ query, params }) },
  });
  await migrateDatabase(database);
  const db = database.db;
  const owner = async (slug: string) =>
    resultRows<BenchUser>(
      await db.execute(sql`select u.id as user_id, u.email from workspaces w join memberships m on m.workspace_id = w.id and m.role = 'owner'
        join users u on u.id = m.user_id where w.slug = ${slug}`),
    )[0];
  const big = await owner("national-1");
  const company = await owner("national-2");
  if (!big || !company)
    throw new Error("The national dataset is not in this database: run `npm run seed:national` first.");
  // The coordinator: the first collectivité workspace of the dataset, given an approved
  // coordination of Auvergne-Rhône-Alpes (idempotent).
  const [coordinator] = resultRows<BenchUser & { workspace_id: string; slug: string }>(
    await db.execute(sql`select w.id as workspace_id, w.slug, u.id as user_id, u.email from workspaces w
      join memberships m on m.workspace_id = w.id and m.role = 'owner' join users u on u.id = m.user_id
      where w.kind = 'collectivite' and w.slug like 'national-%' order by w.created_at, w.slug limit 1`),
  );
  if (!coordinator) throw new Error("no collectivité workspace in the national dataset");
  await db.execute(sql`insert into territory_coordinations (workspace_id, level, code, reason, status, decided_by, decided_at)
    values (${coordinator.workspace_id}, 'region', ${REGION}, 'Benchmark', 'approved', 'bench', now())
    on conflict (workspace_id, level, code) do update set status = 'approved'`);
  // The territorial dashboards read their unfiltered figures from the summary that the app's
  // job runner keeps; a freshly loaded dataset has none yet, so it is computed (and timed) here.
  if (!(await territoryStatisticsRefreshedAt(db))) {
    const result = await refreshTerritoryStatistics(db);
    console.error(
      `territorial statistics computed: ${result.alliances} alliances, ${result.cells} cells in ${(result.durationMs / 1000).toFixed(1)} s`,
    );
  }
  const [detail] = resultRows<{ id: string }>(
    await db.execute(sql`select a.id from alliances a join alliance_parties p on p.alliance_id = a.id and p.status = 'accepted'
      join workspaces w on w.id = p.workspace_id and w.slug = 'national-1'
      where exists (select 1 from alliance_contributions c where c.alliance_id = a.id)
        and exists (select 1 from evaluation_cycles e where e.alliance_id = a.id)
      order by a.id limit 1`),
  );
  if (!detail) throw new Error("no alliance with contributions and a cycle in national-1");

  const sessions = new Map<string, string>();
  for (const user of [big, company, coordinator])
    sessions.set(user.user_id, (await createSession(db, user.user_id)).sessionToken);

  const op = (
    name: string,
    user: BenchUser,
    workspaceSlug: string,
    target: number,
    ...calls: Array<[string, Record<string, unknown>]>
  ): Operation => ({
    name,
    user,
    workspaceSlug,
    target,
    calls: calls.map(([path, input]) => ({ path, input: { workspaceSlug, ...input } })),
  });
  /** Marks the workspace's stored figures as out of date, as any change to its alliances does (a change row). */
  async function touchWorkspace(workspaceSlug: string) {
    await db.execute(
      sql`insert into workspace_changes (workspace_id) select w.id from workspaces w where w.slug = ${workspaceSlug}`,
    );
  }

  const operations: Operation[] = [
    op("noop", big, "national-1", 5, ["workspaces.ping", {}]),
    // A list without a text search keeps its count and page in the stored figures.
    {
      ...op("list", big, "national-1", 30, [
        "alliances.list",
        { sort: "updatedAt", direction: "desc", page: 1, pageSize: 50 },
      ]),
      stored: true,
    },
    {
      ...op("list-sdg-region", big, "national-1", 30, [
        "alliances.list",
        { sdgGoal: 4, region: REGION, page: 1, pageSize: 50 },
      ]),
      stored: true,
    },
    op("list-search", big, "national-1", 30, ["alliances.list", { q: "paniers solidaires", page: 1, pageSize: 50 }]),
    op(
      "detail",
      big,
      "national-1",
      20,
      ["alliances.get", { id: detail.id }],
      ["evaluation.cycles", { allianceId: detail.id }],
    ),
    { ...op("dashboard", big, "national-1", 80, ["dashboards.workspace", {}]), stored: true },
    op("territory-region", coordinator, coordinator.slug, 100, [
      "territories.dashboard",
      { level: "region", code: REGION },
    ]),
    op("territory-departement", coordinator, coordinator.slug, 100, [
      "territories.dashboard",
      { level: "departement", code: DEPARTEMENT },
    ]),
    op("territory-france", coordinator, coordinator.slug, 250, ["territories.dashboard", { level: "france" }]),
    { ...op("sdg-report", company, "national-2", 200, ["dashboards.sdgReport", { year: YEAR }]), stored: true },
  ];

  async function capture(user: BenchUser, call: Call): Promise<Statement[]> {
    recording = [];
    try {
      const caller = callerFor(db, { id: user.user_id, email: user.email, name: null });
      const [router, procedure] = call.path.split(".") as [string, string];
      await (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[router]![
        procedure
      ]!(call.input);
      return recording;
    } finally {
      recording = null;
    }
  }

  async function statements(operation: Operation) {
    const setup = await capture(operation.user, {
      path: "workspaces.ping",
      input: { workspaceSlug: operation.workspaceSlug },
    });
    const own: Statement[] = [];
    if (operation.name === "noop") return { setup, own };
    for (const call of operation.calls) {
      const all = await capture(operation.user, call);
      if (!setup.every((s, i) => all[i]?.query === s.query))
        throw new Error(`${call.path}: its first statements are not the tenant set-up`);
      own.push(...all.slice(setup.length));
    }
    return { setup, own };
  }

  const pages: PageCase[] = [
    {
      name: "page: list",
      user: big,
      path: "/w/national-1/alliances",
      target: { cpuMs: 30, p95Ms: 50, htmlKb: 80 },
    },
    {
      name: "page: list sdg+region",
      user: big,
      path: `/w/national-1/alliances?sdgGoal=4&region=${REGION}`,
      target: { cpuMs: 30, p95Ms: 50, htmlKb: 80 },
    },
    {
      name: "page: alliance",
      user: big,
      path: `/w/national-1/alliances/${detail.id}`,
      target: { cpuMs: 25, p95Ms: 40, htmlKb: 80 },
    },
    { name: "page: dashboard", user: big, path: "/w/national-1", target: { cpuMs: 25, p95Ms: 40, htmlKb: 100 } },
    {
      name: "page: territory",
      user: coordinator,
      path: `/w/${coordinator.slug}/territory?level=region&code=${REGION}`,
      target: { cpuMs: 40, p95Ms: 60, htmlKb: 120 },
    },
    {
      name: "page: sdg report",
      user: company,
      path: `/w/national-2/reports/sdg?year=${YEAR}`,
      target: { cpuMs: 40, p95Ms: 60, htmlKb: 120 },
    },
  ];

  return { database, operations, sessions, big, statements, touchWorkspace, pages };
}
