import { env } from "../env";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";

const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  await migrateDatabase(database);
  console.log(
    `Migrations applied (${database.kind === "postgres" ? "PostgreSQL server" : `PGlite in ${config.PGLITE_DIR}`}).`,
  );
} finally {
  await database.close();
}
