/**
 * Benchmark: importing 10,000 alliances from an XLSX file, through the tRPC procedures a browser
 * calls (upload, dry run, start) and the background job, into a workspace on the demo data.
 * Prints the time of each step, then re-imports the same file (everything unchanged) and an
 * edited one (1,000 rows changed). Target: the 10,000-row import under 30 s on this machine.
 *   DATABASE_URL=postgres://… npm run bench:import   (or without it: in-memory PGlite)
 *   options: --rows 10000
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { resultRows } from "../../db/rows";
import { seedDemo } from "../../db/seed";
import { runQueuedImports } from "../../server/services/exchange/run-import";
import { logger } from "../../server/log";
import { callerFor, RecordingMailer } from "../../tests/helpers/caller";
import { benchImportFile } from "./import-file";

const rowsArg = process.argv.indexOf("--rows");
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000;
const url = process.env.DATABASE_URL;
const database = url ? await openDatabase({ url, poolMax: 4 }) : await openDatabase({ dataDir: "memory://" });
await migrateDatabase(database);
await seedDemo(database.db);
const db = database.db;
const [user] = resultRows<{ id: string; email: string }>(
  await db.execute(sql`select id, email from users where email = 'camille.martin@demo.maillage.test'`),
);
const camille = callerFor(db, { id: user!.id, email: user!.email, name: null });
const workspaceSlug = "jardins-du-lien";

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s`);
  return result;
}

async function importFile(name: string, content: string) {
  console.log(`${name}:`);
  const total = performance.now();
  const { id } = await timed("upload (read the XLSX)", () =>
    camille.imports.upload({ workspaceSlug, fileName: "bench.xlsx", content }),
  );
  const upload = await camille.imports.get({ workspaceSlug, id });
  const preview = await timed("dry run", () => camille.imports.preview({ workspaceSlug, id, mapping: upload.mapping }));
  if (!preview.ready)
    throw new Error(`not ready: ${JSON.stringify(preview.errors.slice(0, 3))} ${preview.counts.toConfirm} to confirm`);
  await timed("import (background job)", async () => {
    await camille.imports.start({ workspaceSlug, id });
    await runQueuedImports(database, { log: logger(), mailer: new RecordingMailer() });
  });
  const done = await camille.imports.get({ workspaceSlug, id });
  console.log(
    `  ${"total".padEnd(34)} ${((performance.now() - total) / 1000).toFixed(2).padStart(7)} s   → ${done.status} ${JSON.stringify(done.result)}`,
  );
}

console.log(`database: ${url ? "PostgreSQL server" : "in-memory PGlite"}; ${ROWS} rows`);
const original = await benchImportFile(ROWS);
await importFile(`first import of ${ROWS} rows`, original);
await importFile("same file again", original);
await importFile("edited file (1 row in 10 changed)", await benchImportFile(ROWS, true));
await database.close();
