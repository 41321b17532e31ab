import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations, memberships, users, workspaces } from "../../db/schema";
import { REQUEST_ROLE, withScope } from "../../db/scope";
import { callerFor } from "../helpers/caller";
import { sqlRows, openTestDatabase } from "../helpers/db";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();

describe("the catalog", () => {
  it("forces row-level security, with policies, on every table that has a workspace column", async () => {
    const list = await sqlRows<{ table: string; enabled: boolean; forced: boolean; policies: number }>(db.execute(sql`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*) from pg_policy p where p.polrelid = c.oid)::int as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind in ('r', 'p')
        and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped)
             or c.relname = 'workspaces')`));
    expect(list.map((t) => t.table).sort()).toEqual(expect.arrayContaining(["audit_events", "invitations", "memberships", "workspaces"]));
    const unprotected = list.filter((t) => !t.enabled || !t.forced || t.policies === 0).map((t) => t.table);
    expect(unprotected).toEqual([]);
  });

  it("has no policy granted to PUBLIC", async () => {
    expect(await sqlRows(db.execute(sql`select polname from pg_policy where 0 = any(polroles)`))).toEqual([]);
  });

  it("runs requests as a role that is neither superuser nor able to bypass RLS", async () => {
    const [me] = await withScope(db, {}, (tx) =>
      sqlRows(tx.execute(sql`select current_user as name, r.rolsuper as super, r.rolbypassrls as bypass from pg_roles r where r.rolname = current_user`)),
    );
    expect(me).toEqual({ name: REQUEST_ROLE, super: false, bypass: false });
  });
});

describe("the cost of the policies", () => {
  // Migration 0039: the planner folds a STABLE function it finds as unnest()'s argument, so a
  // policy written `alliance_id IN (SELECT unnest(app_alliance_ids()))` read the workspace's
  // whole alliance set while each statement was being planned. The per-transaction function
  // statistics count the calls: planning alone must make none, running the statement must.
  it("reads the workspace's alliance set when a statement runs, never while it is planned", async () => {
    const { workspace, users: u } = await createWorkspaceWithRoles(db);
    const { id } = await callerFor(db, u.owner).alliances.create({ workspaceSlug: workspace.slug, ...allianceInput() });
    const calls = await db.transaction(async (tx) => {
      await tx.execute(sql`set local track_functions = 'pl'`);
      await tx.execute(sql`select set_config('app.user_id', ${u.owner.id}, true), set_config('app.workspace_id', ${workspace.id}, true), set_config('role', ${REQUEST_ROLE}, true)`);
      const counted = async () =>
        (await sqlRows<{ n: number }>(tx.execute(sql`select coalesce(sum(calls), 0)::int as n from pg_stat_xact_user_functions where funcname = 'app_alliance_ids'`)))[0]!.n;
      const before = await counted();
      for (const table of ["alliance_mode_periods", "alliance_sdg_targets", "alliance_contributions", "evaluation_cycles", "alliance_parties"]) {
        await tx.execute(sql`explain select * from ${sql.identifier(table)} where alliance_id = ${id}`);
      }
      const planned = await counted();
      const rows = await sqlRows(tx.execute(sql`select * from alliance_mode_periods where alliance_id = ${id}`));
      return { planned: planned - before, ran: (await counted()) - planned, rows: rows.length };
    });
    expect(calls.planned).toBe(0);
    expect(calls.ran).toBeGreaterThan(0);
    expect(calls.rows).toBe(1);
  });

  // The alliance set is read from alliance_parties by an index-only scan, which stays so only
  // while the rows' pages are marked all-visible. Vacuum must always clean the indexes (PostgreSQL
  // otherwise skips it when few pages hold dead rows, leaving those pages unmarked) and run soon
  // after changes (migration 0040; measured in BENCHMARKS.md, fifth session).
  it("keeps the party table vacuumed for the alliance set's index-only scan", async () => {
    const [row] = await sqlRows<{ options: string[] | null }>(db.execute(sql`select reloptions as options from pg_class where oid = 'alliance_parties'::regclass`));
    expect(Object.fromEntries((row!.options ?? []).map((o) => o.split("=") as [string, string]))).toMatchObject({
      vacuum_index_cleanup: "on",
      autovacuum_vacuum_threshold: "1000",
      autovacuum_vacuum_scale_factor: "0.001",
      autovacuum_vacuum_insert_threshold: "1000",
      autovacuum_vacuum_insert_scale_factor: "0.001",
    });
  });
});

describe("the database backstop, with the code's filters left out", () => {
  it("shows a workspace-scoped request nothing of another workspace", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    await db.insert(invitations).values({ workspaceId: b.workspace.id, email: "b@example.org", role: "viewer", tokenHash: `hash-${b.workspace.id}`, expiresAt: new Date(Date.now() + 1e9) });
    await db.insert(auditEvents).values({ workspaceId: b.workspace.id, action: "test", entityType: "test", entityId: "1" });

    const seen = await withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, async (tx) => ({
      workspaces: await tx.select({ id: workspaces.id }).from(workspaces),
      memberships: await tx.select({ w: memberships.workspaceId }).from(memberships),
      invitations: await tx.select({ w: invitations.workspaceId }).from(invitations),
      audit: await tx.select({ w: auditEvents.workspaceId }).from(auditEvents),
      users: await tx.select({ id: users.id }).from(users),
    }));
    expect(seen.workspaces.map((w) => w.id)).toEqual([a.workspace.id]);
    expect(new Set(seen.memberships.map((m) => m.w))).toEqual(new Set([a.workspace.id]));
    expect(seen.invitations.filter((i) => i.w !== a.workspace.id)).toEqual([]);
    expect(seen.audit.filter((e) => e.w !== a.workspace.id)).toEqual([]);
    const visibleUsers = new Set(seen.users.map((u) => u.id));
    expect(visibleUsers.has(b.users.owner.id)).toBe(false);
    expect(visibleUsers.has(a.users.viewer.id)).toBe(true);
  });

  it("refuses writes into another workspace, and updates/deletes there touch no row", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const scope = { userId: a.users.owner.id, workspaceId: a.workspace.id };
    await expect(
      withScope(db, scope, (tx) => tx.insert(auditEvents).values({ workspaceId: b.workspace.id, action: "forged", entityType: "x", entityId: "1" })),
    ).rejects.toThrow();
    await expect(
      withScope(db, scope, (tx) => tx.insert(memberships).values({ workspaceId: b.workspace.id, userId: a.users.owner.id, role: "owner" })),
    ).rejects.toThrow();
    const updated = await withScope(db, scope, (tx) => tx.update(workspaces).set({ name: "Hijacked" }).where(sql`true`).returning({ id: workspaces.id }));
    expect(updated.map((w) => w.id)).toEqual([a.workspace.id]);
    const deleted = await withScope(db, scope, (tx) =>
      tx.delete(memberships).where(sql`${memberships.workspaceId} = ${b.workspace.id}`).returning({ u: memberships.userId }),
    );
    expect(deleted).toEqual([]);
  });

  it("shows a request with no scope no tenant rows at all", async () => {
    await createWorkspaceWithRoles(db);
    const seen = await withScope(db, {}, async (tx) => ({
      workspaces: await tx.select().from(workspaces),
      memberships: await tx.select().from(memberships),
      audit: await tx.select().from(auditEvents),
    }));
    expect(seen).toEqual({ workspaces: [], memberships: [], audit: [] });
  });

  it("forgets the scope when the transaction ends", async () => {
    const a = await createWorkspaceWithRoles(db);
    await withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, async () => undefined);
    const [row] = await db.transaction((tx) =>
      sqlRows<{ ws: string; who: string }>(tx.execute(sql`select coalesce(current_setting('app.workspace_id', true), '') as ws, current_user as who`)),
    );
    expect(row?.ws).toBe("");
    expect(row?.who).not.toBe(REQUEST_ROLE);
  });
});
