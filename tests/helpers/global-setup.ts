import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";

/**
 * With DATABASE_URL set, the suite runs against that PostgreSQL server: migrate it once here.
 * Without it, each test file opens its own in-memory PGlite (see tests/helpers/db.ts).
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log("[tests] database: in-memory PGlite, one per test file");
    return;
  }
  console.log(`[tests] database: PostgreSQL server (${new URL(url).pathname.slice(1)})`);
  const database = await openDatabase({ url, poolMax: 1 });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
}
