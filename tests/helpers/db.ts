import { afterAll } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { resultRows } from "../../db/rows";
import { env } from "../../env";

/**
 * A real database for one test file: the PostgreSQL server named by DATABASE_URL (migrated
 * by global setup), or a fresh in-memory PGlite with every migration applied. Closed after the file.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = env().DATABASE_URL;
  const database = url ? await openDatabase({ url, poolMax: 5 }) : await openDatabase({ dataDir: "memory://" });
  if (!url) await migrateDatabase(database);
  afterAll(() => database.close());
  return database;
}

/** Rows of a raw statement, whichever driver ran it. */
export async function sqlRows<T>(run: Promise<unknown>): Promise<T[]> {
  return resultRows<T>(await run);
}
