import path from "node:path";
import type { Database } from "./client";
import { checkGrants, ensureRoles } from "./roles";
import { ensureStarterTools } from "./seed-toolbox";
import { migrateQueue } from "../server/jobs/queue";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/**
 * Creates or repairs the roles (db/roles.ts), then applies the committed migrations (schema, then
 * row-level-security policies) to either driver, then the job queue's schema, then checks the request role has its grants
 * and adds the toolbox's starter tools the catalogue lacks.
 */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  await ensureRoles(database);
  if (database.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, { migrationsFolder });
  }
  // The job queue's own tables (pg-boss), in their schema, at the version of the installed pg-boss.
  await migrateQueue(database);
  await checkGrants(database);
  await ensureStarterTools(database);
}
