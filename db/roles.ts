import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { resultRows } from "./rows";

/**
 * The roles the migrations grant to and switch to. Roles belong to the PostgreSQL cluster, not to
 * a database: a dump (pg_dump) does not carry them, and a migration that created one never runs
 * again on a restored database. So `db:migrate` creates any that is missing, every time, before
 * the migrations, with the attributes and memberships the migrations gave them (0001, 0003, 0013,
 * 0016, 0020, 0026, 0028, 0034, 0041, 0046, 0049); a dump then restores into a fresh cluster.
 * `inherit: false` is NOINHERIT; `member`: the migrating role is made a member, so it can switch
 * to it (SET LOCAL ROLE) and hand objects over to it.
 */
export const APP_ROLES: ReadonlyArray<{ name: string; inherit: boolean; member: boolean }> = [
  { name: "maillage_app", inherit: false, member: true },
  { name: "maillage_helper", inherit: true, member: true },
  { name: "maillage_public", inherit: false, member: true },
  { name: "maillage_librarian", inherit: true, member: true },
  { name: "maillage_mailer", inherit: false, member: true },
  { name: "maillage_scheduler", inherit: false, member: true },
  { name: "maillage_operator", inherit: false, member: true },
  { name: "maillage_statistician", inherit: true, member: true },
  { name: "maillage_eraser", inherit: true, member: false },
  { name: "maillage_webhooks", inherit: true, member: true },
  { name: "maillage_figures", inherit: true, member: true },
  { name: "maillage_membership", inherit: true, member: true },
  { name: "maillage_identity", inherit: false, member: true },
  { name: "maillage_mentions", inherit: false, member: true },
  { name: "maillage_withdrawer", inherit: false, member: true },
];

/** Creates the missing roles and memberships; returns the names of the roles it created. */
export async function ensureRoles(database: Database): Promise<string[]> {
  const created: string[] = [];
  for (const role of APP_ROLES) {
    const [state] = resultRows<{ exists: boolean }>(
      await database.db.execute(sql`select exists (select 1 from pg_roles where rolname = ${role.name}) as exists`),
    );
    if (!state?.exists) {
      const name = sql.identifier(role.name);
      await database.db.execute(
        role.inherit ? sql`CREATE ROLE ${name} NOLOGIN INHERIT` : sql`CREATE ROLE ${name} NOLOGIN NOINHERIT`,
      );
      created.push(role.name);
    }
    if (role.member) {
      const [membership] = resultRows<{ member: boolean }>(
        await database.db.execute(sql`select pg_has_role(current_user, ${role.name}, 'MEMBER') as member`),
      );
      if (!membership?.member) await database.db.execute(sql`GRANT ${sql.identifier(role.name)} TO CURRENT_USER`);
    }
  }
  return created;
}

/**
 * Refuses to call a database ready when its tables exist but the request role was given nothing
 * on them: a dump restored before its roles existed (each GRANT and CREATE POLICY naming a role
 * failed), which would answer every request with "permission denied".
 */
export async function checkGrants(database: Database): Promise<void> {
  const [row] = resultRows<{ tables: boolean; granted: boolean; policies: boolean }>(
    await database.db.execute(sql`select
      to_regclass('public.alliances') is not null as tables,
      coalesce(has_table_privilege('maillage_app', to_regclass('public.alliances'), 'SELECT'), false) as granted,
      exists (select 1 from pg_policies where schemaname = 'public' and tablename = 'alliances') as policies`),
  );
  if (row?.tables && !(row.granted && row.policies)) {
    throw new Error(
      "The database has the app's tables but not its grants or row-level-security policies: it was probably restored " +
        "from a dump before the maillage_* roles existed. Now that db:migrate has created them, restore the dump again " +
        "with `pg_restore --clean --if-exists` (README, 'Backup and restore').",
    );
  }
}
