/**
 * Loads the synthetic France of the national-scale benchmark into the configured database
 * (DATABASE_URL, or the embedded PGlite database). Options: --scale 0.01 (default 1), --seed 42.
 * Refuses to run twice on the same database (the rows' ids are derived from their numbers). As
 * a superuser it loads on two connections at once, committing as it goes; otherwise in one
 * transaction.
 *   npm run seed:national -- --scale 0.01
 */
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { nationalLoadState, seedNational } from "../db/seed-national";
import { env } from "../env";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const scale = option("scale", 1);
const seed = option("seed", 42);
const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  await migrateDatabase(database);
  const state = await nationalLoadState(database.db);
  if (state === "unfinished") {
    console.error(
      "A previous load of the national dataset stopped before it finished (its indexes are missing); start from an empty database.",
    );
    process.exitCode = 1;
  } else if (state === "loaded") {
    console.log("The national dataset is already loaded in this database; start from an empty one to load it again.");
  } else {
    console.log(
      `Loading the national dataset: scale ${scale}, seed ${seed}, into ${database.kind === "postgres" ? "the PostgreSQL server" : "PGlite"}.`,
    );
    const started = performance.now();
    const counts = await seedNational(database.db, {
      scale,
      seed,
      log: (step, ms) => console.log(`  ${step.padEnd(32)} ${(ms / 1000).toFixed(1).padStart(6)} s`),
    });
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  }
} finally {
  await database.close();
}
