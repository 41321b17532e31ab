import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { APP_ROLES, checkGrants, ensureRoles } from "../../db/roles";
import { checkReadiness, EXPECTED_MIGRATION } from "../../server/http/readiness";
import { startJobs } from "../../server/jobs/queue";
import { logger } from "../../server/log";
import { sqlRows } from "../helpers/db";

// A database of this file's own (in-memory PGlite, whatever DATABASE_URL says): the tests below
// take grants away and drop migration records, which must not reach other files' database.
const database = await openDatabase({ dataDir: "memory://" });
afterAll(() => database.close());
const { db } = database;

describe("readiness (/api/ready)", () => {
  it("is not ready before the migrations, ready after, and not ready when the database is behind the build", async () => {
    expect(await checkReadiness(db)).toMatchObject({ ready: false, reason: "database_unreachable" });
    await migrateDatabase(database);
    expect(await checkReadiness(db)).toEqual({
      ready: true,
      expected: EXPECTED_MIGRATION,
      applied: EXPECTED_MIGRATION,
      // No process ran the jobs on this database yet.
      jobs: { alive: false, lastRunAt: null },
    });
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${EXPECTED_MIGRATION}`);
    expect(await checkReadiness(db)).toMatchObject({
      ready: false,
      reason: "migrations_pending",
      expected: EXPECTED_MIGRATION,
    });
    // Readiness reads the record of the newest migration: put back, ready again.
    await db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('test', ${EXPECTED_MIGRATION})`,
    );
    expect((await checkReadiness(db)).ready).toBe(true);
  });

  it("says the background jobs are alive once the outbox ran through the queue", async () => {
    let ran = 0;
    const jobs = await startJobs(
      [{ name: "outbox", everyMs: 15_000, firstAfterMs: 10, failure: "outbox failed", run: async () => void ran++ }],
      { get: async () => database },
      logger(),
    );
    for (let i = 0; i < 40 && !(await checkReadiness(db)).jobs?.alive; i++)
      await new Promise((r) => setTimeout(r, 250));
    await jobs.stop();
    const readiness = await checkReadiness(db);
    expect(ran).toBe(1);
    expect(readiness.ready).toBe(true);
    expect(readiness.jobs!.alive).toBe(true);
    expect(Date.now() - Date.parse(readiness.jobs!.lastRunAt!)).toBeLessThan(60_000);
  });
});

describe("db:migrate's roles and grants", () => {
  it("creates every role the migrations use when missing, once, and makes the migrating role a member", async () => {
    const fresh = await openDatabase({ dataDir: "memory://" });
    try {
      expect((await ensureRoles(fresh)).sort()).toEqual(APP_ROLES.map((r) => r.name).sort());
      expect(await ensureRoles(fresh)).toEqual([]);
    } finally {
      await fresh.close();
    }
    await migrateDatabase(database);
    expect(await ensureRoles(database)).toEqual([]);
    const rows = await sqlRows<{ rolname: string; rolinherit: boolean; rolcanlogin: boolean }>(
      db.execute(
        sql`select rolname, rolinherit, rolcanlogin from pg_roles where rolname like 'maillage\\_%' order by rolname`,
      ),
    );
    expect(rows.map((r) => r.rolname).sort()).toEqual(APP_ROLES.map((r) => r.name).sort());
    for (const role of APP_ROLES) {
      const row = rows.find((r) => r.rolname === role.name)!;
      expect(row.rolcanlogin, role.name).toBe(false);
      expect(row.rolinherit, role.name).toBe(role.inherit);
    }
    // Every role a migration names is in the list (a new migration's role must be added there).
    const named = await sqlRows<{ role: string }>(
      db.execute(sql`select distinct unnest(roles)::text as role from pg_policies where schemaname = 'public'`),
    );
    for (const { role } of named.filter((r) => r.role.startsWith("maillage_")))
      expect(APP_ROLES.map((r) => r.name)).toContain(role);
  });

  it("refuses a database whose tables lost their grants (a dump restored before the roles existed)", async () => {
    await migrateDatabase(database);
    await expect(checkGrants(database)).resolves.toBeUndefined();
    await db.execute(sql`revoke select on alliances from maillage_app`);
    await expect(checkGrants(database)).rejects.toThrow(/restore the dump again/);
    await db.execute(sql`grant select on alliances to maillage_app`);
    await expect(checkGrants(database)).resolves.toBeUndefined();
  });
});
