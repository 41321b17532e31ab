import { env } from "../env";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { ensureRoles } from "../db/roles";

/**
 * `npm run db:migrate`: the roles, the migrations and the job queue's schema.
 * `npm run db:migrate -- --roles-only`: the cluster's roles alone, before a dump is restored
 * into an empty database (the dump brings the schema, the job queue's included).
 */
const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  if (process.argv.includes("--roles-only")) {
    const created = await ensureRoles(database);
    console.log(`Roles ready (${created.length} created).`);
  } else {
    await migrateDatabase(database);
    console.log(
      `Migrations applied (${database.kind === "postgres" ? "PostgreSQL server" : `PGlite in ${config.PGLITE_DIR}`}).`,
    );
  }
} finally {
  await database.close();
}
