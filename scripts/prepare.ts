import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { env } from "../env";

/**
 * Before the server starts: apply migrations, and in demo mode load the demo data. Runs in
 * its own process and closes the database, so the server can then take the PGlite folder.
 */
const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  await migrateDatabase(database);
  console.log(
    `Migrations applied (${database.kind === "postgres" ? "PostgreSQL server" : `embedded PGlite in ${config.PGLITE_DIR}`}).`,
  );
  if (config.demoSignIn) {
    const { created, alliances } = await seedDemo(database.db);
    console.log(created || alliances ? `Demo data loaded (${alliances} alliances).` : "Demo data already present.");
  }
} finally {
  await database.close();
}
