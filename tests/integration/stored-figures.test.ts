import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withScope } from "../../db/scope";
import { compactWorkspaceChanges, MAX_STORED } from "../../server/services/stored-figures";
import { callerFor } from "../helpers/caller";
import { ROWS_PER_GOAL } from "../../server/services/dashboards/sdg-report";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";
import { lightChangesAt } from "../../domain/evaluation";

const database = await openTestDatabase();
const { db } = database;
const thisYear = new Date().getUTCFullYear();

/** The workspace's data version: its compacted count plus its change rows (0 before any change). */
async function dataVersion(workspaceId: string): Promise<number> {
  const [row] = await sqlRows<{ version: number }>(
    db.execute(sql`select (coalesce((select version from workspace_data_versions where workspace_id = ${workspaceId}), 0)
      + (select count(*) from workspace_changes where workspace_id = ${workspaceId}))::int as version`),
  );
  return row!.version;
}

/** Stored rows of a workspace, read past row-level security (the test's own connection). */
async function stored(workspaceId: string, kind: string) {
  return sqlRows<{
    params: string;
    data_version: number;
    valid_until: Date | string | null;
    computed_at: Date | string;
  }>(
    db.execute(
      sql`select params, data_version::int as data_version, valid_until, computed_at from workspace_figures where workspace_id = ${workspaceId} and kind = ${kind}`,
    ),
  );
}

/**
 * Overwrites one stored figure with a value no computation gives, so a test can tell figures
 * served from the store from figures computed again.
 */
async function tamper(workspaceId: string, kind: string, path: string[], value: number) {
  await db.execute(
    sql`update workspace_figures set payload = jsonb_set(payload, ${`{${path.join(",")}}`}::text[], ${String(value)}::jsonb) where workspace_id = ${workspaceId} and kind = ${kind}`,
  );
}

async function workspaceWithAlliance() {
  const f = await createWorkspaceWithRoles(db);
  const owner = callerFor(db, f.users.owner);
  const ws = f.workspace.slug;
  const { id } = await owner.alliances.create({
    workspaceSlug: ws,
    ...allianceInput({ title: "Jardins partagés", sdgTargets: [{ target: "2.4", isPrimary: true }] }),
  });
  const partyId = (await owner.alliances.get({ workspaceSlug: ws, id })).parties.find((p) => p.isMine)!.id;
  return { f, owner, ws, id, partyId };
}

describe("the stored workspace dashboard", () => {
  it("is served from the store until the workspace's data changes, then computed again", async () => {
    const { f, owner, ws } = await workspaceWithAlliance();
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(1);
    const rows = await stored(f.workspace.id, "dashboard");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data_version).toBe(await dataVersion(f.workspace.id));

    await tamper(f.workspace.id, "dashboard", ["key", "alliances"], 999);
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(999);

    await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Deuxième" }) });
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(2);
  });

  it("folds piled-up change rows into the compacted count without changing the version", async () => {
    const { f, owner, ws, id } = await workspaceWithAlliance();
    for (let i = 0; i < 40; i++)
      await db.execute(sql`update alliances set summary = ${`Résumé ${i}`} where id = ${id}`);
    const [{ rows } = { rows: 0 }] = await sqlRows<{ rows: number }>(
      db.execute(sql`select count(*)::int as rows from workspace_changes where workspace_id = ${f.workspace.id}`),
    );
    expect(rows).toBeGreaterThanOrEqual(40);
    const version = await dataVersion(f.workspace.id);

    await owner.dashboards.workspace({ workspaceSlug: ws });
    const [after] = await sqlRows<{ rows: number }>(
      db.execute(sql`select count(*)::int as rows from workspace_changes where workspace_id = ${f.workspace.id}`),
    );
    expect(after!.rows).toBe(0);
    expect(await dataVersion(f.workspace.id)).toBe(version);
    expect((await stored(f.workspace.id, "dashboard"))[0]!.data_version).toBe(version);
    await tamper(f.workspace.id, "dashboard", ["key", "alliances"], 999);
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(999);
    await db.execute(sql`update alliances set summary = 'Encore' where id = ${id}`);
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(1);
  });

  it("has its change rows folded by the job runner too, with the same version", async () => {
    const { f, owner, ws, id } = await workspaceWithAlliance();
    await owner.dashboards.workspace({ workspaceSlug: ws });
    for (let i = 0; i < 5; i++)
      await db.execute(sql`update alliances set summary = ${`Version ${i}`} where id = ${id}`);
    const version = await dataVersion(f.workspace.id);
    expect(await compactWorkspaceChanges(db, 5)).toBeGreaterThanOrEqual(1);
    const [left] = await sqlRows<{ rows: number }>(
      db.execute(sql`select count(*)::int as rows from workspace_changes where workspace_id = ${f.workspace.id}`),
    );
    expect(left!.rows).toBe(0);
    expect(await dataVersion(f.workspace.id)).toBe(version);
    // The stored dashboard predates the five changes: still computed again.
    await tamper(f.workspace.id, "dashboard", ["key", "alliances"], 999);
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(1);
    // The request role cannot call the job's function.
    const refused = await withScope(db, { userId: f.users.owner.id, workspaceId: f.workspace.id }, (tx) =>
      tx.execute(sql`select app_figures_compact(1)`),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(Error);
  });

  it("keeps at most MAX_STORED rows per workspace, dropping the least recently computed", async () => {
    const { f, owner, ws } = await workspaceWithAlliance();
    await owner.dashboards.workspace({ workspaceSlug: ws });
    const [{ version } = { version: 0 }] = await sqlRows<{ version: number }>(
      db.execute(
        sql`select data_version::int as version from workspace_figures where workspace_id = ${f.workspace.id} and kind = 'dashboard'`,
      ),
    );
    await db.execute(sql`insert into workspace_figures (workspace_id, kind, params, data_version, computed_at, payload)
      select ${f.workspace.id}, 'list-count', '{"tag":"t' || g || '"}', ${version}, now() - g * interval '1 minute', '1'::jsonb from generate_series(1, ${MAX_STORED + 20}) g`);
    await owner.dashboards.workspace({ workspaceSlug: ws, stage: "pilotage" });
    const rows = await sqlRows<{ params: string }>(
      db.execute(sql`select params from workspace_figures where workspace_id = ${f.workspace.id}`),
    );
    expect(rows).toHaveLength(MAX_STORED);
    const kept = new Set(rows.map((r) => r.params));
    expect(kept.has('{"stage":"pilotage"}')).toBe(true);
    expect(kept.has('{"tag":"t1"}')).toBe(true);
    expect(kept.has(`{"tag":"t${MAX_STORED + 20}"}`)).toBe(false);
  });

  it("gives the same figures from the store as computed", async () => {
    const { owner, ws, id, partyId } = await workspaceWithAlliance();
    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: id,
      partyId,
      kind: "argent",
      quantity: 300,
      valueEuros: 300,
      occurredOn: `${thisYear}-01-10`,
    });
    const computed = await owner.dashboards.workspace({ workspaceSlug: ws, stage: "pilotage" });
    const served = await owner.dashboards.workspace({ workspaceSlug: ws, stage: "pilotage" });
    expect(served).toEqual(computed);
    expect(computed.key.thisYear.cents).toBe(30_000);
  });

  it("keeps one entry per set of filters, all dropped at the next change", async () => {
    const { f, owner, ws, id, partyId } = await workspaceWithAlliance();
    await owner.dashboards.workspace({ workspaceSlug: ws });
    await owner.dashboards.workspace({ workspaceSlug: ws, sdgGoal: 2 });
    await owner.dashboards.workspace({ workspaceSlug: ws, sdgGoal: 2, stage: "pilotage" });
    expect((await stored(f.workspace.id, "dashboard")).map((r) => r.params).sort()).toEqual([
      '{"sdgGoal":2,"stage":"pilotage"}',
      '{"sdgGoal":2}',
      "{}",
    ]);

    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: id,
      partyId,
      kind: "argent",
      quantity: 5,
      valueEuros: 5,
      occurredOn: `${thisYear}-01-10`,
    });
    const d = await owner.dashboards.workspace({ workspaceSlug: ws });
    expect(d.key.thisYear.cents).toBe(500);
    expect((await stored(f.workspace.id, "dashboard")).map((r) => r.params)).toEqual(["{}"]);
  });

  it("expires at the latest at the next midnight, and is computed again once expired", async () => {
    const { f, owner, ws } = await workspaceWithAlliance();
    await owner.dashboards.workspace({ workspaceSlug: ws });
    const [row] = await stored(f.workspace.id, "dashboard");
    const validUntil = new Date(row!.valid_until!).getTime();
    expect(validUntil).toBeGreaterThan(Date.now() - 60_000);
    expect(validUntil).toBeLessThanOrEqual(Date.now() + 86_400_000 + 60_000);

    await tamper(f.workspace.id, "dashboard", ["key", "alliances"], 999);
    await db.execute(
      sql`update workspace_figures set valid_until = now() - interval '1 second' where workspace_id = ${f.workspace.id}`,
    );
    expect((await owner.dashboards.workspace({ workspaceSlug: ws })).key.alliances).toBe(1);
  });

  it("expires when an evaluation light would turn by time alone, an hour later at the soonest", async () => {
    const { f, owner, ws, id } = await workspaceWithAlliance();
    const [{ midnight } = { midnight: "" }] = await sqlRows<{ midnight: string }>(
      db.execute(
        sql`select least((current_date + 1)::timestamptz, (date_trunc('day', now() at time zone 'UTC') + interval '1 day') at time zone 'UTC')::text as midnight`,
      ),
    );
    const validUntil = async (turnInMs: number) => {
      // Never evaluated, no start date: red 24 months (730.56 days) after its creation.
      const created = new Date(Date.now() + turnInMs - 730.56 * 86_400_000);
      await db.execute(
        sql`update alliances set starts_on = null, created_at = ${created.toISOString()}::timestamptz where id = ${id}`,
      );
      await owner.dashboards.workspace({ workspaceSlug: ws });
      const [row] = await stored(f.workspace.id, "dashboard");
      return {
        turn: Date.now() + turnInMs,
        at: new Date(row!.valid_until!).getTime(),
        midnight: new Date(midnight).getTime(),
      };
    };
    const hour = 3_600_000;
    const inTwoHours = await validUntil(2 * hour);
    expect(inTwoHours.at).toBeLessThanOrEqual(inTwoHours.turn + 1_000);
    expect(inTwoHours.at).toBeGreaterThan(Date.now());
    // A turn a few minutes ahead is shown within the hour rather than recomputed at once.
    const inFiveMinutes = await validUntil(5 * 60_000);
    expect(inFiveMinutes.at).toBe(Math.min(inFiveMinutes.midnight, inFiveMinutes.at));
    expect(
      inFiveMinutes.at === inFiveMinutes.midnight || Math.abs(inFiveMinutes.at - (Date.now() + hour)) < 60_000,
    ).toBe(true);
  });

  it("is computed again in a co-owner's workspace when the other party changes the alliance", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const orgB = await giveOrganisation(db, b.workspace.id);
    const ownerA = callerFor(db, a.users.owner);
    const ownerB = callerFor(db, b.users.owner);
    const { id } = await ownerA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ partners: [{ organisationId: orgB, role: "partenaire" }] }),
    });
    const parties = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties;
    await ownerA.alliances.inviteCoOwner({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      partyId: parties.find((p) => p.organisationId === orgB)!.id,
    });
    await ownerB.alliances.respondToCoOwnership({
      workspaceSlug: b.workspace.slug,
      partyId: parties.find((p) => p.organisationId === orgB)!.id,
      accept: true,
    });

    expect((await ownerB.dashboards.workspace({ workspaceSlug: b.workspace.slug })).key.thisYear.cents).toBe(0);
    const before = await dataVersion(b.workspace.id);
    await ownerA.alliances.addContribution({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      partyId: parties.find((p) => p.isMine)!.id,
      kind: "argent",
      quantity: 70,
      valueEuros: 70,
      occurredOn: `${thisYear}-01-05`,
    });
    expect(await dataVersion(b.workspace.id)).toBeGreaterThan(before);
    expect((await ownerB.dashboards.workspace({ workspaceSlug: b.workspace.slug })).key.thisYear.cents).toBe(7_000);

    // Renaming a partner organisation changes the SDG report's partner names: both versions move.
    const [va, vb] = [await dataVersion(a.workspace.id), await dataVersion(b.workspace.id)];
    await db.execute(sql`update organisations set name = ${`Renommée ${orgB.slice(0, 8)}`} where id = ${orgB}`);
    expect(await dataVersion(a.workspace.id)).toBeGreaterThan(va);
    expect(await dataVersion(b.workspace.id)).toBeGreaterThan(vb);

    // Deleting one workspace keeps the other's figures correct.
    await ownerB.dashboards.workspace({ workspaceSlug: b.workspace.slug });
    const vb2 = await dataVersion(b.workspace.id);
    await ownerA.workspaces.delete({ workspaceSlug: a.workspace.slug, confirmName: a.workspace.name });
    expect(await stored(a.workspace.id, "dashboard")).toEqual([]);
    expect(await dataVersion(b.workspace.id)).toBeGreaterThan(vb2);
  });
});

describe.skipIf(database.kind !== "postgres")("stored figures and concurrent changes (PostgreSQL server)", () => {
  /** A transaction of the workspace's owner left open until `release` is called. */
  function openChange(f: Awaited<ReturnType<typeof workspaceWithAlliance>>, euros: number) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const done = withScope(db, { userId: f.f.users.owner.id, workspaceId: f.f.workspace.id }, async (tx) => {
      await tx.execute(sql`insert into alliance_contributions (alliance_id, party_id, kind, quantity, unit, value_cents, occurred_on)
        select ${f.id}, ${f.partyId}, 'argent', ${euros}, 'euro', ${euros * 100}, ${`${thisYear}-02-01`}::date`);
      wrote();
      await held;
    });
    return { written, release, done };
  }

  it("lets a second change of the workspace through while a first one is still open", async () => {
    const f = await workspaceWithAlliance();
    const first = openChange(f, 10);
    await first.written;
    // Under 0034's counter row this waited for the first transaction: now it must not wait at all.
    const second = withScope(db, { userId: f.f.users.owner.id, workspaceId: f.f.workspace.id }, async (tx) => {
      await tx.execute(sql`set local lock_timeout = '2s'`);
      await tx.execute(sql`insert into alliance_contributions (alliance_id, party_id, kind, quantity, unit, value_cents, occurred_on)
        select ${f.id}, ${f.partyId}, 'argent', 20, 'euro', 2000, ${`${thisYear}-02-02`}::date`);
    });
    await expect(second).resolves.toBeUndefined();
    first.release();
    await first.done;
    expect((await f.owner.dashboards.workspace({ workspaceSlug: f.ws })).key.thisYear.cents).toBe(3_000);
  });

  it("never serves figures that miss a change committed after a later one", async () => {
    const f = await workspaceWithAlliance();
    const early = openChange(f, 100);
    await early.written;
    // A change that started later commits first; the dashboard is computed and stored without the early one.
    await f.owner.alliances.addContribution({
      workspaceSlug: f.ws,
      allianceId: f.id,
      partyId: f.partyId,
      kind: "argent",
      quantity: 5,
      valueEuros: 5,
      occurredOn: `${thisYear}-02-03`,
    });
    expect((await f.owner.dashboards.workspace({ workspaceSlug: f.ws })).key.thisYear.cents).toBe(500);
    early.release();
    await early.done;
    expect((await f.owner.dashboards.workspace({ workspaceSlug: f.ws })).key.thisYear.cents).toBe(10_500);
  });
});

describe("the stored rows of the alliance list's pages", () => {
  it("give the rows a fresh read gives, in the same order, and are read again after any change they show", async () => {
    const { f, owner, ws, id } = await workspaceWithAlliance();
    for (const title of ["Jardin des écoles", "Jardin du marché"])
      await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title }) });

    // The first list stores its page's rows; a text search reads its rows directly, with the
    // same columns, in the same order (last updated first); the stored page is served as read.
    const first = await owner.alliances.list({ workspaceSlug: ws });
    expect(await stored(f.workspace.id, "list-page")).toHaveLength(1);
    const direct = await owner.alliances.list({ workspaceSlug: ws, q: "jardin" });
    expect(first.items).toHaveLength(3);
    expect(first.items).toEqual(direct.items);
    expect(first.items[0]!.updatedAt).toBeInstanceOf(Date);
    expect(await owner.alliances.list({ workspaceSlug: ws })).toEqual(first);

    // Served from the store: a title no read gives.
    await db.execute(
      sql`update workspace_figures set payload = jsonb_set(payload, '{0,title}', '"Rangée gardée"') where workspace_id = ${f.workspace.id} and kind = 'list-page'`,
    );
    expect((await owner.alliances.list({ workspaceSlug: ws })).items[0]!.title).toBe("Rangée gardée");

    // A guide answer (the row's progress) is a change: the page is read again.
    const item = first.items.find((i) => i.id === id)!;
    expect(item.guide).toEqual({ answered: 0, total: 4 });
    await owner.guide.answer({
      workspaceSlug: ws,
      allianceId: id,
      stage: "pilotage",
      questionKey: "progress",
      answer: "Les potagers donnent.",
      basedOn: null,
    });
    const answered = await owner.alliances.list({ workspaceSlug: ws });
    expect(answered.items.find((i) => i.id === id)!.guide).toEqual({ answered: 1, total: 4 });
    expect(answered.items[0]!.title).not.toBe("Rangée gardée");
    // The guide's own table raises the version (migration 0064), not only the history row the
    // answer above also wrote: an answer written alone is seen too.
    await db.execute(sql`insert into alliance_guide_answers (alliance_id, stage, question_key, answer, workspace_id, organisation_name, actor_name)
      values (${id}, 'pilotage', 'difficulties', 'Aucune.', ${f.workspace.id}, 'Test', 'Test')`);
    expect((await owner.alliances.list({ workspaceSlug: ws })).items.find((i) => i.id === id)!.guide).toEqual({
      answered: 2,
      total: 4,
    });

    // So is a partner's new name, though no alliance row changed.
    const partner = item.partners[0]!;
    await db.execute(sql`update organisations set name = ${`${partner} (renommée)`} where name = ${partner}`);
    const renamed = await owner.alliances.list({ workspaceSlug: ws });
    expect(renamed.items.find((i) => i.id === id)!.partners).toEqual([`${partner} (renommée)`]);
  });

  it("is kept until the first of its evaluation lights changes with time alone, then read again", async () => {
    const { f, owner, ws } = await workspaceWithAlliance();
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const twoMonthsAgo = new Date(Date.now() - 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ startsOn: monthAgo }) });
    await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ startsOn: twoMonthsAgo }) });
    const list = await owner.alliances.list({ workspaceSlug: ws });
    // The factory's first alliance started in 2023, long red: only the two new ones can change.
    const expected = lightChangesAt({ lastClosedAt: null, since: new Date(twoMonthsAgo), now: new Date() })!;
    const [row] = await stored(f.workspace.id, "list-page");
    expect(new Date(row!.valid_until!).getTime()).toBe(expected.getTime());
    expect(list.items.map((i) => i.evaluation).sort()).toEqual(["new", "new", "red"]);

    // Past that instant the stored page is not served.
    await db.execute(
      sql`update workspace_figures set valid_until = now() - interval '1 second', payload = jsonb_set(payload, '{0,title}', '"Rangée gardée"') where workspace_id = ${f.workspace.id} and kind = 'list-page'`,
    );
    expect((await owner.alliances.list({ workspaceSlug: ws })).items.map((i) => i.title)).toEqual(
      list.items.map((i) => i.title),
    );
  });
});

describe("the stored count of the alliance list", () => {
  it("is read from the store per set of filters, counted again after a change, and never stored for a text search", async () => {
    const { f, owner, ws } = await workspaceWithAlliance();
    expect((await owner.alliances.list({ workspaceSlug: ws, sdgGoal: 2 })).total).toBe(1);
    expect((await stored(f.workspace.id, "list-count")).map((r) => r.params)).toEqual([
      '{"archived":false,"sdgGoal":2}',
    ]);
    await db.execute(
      sql`update workspace_figures set payload = '7'::jsonb where workspace_id = ${f.workspace.id} and kind = 'list-count'`,
    );
    const served = await owner.alliances.list({ workspaceSlug: ws, sdgGoal: 2, page: 1, pageSize: 50 });
    expect(served.total).toBe(7);
    expect(served.items).toHaveLength(1);

    await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({ title: "Autre jardin", sdgTargets: [{ target: "2.1", isPrimary: true }] }),
    });
    expect((await owner.alliances.list({ workspaceSlug: ws, sdgGoal: 2 })).total).toBe(2);

    expect((await owner.alliances.list({ workspaceSlug: ws, q: "jardin" })).total).toBe(2);
    expect((await stored(f.workspace.id, "list-count")).map((r) => r.params)).toEqual([
      '{"archived":false,"sdgGoal":2}',
    ]);
  });
});

describe("the stored SDG report", () => {
  it("is served from the store with its narratives read each time, and computed again after a change", async () => {
    const { f, owner, ws, id, partyId } = await workspaceWithAlliance();
    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: id,
      partyId,
      kind: "argent",
      quantity: 10,
      valueEuros: 10,
      occurredOn: `${thisYear}-03-01`,
    });
    const first = await owner.dashboards.sdgReport({ workspaceSlug: ws, year: thisYear });
    expect(first.goals.map((g) => [g.goal, g.ownCents])).toEqual([[2, 1_000]]);
    expect(await stored(f.workspace.id, "sdg-report-v3")).toEqual([
      expect.objectContaining({
        params: `{"primaryWeight":1,"rowsPerGoal":${ROWS_PER_GOAL},"year":${thisYear}}`,
        valid_until: null,
      }),
    ]);

    await tamper(f.workspace.id, "sdg-report-v3", ["goals", "0", "ownCents"], 42);
    await owner.dashboards.saveNarrative({
      workspaceSlug: ws,
      year: thisYear,
      goal: 2,
      text: "Une année de potagers",
      version: 0,
    });
    const second = await owner.dashboards.sdgReport({ workspaceSlug: ws, year: thisYear });
    expect(second.goals[0]).toMatchObject({ ownCents: 42, narrative: "Une année de potagers", narrativeVersion: 1 });

    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: id,
      partyId,
      kind: "argent",
      quantity: 5,
      valueEuros: 5,
      occurredOn: `${thisYear}-04-01`,
    });
    expect((await owner.dashboards.sdgReport({ workspaceSlug: ws, year: thisYear })).goals[0]).toMatchObject({
      ownCents: 1_500,
      narrative: "Une année de potagers",
    });
  });
});

describe("stored figures and row-level security", () => {
  it("shows another workspace's member none of them, and refuses writing them", async () => {
    const { f: a, owner } = await workspaceWithAlliance();
    await owner.dashboards.workspace({ workspaceSlug: a.workspace.slug });
    const b = await createWorkspaceWithRoles(db);
    const seen = await withScope(db, { userId: b.users.owner.id, workspaceId: b.workspace.id }, async (tx) => ({
      figures: await sqlRows<{ workspace_id: string }>(
        tx.execute(sql`select workspace_id from workspace_figures where workspace_id = ${a.workspace.id}`),
      ),
      versions: await sqlRows<{ workspace_id: string }>(
        tx.execute(sql`select workspace_id from workspace_data_versions where workspace_id = ${a.workspace.id}`),
      ),
      changed: await sqlRows(
        tx.execute(
          sql`update workspace_figures set payload = '{}'::jsonb where workspace_id = ${a.workspace.id} returning workspace_id`,
        ),
      ),
    }));
    expect(seen).toEqual({ figures: [], versions: [], changed: [] });
    const forged = await withScope(db, { userId: b.users.owner.id, workspaceId: b.workspace.id }, (tx) =>
      tx.execute(
        sql`insert into workspace_figures (workspace_id, kind, params, data_version, payload) values (${a.workspace.id}, 'dashboard', 'x', 0, '{}')`,
      ),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(forged).toBeInstanceOf(Error);
    // The version: B can neither move A's compacted count nor add or fold A's change rows.
    const before = await dataVersion(a.workspace.id);
    const moved = await withScope(db, { userId: b.users.owner.id, workspaceId: b.workspace.id }, async (tx) => ({
      versions: await sqlRows(
        tx.execute(
          sql`update workspace_data_versions set version = 0 where workspace_id = ${a.workspace.id} returning workspace_id`,
        ),
      ),
      changes: await sqlRows(
        tx.execute(sql`delete from workspace_changes where workspace_id = ${a.workspace.id} returning workspace_id`),
      ),
    }));
    expect(moved).toEqual({ versions: [], changes: [] });
    const addedChange = await withScope(db, { userId: b.users.owner.id, workspaceId: b.workspace.id }, (tx) =>
      tx.execute(sql`insert into workspace_changes (workspace_id) values (${a.workspace.id})`),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(addedChange).toBeInstanceOf(Error);
    expect(await dataVersion(a.workspace.id)).toBe(before);
  });

  it("refuses the dashboard of a workspace to a member of another one", async () => {
    const { f: a } = await workspaceWithAlliance();
    const b = await createWorkspaceWithRoles(db);
    const outsider = callerFor(db, b.users.owner);
    // A workspace one is not a member of is answered as not found, before any figure is read or stored.
    await expect(outsider.dashboards.workspace({ workspaceSlug: a.workspace.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      outsider.dashboards.sdgReport({ workspaceSlug: a.workspace.slug, year: thisYear }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stored(a.workspace.id, "dashboard")).toEqual([]);
    expect(await stored(a.workspace.id, "sdg-report")).toEqual([]);
  });
});

describe("the list's stored count and page (read together, storedFiguresEntries)", () => {
  it("stores both at the workspace's version, serves both from the store, and computes both again after a change", async () => {
    const { f, owner, ws, id } = await workspaceWithAlliance();
    const first = await owner.alliances.list({ workspaceSlug: ws });
    expect(first.total).toBe(1);
    const version = await dataVersion(f.workspace.id);
    for (const kind of ["list-count", "list-page"]) {
      const rows = await stored(f.workspace.id, kind);
      expect(rows.map((r) => r.data_version)).toEqual([version]);
    }

    // Served from the store: a count no computation gives, and the stored page's one row.
    await db.execute(
      sql`update workspace_figures set payload = '41'::jsonb where workspace_id = ${f.workspace.id} and kind = 'list-count'`,
    );
    const served = await owner.alliances.list({ workspaceSlug: ws });
    expect(served.total).toBe(41);
    expect(served.items.map((i) => i.id)).toEqual([id]);

    const { id: second } = await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Verger" }) });
    const after = await owner.alliances.list({ workspaceSlug: ws });
    expect(after.total).toBe(2);
    expect(after.items.map((i) => i.id).sort()).toEqual([id, second].sort());
    const newVersion = await dataVersion(f.workspace.id);
    for (const kind of ["list-count", "list-page"])
      expect((await stored(f.workspace.id, kind)).map((r) => r.data_version)).toEqual([newVersion]);
  });
});
