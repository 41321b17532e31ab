import postgres from "postgres";
import { prepareBench } from "/work/main/scripts/bench/operations";
const url = process.env.DATABASE_URL!;
const { database, operations, statements } = await prepareBench(url);
const client = postgres(url, { max: 1, onnotice: () => {} });
const op = operations.find((o) => o.name === (process.argv[2] ?? "list"))!;
const { setup, own } = await statements(op);
const pick = own.filter((s) => s.query.includes(process.argv[3] ?? '"row"'));
await client.begin(async (tx) => {
  for (const s of setup) await tx.unsafe(s.query, s.params as never[]);
  for (const s of pick) {
    const lit = (v: unknown) => v === null ? "null" : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`;
    await tx.unsafe(`prepare p as ${s.query}`);
    for (const mode of ["force_custom_plan", "force_generic_plan"]) {
      await tx.unsafe(`set local plan_cache_mode = ${mode}`);
      for (let i = 0; i < 3; i++) await tx.unsafe(`execute p(${s.params.map(lit).join(",")})`);
      const plan = await tx.unsafe(`explain (analyze, costs off) execute p(${s.params.map(lit).join(",")})`);
      console.log(`\n### ${mode}\n` + plan.map((r) => String(r["QUERY PLAN"])).join("\n"));
    }
  }
});
await client.end(); await database.close();
