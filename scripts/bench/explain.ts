/**
 * `npm run bench:explain -- [operation …]`: the query plans (EXPLAIN ANALYZE, BUFFERS) of the
 * statements each benchmark operation sends, run inside a transaction set up as the app's
 * (request role, tenant settings, row-level security on). BENCHMARKS.md quotes them.
 */
import postgres from "postgres";
import { prepareBench } from "./operations";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("npm run bench:explain needs DATABASE_URL (the database loaded by `npm run seed:national`).");
const wanted = process.argv.slice(2);
const { database, operations, statements } = await prepareBench(url);
const client = postgres(url, { max: 1, onnotice: () => {} });
try {
  for (const operation of operations.filter(
    (o) => o.name !== "noop" && (wanted.length === 0 || wanted.includes(o.name)),
  )) {
    const { setup, own } = await statements(operation);
    console.log(`\n## ${operation.name} (${own.length} statements)`);
    await client.begin(async (tx) => {
      for (const s of setup) await tx.unsafe(s.query, s.params as never[]);
      for (const s of own) {
        const plan = await tx.unsafe(`explain (analyze, buffers, costs off) ${s.query}`, s.params as never[]);
        const lines = plan.map((row) => String(row["QUERY PLAN"]));
        console.log(`\n${s.query.replace(/\s+/g, " ").slice(0, 300)}\n${lines.join("\n")}`);
      }
    });
  }
} finally {
  await client.end({ timeout: 5 });
  await database.close();
}
