import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  allianceParties,
  alliances,
  allianceTerritories,
  territoryCoordinations,
  users,
  workspaces,
} from "../../db/schema";
import { resultRows } from "../../db/rows";
import { withScope } from "../../db/scope";
import { territory } from "../../domain/territory-data";
import { refreshTerritoryStatistics } from "../../server/jobs/territory-statistics";
import { callerFor } from "../helpers/caller";
import { published, redrawRecordKeys } from "../helpers/cell-key";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db, kind } = await openTestDatabase();
// Lozère: no other test puts alliances there, so its figures are known by hand.
const LOZERE = "48";
const CREUSE = "23";
const communesOf = (dep: string) =>
  [...territory().communes.values()]
    .filter((c) => c.departement === dep)
    .slice(0, 3)
    .map((c) => c.code);

async function coordinatorOf(code: string) {
  const c = await createWorkspaceWithRoles(db);
  await db
    .insert(territoryCoordinations)
    .values({ workspaceId: c.workspace.id, level: "departement", code, status: "approved", decidedAt: new Date() });
  return { c, caller: callerFor(db, c.users.viewer) };
}

const mode = (m: "mecenat" | "cooperation_economique" | "pratiques_responsables") => [
  { mode: m, mecenatForms: [], startsOn: "2024-01-01" },
];

/** Seven counted alliances in Lozère (3 mécénat, 3 coopération, 1 pratiques responsables), one opted out, one co-owned. */
async function lozere(dep = LOZERE) {
  // Start from an empty département (a database kept between local runs may hold earlier ones).
  await db
    .delete(alliances)
    .where(
      inArray(
        alliances.id,
        db
          .select({ id: allianceTerritories.allianceId })
          .from(allianceTerritories)
          .where(eq(allianceTerritories.departementCode, dep)),
      ),
    );
  const communes = communesOf(dep);
  const w = await createWorkspaceWithRoles(db);
  const owner = callerFor(db, w.users.owner);
  const make = async (title: string, m: Parameters<typeof mode>[0], i: number) =>
    (
      await owner.alliances.create({
        workspaceSlug: w.workspace.slug,
        ...allianceInput({
          title,
          modes: mode(m),
          territory: { scope: "commune", codes: [communes[i % communes.length]!] },
        }),
      })
    ).id;
  const ids = {
    m1: await make("Mécénat 1", "mecenat", 0),
    m2: await make("Mécénat 2", "mecenat", 1),
    m3: await make("Mécénat 3", "mecenat", 2),
    c1: await make("Coopération 1", "cooperation_economique", 0),
    c2: await make("Coopération 2", "cooperation_economique", 1),
    c3: await make("Coopération 3", "cooperation_economique", 2),
    p1: await make("Pratiques 1", "pratiques_responsables", 0),
  };
  // m1 is co-owned by a second workspace: it must still count once.
  const other = await createWorkspaceWithRoles(db);
  const orgOther = await giveOrganisation(db, other.workspace.id);
  await db.insert(allianceParties).values({
    allianceId: ids.m1,
    organisationId: orgOther,
    workspaceId: other.workspace.id,
    role: "partenaire",
    status: "accepted",
  });
  // An opted-out workspace's alliance is left out of every figure.
  const out = await createWorkspaceWithRoles(db);
  await db.update(workspaces).set({ territorialStatistics: false }).where(eq(workspaces.id, out.workspace.id));
  await callerFor(db, out.users.owner).alliances.create({
    workspaceSlug: out.workspace.slug,
    ...allianceInput({
      title: "Non comptée",
      modes: mode("mecenat"),
      territory: { scope: "commune", codes: [communes[0]!] },
    }),
  });
  // m2's parties all agreed to the territory audience; m3 only asked (one consent missing).
  await owner.alliances.requestAudience({ workspaceSlug: w.workspace.slug, allianceId: ids.m2, audience: "territory" });
  await db.insert(allianceParties).values({
    allianceId: ids.m3,
    organisationId: orgOther,
    workspaceId: other.workspace.id,
    role: "partenaire",
    status: "accepted",
  });
  await owner.alliances.requestAudience({ workspaceSlug: w.workspace.slug, allianceId: ids.m3, audience: "territory" });
  return { w, owner, ids, other };
}

describe("the territorial dashboard", () => {
  it("keeps the same summary whether the alliances are read in one batch or a few at a time", async () => {
    await lozere();
    const summary = async () =>
      sqlRows(
        db.execute(sql`select level, code, dimension, key, alliances, organisations, cents::text, hours::text
          from territory_statistics order by level, code, dimension, key`),
      );
    const whole = await refreshTerritoryStatistics(db);
    const once = await summary();
    // Batches of two: every alliance after the first two is read past a batch boundary.
    const small = await refreshTerritoryStatistics(db, { batch: 2 });
    expect(small.alliances).toBe(whole.alliances);
    expect(small.alliances).toBeGreaterThanOrEqual(7);
    expect(await summary()).toEqual(once);
  });

  it("counts each alliance once, leaves opted-out workspaces out and hides small cells so no difference reveals them", async () => {
    const { ids } = await lozere();
    const { caller, c } = await coordinatorOf(LOZERE);
    // Unfiltered figures come from the summary the job runner keeps; filtered ones are counted live.
    await refreshTerritoryStatistics(db);
    const d = await caller.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
    });
    expect(d.refreshedAt).toBeInstanceOf(Date);
    const all = Object.values(ids);
    // 7 alliances; 9 organisations (7 own partners + the workspace's organisation + the co-owner's), each perturbed at its cell key.
    expect(d.total).toMatchObject(await published(db, all));
    expect(d.total.alliances).toBeGreaterThanOrEqual(5);
    const modes = Object.fromEntries(d.breakdowns.mode.map((m) => [m.key, m.alliances]));
    // pratiques_responsables (1 alliance) shows no figure; the others are perturbed (no secondary suppression needed).
    expect(modes).toEqual({
      cooperation_economique: (await published(db, [ids.c1, ids.c2, ids.c3])).alliances,
      mecenat: (await published(db, [ids.m1, ids.m2, ids.m3])).alliances,
      pratiques_responsables: null,
    });
    // Goals in their natural order (2 before 17), not as text.
    const goals = d.breakdowns.goal.map((g) => Number(g.key));
    expect(goals).toEqual([...goals].sort((a, b) => a - b));
    expect(goals).toContain(17);
    expect(d.map.dimension).toBe("commune");
    expect(d.map.cells.every((cell) => cell.alliances === null || cell.alliances >= 3)).toBe(true);
    expect(d.per10k).toBeGreaterThan(0);
    // Details: only m2, whose parties all agreed to the territory audience.
    expect(d.alliances.map((a) => a.id)).toEqual([ids.m2]);

    expect(d.organisations.map((o) => o.alliances)).toEqual([1, 1]);
    expect(d.breakdowns.target.length).toBeGreaterThan(0);

    // The same filters as the other dashboards: mode, goal, stage, year.
    const mecenat = await caller.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
      mode: "mecenat",
    });
    // Counted live, the same three alliances as the stored mécénat cell: the same figure.
    expect(mecenat.total.alliances).toBe((await published(db, [ids.m1, ids.m2, ids.m3])).alliances);
    expect(mecenat.total.alliances).toBe(modes.mecenat);
    expect(mecenat.refreshedAt).toBeNull();
    expect(mecenat.alliances.map((a) => a.id)).toEqual([ids.m2]);
    const coop = await caller.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
      mode: "cooperation_economique",
    });
    expect(coop.alliances).toEqual([]);
    const longAgo = await caller.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
      year: 2010,
    });
    expect(longAgo.total.alliances).toBeNull();

    const france = await caller.territories.dashboard({ workspaceSlug: c.workspace.slug, level: "france" });
    // Lozère's cell on the map of France is the same set of alliances: the same figure. No cell shows 1 or 2.
    expect(france.map.cells.find((cell) => cell.key === LOZERE)?.alliances).toBe(d.total.alliances);
    expect(france.map.cells.every((cell) => cell.alliances === null || cell.alliances >= 3)).toBe(true);
    expect(france.inside).toBe(false);
    expect(france.alliances).toEqual([]);
  });

  it("shows an alliance's details only while every party consents to that very audience and request: a public approval does not carry over to the territory", async () => {
    const BELFORT = "90";
    const { w, owner, ids, other } = await lozere(BELFORT);
    const { caller, c } = await coordinatorOf(BELFORT);
    const partner = callerFor(db, other.users.owner);
    const details = async () =>
      (
        await caller.territories.dashboard({ workspaceSlug: c.workspace.slug, level: "departement", code: BELFORT })
      ).alliances.map((a) => a.id);
    const approve = async () => {
      const { revision } = await partner.alliances.audience({ workspaceSlug: other.workspace.slug, id: ids.m3 });
      await partner.alliances.approveAudience({ workspaceSlug: other.workspace.slug, allianceId: ids.m3, revision });
    };
    // m3: the partner has not answered the territory request yet.
    expect(await details()).not.toContain(ids.m3);
    await approve();
    expect(await details()).toContain(ids.m3);
    // Both agree to go public: still shown (the public includes the territory).
    await owner.alliances.requestAudience({ workspaceSlug: w.workspace.slug, allianceId: ids.m3, audience: "public" });
    expect(await details()).not.toContain(ids.m3);
    await approve();
    expect(await details()).toContain(ids.m3);
    // Back to the territory: the partner's public approval was for the public request; it is asked again.
    await owner.alliances.requestAudience({
      workspaceSlug: w.workspace.slug,
      allianceId: ids.m3,
      audience: "territory",
    });
    const asked = await partner.alliances.audience({ workspaceSlug: other.workspace.slug, id: ids.m3 });
    expect(asked.effective).toBe("parties");
    expect(asked.parties.find((p) => p.isMine)?.agrees).toBe(false);
    expect(await details()).not.toContain(ids.m3);
    await approve();
    expect(await details()).toContain(ids.m3);
  });

  it("gives a coordinator of another territory the counts but none of the details, and nothing to a workspace without coordination", async () => {
    const creuse = await lozere(CREUSE);
    await refreshTerritoryStatistics(db);
    const { caller, c } = await coordinatorOf("12");
    const d = await caller.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: CREUSE,
    });
    expect(d.total.alliances).toBe((await published(db, Object.values(creuse.ids))).alliances);
    expect(d.alliances).toEqual([]);
    // Outside its territory: what the public observatory will show, nothing finer than the département.
    expect(d.inside).toBe(false);
    expect(d.map.cells).toEqual([]);
    expect(d.epci).toEqual([]);
    expect(d.organisations).toEqual([]);
    expect(
      (await caller.territories.dashboard({ workspaceSlug: c.workspace.slug, level: "departement", code: "12" }))
        .inside,
    ).toBe(true);
    const plain = await createWorkspaceWithRoles(db);
    expect(
      (
        await rejection(
          callerFor(db, plain.users.owner).territories.dashboard({
            workspaceSlug: plain.workspace.slug,
            level: "france",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const pending = await createWorkspaceWithRoles(db);
    await callerFor(db, pending.users.owner).territories.requestCoordination({
      workspaceSlug: pending.workspace.slug,
      level: "departement",
      code: LOZERE,
    });
    expect(
      (
        await rejection(
          callerFor(db, pending.users.owner).territories.dashboard({
            workspaceSlug: pending.workspace.slug,
            level: "departement",
            code: LOZERE,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("reads unfiltered figures from a summary equal to the live counts, which follows changes at its next refresh", async () => {
    const { w, owner, ids } = await lozere();
    const { c } = await coordinatorOf(LOZERE);
    await refreshTerritoryStatistics(db);
    const counts = (dimension: string, live: boolean) =>
      withScope(db, { userId: c.users.viewer.id, workspaceId: c.workspace.id }, async (tx) =>
        resultRows(
          await tx.execute(
            sql`select * from app_territory_counts('departement', ${LOZERE}, ${dimension}, null, null, null, null, ${live})`,
          ),
        ),
      );
    for (const dimension of ["total", "mode", "goal", "target", "kind", "stage", "year", "commune", "epci"]) {
      const live = await counts(dimension, true);
      expect(await counts(dimension, false), dimension).toEqual(live);
      if (dimension !== "epci") expect(live.length, dimension).toBeGreaterThan(0);
    }
    const viewer = callerFor(db, c.users.viewer);
    const before = await viewer.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
    });
    // The coordinator's workspace keeps those counts under the summary's date.
    const keptCounts = async () =>
      resultRows<{ params: string }>(
        await db.execute(
          sql`select params from workspace_figures where workspace_id = ${c.workspace.id} and kind = 'territory-counts'`,
        ),
      ).map((r) => JSON.parse(r.params) as { summary: string });
    expect((await keptCounts()).map((p) => p.summary)).toEqual([before.refreshedAt!.toISOString()]);
    const { id: m4 } = await owner.alliances.create({
      workspaceSlug: w.workspace.slug,
      ...allianceInput({
        title: "Mécénat 4",
        modes: mode("mecenat"),
        territory: { scope: "commune", codes: [communesOf(LOZERE)[0]!] },
      }),
    });
    // Until the next refresh the summary keeps its figures and says when they were computed.
    const stale = await viewer.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
    });
    expect(stale.total.alliances).toBe((await published(db, Object.values(ids))).alliances);
    expect(stale.refreshedAt).toEqual(before.refreshedAt);
    const refreshed = await refreshTerritoryStatistics(db);
    expect(refreshed.cells).toBeGreaterThan(0);
    const after = await viewer.territories.dashboard({
      workspaceSlug: c.workspace.slug,
      level: "departement",
      code: LOZERE,
    });
    expect(after.total.alliances).toBe((await published(db, [...Object.values(ids), m4])).alliances);
    expect(Object.fromEntries(after.breakdowns.mode.map((m) => [m.key, m.alliances])).mecenat).toBe(
      (await published(db, [ids.m1, ids.m2, ids.m3, m4])).alliances,
    );
    expect(after.refreshedAt!.getTime()).toBeGreaterThan(before.refreshedAt!.getTime());
    expect((await keptCounts()).map((p) => p.summary).sort()).toEqual(
      [before.refreshedAt!.toISOString(), after.refreshedAt!.toISOString()].sort(),
    );
    // The request role cannot read the summary itself.
    const direct = await withScope(db, { userId: c.users.viewer.id, workspaceId: c.workspace.id }, (tx) =>
      tx.execute(sql`select * from territory_statistics`),
    ).catch((e: unknown) => e);
    expect(String((direct as { cause?: unknown }).cause ?? direct)).toMatch(/permission denied/);
  });

  it("gives every breakdown in one call as app_territory_counts gives each, from the summary or live, and only to a coordinator", async () => {
    await lozere();
    const { c } = await coordinatorOf(LOZERE);
    await refreshTerritoryStatistics(db);
    const dimensions = ["total", "mode", "goal", "target", "kind", "stage", "year", "commune", "epci"];
    const asCoordinator = <T>(query: ReturnType<typeof sql>) =>
      withScope(db, { userId: c.users.viewer.id, workspaceId: c.workspace.id }, async (tx) =>
        resultRows<T>(await tx.execute(query)),
      );
    for (const stage of [null, "pilotage"]) {
      const many = await asCoordinator<{ dimension: string }>(
        sql`select * from app_territory_counts_many('departement', ${LOZERE}, ${`{${dimensions.join(",")}}`}::text[], null, null, ${stage}, null)`,
      );
      for (const dimension of dimensions) {
        const one = await asCoordinator(
          sql`select * from app_territory_counts('departement', ${LOZERE}, ${dimension}, null, null, ${stage}, null)`,
        );
        expect(
          many.filter((r) => r.dimension === dimension).map(({ dimension: _d, ...cell }) => cell),
          `${dimension} ${stage}`,
        ).toEqual(one);
      }
    }
    const plain = await createWorkspaceWithRoles(db);
    const refused = await withScope(db, { userId: plain.users.owner.id, workspaceId: plain.workspace.id }, (tx) =>
      tx.execute(sql`select * from app_territory_counts_many('france', '', '{total}'::text[], null, null, null, null)`),
    ).catch((e: unknown) => e);
    expect(String((refused as { cause?: unknown }).cause ?? refused)).toMatch(/no approved territorial coordination/);
  });

  it.skipIf(kind !== "postgres")(
    "lets one process compute the summary at a time: a second one skips its turn",
    async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('maillage.territory_statistics'))`);
        locked();
        await held;
      });
      await isLocked;
      expect(await refreshTerritoryStatistics(db)).toMatchObject({ skipped: true, cells: 0 });
      release();
      await holder;
      expect((await refreshTerritoryStatistics(db)).skipped).toBeUndefined();
    },
  );

  it("lets only operators decide a request, and the decision opens the dashboard", async () => {
    const w = await createWorkspaceWithRoles(db);
    const admin = callerFor(db, w.users.admin);
    const { id } = await admin.territories.requestCoordination({
      workspaceSlug: w.workspace.slug,
      level: "region",
      code: "76",
      reason: "Réseau régional",
    });
    expect(
      (
        await rejection(
          admin.territories.requestCoordination({ workspaceSlug: w.workspace.slug, level: "region", code: "76" }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(
      (
        await rejection(
          admin.territories.requestCoordination({ workspaceSlug: w.workspace.slug, level: "region", code: "99" }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    expect((await rejection(admin.operator.decide({ id, approve: true }))).code).toBe("FORBIDDEN");
    expect((await rejection(admin.operator.requests())).code).toBe("FORBIDDEN");
    // OPERATOR_EMAILS is set for the test run (vitest.config.ts).
    await db.insert(users).values({ email: "operator@maillage.test" }).onConflictDoNothing();
    const [op] = await db.select().from(users).where(eq(users.email, "operator@maillage.test"));
    const operator = callerFor(db, { id: op!.id, email: op!.email, name: null });
    expect((await operator.operator.requests()).find((r) => r.id === id)).toMatchObject({
      status: "requested",
      workspaceName: w.workspace.name,
      reason: "Réseau régional",
    });
    await operator.operator.decide({ id, approve: true });
    expect((await admin.territories.coordinations({ workspaceSlug: w.workspace.slug }))[0]).toMatchObject({
      status: "approved",
    });
    const d = await admin.territories.dashboard({ workspaceSlug: w.workspace.slug, level: "region", code: "76" });
    expect(d.name).toBe("Occitanie");
    const audit = await admin.audit.list({ workspaceSlug: w.workspace.slug, limit: 10 });
    expect(JSON.stringify(audit)).toContain("coordination.approve");
  });

  it("keeps the tables themselves out of reach of the request role", async () => {
    const { c } = await coordinatorOf(LOZERE);
    const [row] = await db.select().from(alliances).limit(1);
    expect(row).toBeDefined();
    // A coordinator reads other workspaces' alliances only through the two functions.
    expect(
      (await rejection(callerFor(db, c.users.owner).alliances.get({ workspaceSlug: c.workspace.slug, id: row!.id })))
        .code,
    ).toBe("NOT_FOUND");
  });
});

describe("territorial figures cannot be differenced (the cell key method)", () => {
  it("shows the same cell the same value whatever the path, and never 1 or 2", async () => {
    const { ids } = await lozere();
    const { caller, c } = await coordinatorOf(LOZERE);
    await refreshTerritoryStatistics(db);
    const ask = (filters: Record<string, unknown> = {}) =>
      caller.territories.dashboard({ workspaceSlug: c.workspace.slug, level: "departement", code: LOZERE, ...filters });
    const stored = await ask();
    // The same seven alliances through a filter that keeps them all (stage "pilotage"), counted live.
    const live = await ask({ stage: "pilotage" });
    expect(live.refreshedAt).toBeNull();
    expect(live.total).toEqual(stored.total);
    expect(await ask()).toEqual(stored);
    // Mécénat through the mode breakdown (stored) and through the mode filter (live).
    const mecenat = stored.breakdowns.mode.find((m) => m.key === "mecenat")!;
    expect((await ask({ mode: "mecenat" })).total.alliances).toBe(mecenat.alliances);
    for (const cell of [stored.total, ...Object.values(stored.breakdowns).flat(), ...stored.map.cells]) {
      for (const value of [cell.alliances, cell.organisations])
        expect(value === null || value === 0 || value >= 3, JSON.stringify(cell)).toBe(true);
    }
    expect(Object.values(ids)).toHaveLength(7);
  });

  it("does not give a hidden cell back as the total minus the cells shown", async () => {
    const { ids } = await lozere();
    const { caller, c } = await coordinatorOf(LOZERE);
    const estimates: number[] = [];
    for (let draw = 0; draw < 40; draw++) {
      await redrawRecordKeys(db, Object.values(ids));
      // Live (a filter keeping every alliance), as an attacker choosing queries would ask.
      const d = await caller.territories.dashboard({
        workspaceSlug: c.workspace.slug,
        level: "departement",
        code: LOZERE,
        stage: "pilotage",
      });
      const shown = d.breakdowns.mode.filter((m) => m.alliances !== null);
      expect(d.breakdowns.mode.find((m) => m.key === "pratiques_responsables")?.alliances).toBeNull();
      // The attacker's guess for the hidden "pratiques responsables" cell (1 alliance).
      estimates.push(d.total.alliances! - shown.reduce((sum, m) => sum + m.alliances!, 0));
    }
    const right = estimates.filter((e) => e === 1).length;
    // Right about a quarter of the time at best, with guesses spread over several values: not a recovery.
    expect(right, `estimates ${estimates.join(",")}`).toBeLessThan(24);
    expect(new Set(estimates).size, `estimates ${estimates.join(",")}`).toBeGreaterThanOrEqual(3);
  });

  it("does not give one new contribution back as the difference before and after it", async () => {
    const { ids, owner, w } = await lozere();
    const { caller, c } = await coordinatorOf(LOZERE);
    const partyOf = async (allianceId: string) =>
      (await owner.alliances.get({ workspaceSlug: w.workspace.slug, id: allianceId })).parties.find((p) => p.isMine)!
        .id;
    for (const id of Object.values(ids)) {
      await owner.alliances.addContribution({
        workspaceSlug: w.workspace.slug,
        allianceId: id,
        partyId: await partyOf(id),
        kind: "argent",
        quantity: 4_000,
        occurredOn: "2024-03-01",
      });
    }
    const c2Party = await partyOf(ids.c2);
    const total = async () =>
      (
        await caller.territories.dashboard({
          workspaceSlug: c.workspace.slug,
          level: "departement",
          code: LOZERE,
          stage: "pilotage",
        })
      ).total.cents!;
    const differences: number[] = [];
    for (let draw = 0; draw < 12; draw++) {
      const before = await total();
      await owner.alliances.addContribution({
        workspaceSlug: w.workspace.slug,
        allianceId: ids.c2,
        partyId: c2Party,
        kind: "argent",
        quantity: 777,
        occurredOn: "2024-03-02",
      });
      differences.push((await total()) - before);
    }
    // Each difference is one 777 € contribution, but no difference says so.
    expect(
      differences.filter((d) => d === 77_700),
      `differences ${differences.join(",")}`,
    ).toEqual([]);
    expect(new Set(differences).size, `differences ${differences.join(",")}`).toBeGreaterThanOrEqual(2);
  });
});
