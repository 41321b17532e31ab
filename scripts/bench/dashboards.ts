/**
 * Benchmark: the dashboards on the demo data, through the tRPC procedures (authentication
 * scope, tenant transaction, row-level security, SQL) as the demo personas call them. Target:
 * p95 well under 200 ms each. Run with the demo loaded into a fresh database:
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/dashboards.ts   (or without it: in-memory PGlite)
 * The national-scale benchmark (1.2 million alliances) comes with its own issue.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { resultRows } from "../../db/rows";
import { seedDemo } from "../../db/seed";
import { callerFor } from "../../tests/helpers/caller";

const url = process.env.DATABASE_URL;
const database = url ? await openDatabase({ url, poolMax: 4 }) : await openDatabase({ dataDir: "memory://" });
await migrateDatabase(database);
await seedDemo(database.db);
const db = database.db;
const persona = async (email: string) => {
  const [u] = resultRows<{ id: string; email: string }>(
    await db.execute(sql`select id, email from users where email = ${email}`),
  );
  return callerFor(db, { id: u!.id, email: u!.email, name: null });
};
const camille = await persona("camille.martin@demo.maillage.test");
const julien = await persona("julien.bernard@demo.maillage.test");
const amina = await persona("amina.diallo@demo.maillage.test");
const year = new Date().getUTCFullYear();

const cases: Array<[string, () => Promise<unknown>]> = [
  ["workspace dashboard", () => camille.dashboards.workspace({ workspaceSlug: "jardins-du-lien" })],
  [
    "workspace dashboard, filtered (mode + région)",
    () => camille.dashboards.workspace({ workspaceSlug: "jardins-du-lien", mode: "mecenat", region: "84" }),
  ],
  ["SDG report (year)", () => julien.dashboards.sdgReport({ workspaceSlug: "boulangeries-du-val", year })],
  [
    "territory dashboard, France",
    () => amina.territories.dashboard({ workspaceSlug: "departement-val-clair", level: "france" }),
  ],
  [
    "territory dashboard, département 26",
    () => amina.territories.dashboard({ workspaceSlug: "departement-val-clair", level: "departement", code: "26" }),
  ],
];

console.log(`database: ${url ? "PostgreSQL server" : "in-memory PGlite"}; 5 warm-up calls then 50 timed calls each`);
for (const [name, run] of cases) {
  for (let i = 0; i < 5; i++) await run();
  const timings: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    await run();
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  const pick = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
  console.log(
    `${name.padEnd(46)} p50 ${pick(0.5).padStart(6)} ms   p95 ${pick(0.95).padStart(6)} ms   max ${timings.at(-1)!.toFixed(1).padStart(6)} ms`,
  );
}
await database.close();
