import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations, memberships, users, workspaces } from "../../db/schema";
import { REQUEST_ROLE, withScope } from "../../db/scope";
import { callerFor } from "../helpers/caller";
import { sqlRows, openTestDatabase } from "../helpers/db";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();

describe("the catalog", () => {
  it("forces row-level security, with policies, on every table that has a workspace column", async () => {
    const list = await sqlRows<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
      db.execute(sql`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*) from pg_policy p where p.polrelid = c.oid)::int as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind in ('r', 'p')
        and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped)
             or c.relname = 'workspaces')`),
    );
    expect(list.map((t) => t.table).sort()).toEqual(
      expect.arrayContaining(["audit_events", "invitations", "memberships", "workspaces"]),
    );
    const unprotected = list.filter((t) => !t.enabled || !t.forced || t.policies === 0).map((t) => t.table);
    expect(unprotected).toEqual([]);
  });

  it("has no policy granted to PUBLIC", async () => {
    expect(await sqlRows(db.execute(sql`select polname from pg_policy where 0 = any(polroles)`))).toEqual([]);
  });

  it("runs requests as a role that is neither superuser nor able to bypass RLS", async () => {
    const [me] = await withScope(db, {}, (tx) =>
      sqlRows(
        tx.execute(
          sql`select current_user as name, r.rolsuper as super, r.rolbypassrls as bypass from pg_roles r where r.rolname = current_user`,
        ),
      ),
    );
    expect(me).toEqual({ name: REQUEST_ROLE, super: false, bypass: false });
  });
});

describe("the cost of the policies", () => {
  // Migration 0039 kept the planner from reading the workspace's alliance set while planning.
  // Migration 0041 took the set out of the child tables' policies: they look up the rows' own
  // alliances in app_workspace_alliances (the party index, per row or hashed once), so reading one
  // alliance's rows no longer costs the whole set. The per-transaction function statistics count
  // the calls of app_alliance_ids(), which only the alliances table's policy still makes.
  it("checks child rows through the membership view; only the alliances table builds the set, and only when it runs", async () => {
    const { workspace, users: u } = await createWorkspaceWithRoles(db);
    const { id } = await callerFor(db, u.owner).alliances.create({ workspaceSlug: workspace.slug, ...allianceInput() });
    const calls = await db.transaction(async (tx) => {
      await tx.execute(sql`set local track_functions = 'pl'`);
      await tx.execute(
        sql`select set_config('app.user_id', ${u.owner.id}, true), set_config('app.workspace_id', ${workspace.id}, true), set_config('role', ${REQUEST_ROLE}, true)`,
      );
      const counted = async () =>
        (
          await sqlRows<{ n: number }>(
            tx.execute(
              sql`select coalesce(sum(calls), 0)::int as n from pg_stat_xact_user_functions where funcname = 'app_alliance_ids'`,
            ),
          )
        )[0]!.n;
      const before = await counted();
      const children: Record<string, number> = {};
      for (const table of [
        "alliance_mode_periods",
        "alliance_sdg_targets",
        "alliance_territories",
        "evaluation_cycles",
        "alliance_parties",
      ]) {
        children[table] = (
          await sqlRows(tx.execute(sql`select * from ${sql.identifier(table)} where alliance_id = ${id}`))
        ).length;
      }
      const afterChildren = await counted();
      await tx.execute(sql`explain select * from alliances where id = ${id}`);
      const planned = await counted();
      const core = (await sqlRows(tx.execute(sql`select id from alliances where id = ${id}`))).length;
      return {
        children,
        byChildren: afterChildren - before,
        planned: planned - afterChildren,
        ran: (await counted()) - planned,
        core,
      };
    });
    // Every row of the workspace's own alliance, as the table owner counts them without policies.
    const all: Record<string, number> = {};
    for (const table of Object.keys(calls.children)) {
      all[table] = (
        await sqlRows(db.execute(sql`select 1 from ${sql.identifier(table)} where alliance_id = ${id}`))
      ).length;
    }
    expect(calls.children).toEqual(all);
    expect(all).toMatchObject({ alliance_mode_periods: 1, alliance_parties: 2 });
    expect(calls.byChildren).toBe(0);
    expect(calls.planned).toBe(0);
    expect(calls.ran).toBeGreaterThan(0);
    expect(calls.core).toBe(1);
  });

  it("keeps no policy that builds the alliance set for a child table", async () => {
    const left = await sqlRows<{ policy: string }>(
      db.execute(sql`
      select polname as policy from pg_policy
      where coalesce(pg_get_expr(polqual, polrelid), '') || coalesce(pg_get_expr(polwithcheck, polrelid), '') like '%unnest(%app_alliance_ids%'`),
    );
    expect(left).toEqual([]);
  });

  // The alliance set is read from alliance_parties by an index-only scan, which stays so only
  // while the rows' pages are marked all-visible. Vacuum must always clean the indexes (PostgreSQL
  // otherwise skips it when few pages hold dead rows, leaving those pages unmarked) and run soon
  // after changes (migration 0040; measured in BENCHMARKS.md, fifth session).
  it("keeps the party table vacuumed for the alliance set's index-only scan", async () => {
    const [row] = await sqlRows<{ options: string[] | null }>(
      db.execute(sql`select reloptions as options from pg_class where oid = 'alliance_parties'::regclass`),
    );
    expect(Object.fromEntries((row!.options ?? []).map((o) => o.split("=") as [string, string]))).toMatchObject({
      vacuum_index_cleanup: "on",
      autovacuum_vacuum_threshold: "1000",
      autovacuum_vacuum_scale_factor: "0.001",
      autovacuum_vacuum_insert_threshold: "1000",
      autovacuum_vacuum_insert_scale_factor: "0.001",
    });
  });
});

describe("the membership view behind the child tables' policies (migration 0041)", () => {
  it("is a security barrier belonging to a role that cannot log in, bypasses nothing, owns nothing else, and reads party rows through one plain policy", async () => {
    const [owner] = await sqlRows<{ name: string; login: boolean; super: boolean; bypass: boolean }>(
      db.execute(sql`
      select r.rolname as name, r.rolcanlogin as login, r.rolsuper as super, r.rolbypassrls as bypass
      from pg_class c join pg_roles r on r.oid = c.relowner where c.oid = 'app_workspace_alliances'::regclass`),
    );
    expect(owner).toEqual({ name: "maillage_membership", login: false, super: false, bypass: false });
    const [view] = await sqlRows<{ options: string[] | null }>(
      db.execute(sql`select reloptions as options from pg_class where oid = 'app_workspace_alliances'::regclass`),
    );
    expect(view!.options).toEqual(["security_barrier=true"]);
    const owned = await sqlRows<{ name: string }>(
      db.execute(sql`select relname as name from pg_class where relowner = 'maillage_membership'::regrole`),
    );
    expect(owned.map((o) => o.name)).toEqual(["app_workspace_alliances"]);
    const policies = await sqlRows<{ table: string; command: string; qual: string }>(
      db.execute(sql`
      select c.relname as table, p.polcmd as command, pg_get_expr(p.polqual, p.polrelid) as qual
      from pg_policy p join pg_class c on c.oid = p.polrelid where 'maillage_membership'::regrole = any(p.polroles)`),
    );
    expect(policies).toEqual([{ table: "alliance_parties", command: "r", qual: "true" }]);
    const [reach] = await sqlRows<{ member: boolean }>(
      db.execute(sql`select pg_has_role(${REQUEST_ROLE}, 'maillage_membership', 'MEMBER') as member`),
    );
    expect(reach!.member).toBe(false);
  });

  it("shows a workspace its accepted alliances only: not another's, not one it is merely invited to, nothing without a workspace", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const orgB = await giveOrganisation(db, b.workspace.id);
    const editorA = callerFor(db, a.users.editor);
    const shared = await editorA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ partners: [{ organisationId: orgB, role: "partenaire" }] }),
    });
    const own = await callerFor(db, b.users.editor).alliances.create({
      workspaceSlug: b.workspace.slug,
      ...allianceInput(),
    });
    const partyB = (await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id: shared.id })).parties.find(
      (p) => p.organisationId === orgB,
    )!;
    await editorA.alliances.inviteCoOwner({
      workspaceSlug: a.workspace.slug,
      allianceId: shared.id,
      partyId: partyB.id,
    });

    const seen = (workspaceId: string | undefined, userId: string) =>
      withScope(db, { userId, workspaceId }, async (tx) =>
        (await sqlRows<{ id: string }>(tx.execute(sql`select alliance_id as id from app_workspace_alliances`)))
          .map((r) => r.id)
          .sort(),
      );
    expect(await seen(a.workspace.id, a.users.editor.id)).toEqual([shared.id]);
    expect(await seen(b.workspace.id, b.users.editor.id)).toEqual([own.id]);
    expect(await seen(undefined, b.users.editor.id)).toEqual([]);

    await callerFor(db, b.users.admin).alliances.respondToCoOwnership({
      workspaceSlug: b.workspace.slug,
      partyId: partyB.id,
      accept: true,
    });
    expect(await seen(b.workspace.id, b.users.editor.id)).toEqual([shared.id, own.id].sort());
  });
});

describe("the database backstop, with the code's filters left out", () => {
  it("shows a workspace-scoped request nothing of another workspace", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    await db.insert(invitations).values({
      workspaceId: b.workspace.id,
      email: "b@example.org",
      role: "viewer",
      tokenHash: `hash-${b.workspace.id}`,
      expiresAt: new Date(Date.now() + 1e9),
    });
    await db
      .insert(auditEvents)
      .values({ workspaceId: b.workspace.id, action: "test", entityType: "test", entityId: "1" });

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
      withScope(db, scope, (tx) =>
        tx
          .insert(auditEvents)
          .values({ workspaceId: b.workspace.id, action: "forged", entityType: "x", entityId: "1" }),
      ),
    ).rejects.toThrow();
    await expect(
      withScope(db, scope, (tx) =>
        tx.insert(memberships).values({ workspaceId: b.workspace.id, userId: a.users.owner.id, role: "owner" }),
      ),
    ).rejects.toThrow();
    const updated = await withScope(db, scope, (tx) =>
      tx
        .update(workspaces)
        .set({ name: "Hijacked" })
        .where(sql`true`)
        .returning({ id: workspaces.id }),
    );
    expect(updated.map((w) => w.id)).toEqual([a.workspace.id]);
    const deleted = await withScope(db, scope, (tx) =>
      tx
        .delete(memberships)
        .where(sql`${memberships.workspaceId} = ${b.workspace.id}`)
        .returning({ u: memberships.userId }),
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
      sqlRows<{ ws: string; who: string }>(
        tx.execute(sql`select coalesce(current_setting('app.workspace_id', true), '') as ws, current_user as who`),
      ),
    );
    expect(row?.ws).toBe("");
    expect(row?.who).not.toBe(REQUEST_ROLE);
  });
});
