import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withScope } from "../../db/scope";
import { sqlState } from "../../server/errors";
import { callerFor } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { searchRowsDrift } from "../helpers/search-rows";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation, uniq } from "../factories";
import { coOwnedAlliance } from "../factories/co-owned";

const database = await openTestDatabase();
const { db } = database;

/** The search rows of one alliance, by workspace (read past row-level security). */
async function rowsOf(allianceId: string) {
  return sqlRows<{ workspace_id: string; archived: boolean; title: string }>(
    db.execute(
      sql`select workspace_id, archived_at is not null as archived, title from workspace_alliance_search where alliance_id = ${allianceId} order by workspace_id`,
    ),
  );
}

describe("the list's search rows (migration 0065)", () => {
  it("follow an alliance through its life: created, renamed, archived, restored, co-owned, left, deleted", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    const word = uniq("cressonniere").replace(/[^a-z0-9]/g, "");
    const { id } = await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: `Jardins ${word}` }) });
    const found = async (q: string, archived = false) =>
      (await owner.alliances.list({ workspaceSlug: ws, q, archived })).items.map((i) => i.id);

    expect(await rowsOf(id)).toEqual([{ workspace_id: f.workspace.id, archived: false, title: `Jardins ${word}` }]);
    expect(await found(word)).toEqual([id]);
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });

    const renamed = uniq("houblonniere").replace(/[^a-z0-9]/g, "");
    await owner.alliances.update({
      workspaceSlug: ws,
      ...allianceInput({ title: `Vergers ${renamed}` }),
      id,
      version: 1,
    });
    expect(await found(word)).toEqual([]);
    expect(await found(renamed)).toEqual([id]);
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });

    await owner.alliances.archive({ workspaceSlug: ws, id });
    expect(await rowsOf(id)).toMatchObject([{ archived: true }]);
    expect(await found(renamed)).toEqual([]);
    expect(await found(renamed, true)).toEqual([id]);
    await owner.alliances.restore({ workspaceSlug: ws, id });
    expect(await found(renamed)).toEqual([id]);
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });

    await owner.alliances.delete({ workspaceSlug: ws, id });
    expect(await rowsOf(id)).toEqual([]);
    expect(await found(renamed)).toEqual([]);

    // Co-owned: one row per co-owner, until one leaves.
    const shared = await coOwnedAlliance(db, { title: `Ruchers ${word}` });
    const ids = [shared.a.workspace.id, shared.b.workspace.id].sort();
    expect((await rowsOf(shared.id)).map((r) => r.workspace_id)).toEqual(ids);
    const coOwner = callerFor(db, shared.b.users.owner);
    expect(
      (await coOwner.alliances.list({ workspaceSlug: shared.b.workspace.slug, q: word })).items.map((i) => i.id),
    ).toEqual([shared.id]);
    await coOwner.alliances.leave({ workspaceSlug: shared.b.workspace.slug, id: shared.id });
    expect((await rowsOf(shared.id)).map((r) => r.workspace_id)).toEqual([shared.a.workspace.id]);
    expect(await coOwner.alliances.list({ workspaceSlug: shared.b.workspace.slug, q: word })).toMatchObject({
      total: 0,
      items: [],
    });
    expect(await searchRowsDrift(db, [shared.id])).toEqual({ drift: 0, rows: 1 });
  });

  it("are kept by direct SQL writes too, a renamed partner included", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const { id } = await owner.alliances.create({ workspaceSlug: f.workspace.slug, ...allianceInput() });
    await db.execute(
      sql`update alliances set search_text = 'betteraves sucrieres', stage = 'evaluation' where id = ${id}`,
    );
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });
    const other = await giveOrganisation(db, f.otherWorkspace.id);
    await db.execute(sql`insert into alliance_parties (alliance_id, organisation_id, workspace_id, role, status)
      values (${id}, ${other}, ${f.otherWorkspace.id}, 'partenaire', 'accepted')`);
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 2 });
    await db.execute(
      sql`update alliance_parties set status = 'left' where alliance_id = ${id} and workspace_id = ${f.otherWorkspace.id}`,
    );
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });
    await db.execute(
      sql`delete from alliance_parties where alliance_id = ${id} and workspace_id = ${f.otherWorkspace.id}`,
    );
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });
  });

  it("carry the figures of the child tables through direct SQL writes, a renamed partner included", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    const { id } = await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ sdgTargets: [] }) });
    const other = await giveOrganisation(db, f.otherWorkspace.id);
    await db.execute(sql`insert into alliance_parties (alliance_id, organisation_id, workspace_id, role, status)
      values (${id}, ${other}, ${f.otherWorkspace.id}, 'partenaire', 'accepted')`);
    const figures = async () => {
      expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 2 });
      const [row] = await sqlRows<{
        current_mode: string | null;
        guide_answered: number;
        partner_names: string[] | null;
        closed: boolean;
        cycle_running: boolean;
        goal_list: number[] | null;
        primary_goal: number | null;
      }>(
        db.execute(sql`select current_mode, guide_answered, partner_names, last_closed_at is not null as closed, cycle_running,
          goal_list, primary_goal from workspace_alliance_search where alliance_id = ${id} and workspace_id = ${f.workspace.id}`),
      );
      return {
        ...row!,
        goal_list: row!.goal_list?.map(Number) ?? null,
        primary_goal: row!.primary_goal === null ? null : Number(row!.primary_goal),
      };
    };
    const before = await figures();
    expect(before.goal_list).toBeNull();
    const [otherName] = await sqlRows<{ name: string }>(
      db.execute(sql`select name from organisations where id = ${other}`),
    );
    expect(before.partner_names).toContain(otherName!.name);

    await db.execute(sql`insert into alliance_sdg_targets (alliance_id, target, goal, is_primary) values
      (${id}, '4.7', 4, false), (${id}, '13.1', 13, true), (${id}, '13.2', 13, false)`);
    expect(await figures()).toMatchObject({ goal_list: [4, 13], primary_goal: 13 });
    await db.execute(sql`delete from alliance_sdg_targets where alliance_id = ${id} and goal = 13`);
    expect(await figures()).toMatchObject({ goal_list: [4], primary_goal: null });

    await db.execute(sql`insert into alliance_mode_periods (alliance_id, mode, mecenat_forms, starts_on) values
      (${id}, 'innovation_societale', '{}', '2099-01-01')`);
    expect((await figures()).current_mode).toBe("innovation_societale");
    await db.execute(sql`delete from alliance_mode_periods where alliance_id = ${id} and starts_on = '2099-01-01'`);
    expect((await figures()).current_mode).toBe(before.current_mode);

    const [cycle] = await sqlRows<{ id: string }>(
      db.execute(sql`insert into evaluation_cycles (alliance_id, period, due_on, questions, status, opened_by_workspace_id)
        values (${id}, '2026', '2030-01-01', '[]'::jsonb, 'open', ${f.workspace.id}) returning id`),
    );
    expect(await figures()).toMatchObject({ cycle_running: true, closed: false });
    await db.execute(sql`update evaluation_cycles set status = 'closed', closed_at = now() where id = ${cycle!.id}`);
    expect(await figures()).toMatchObject({ cycle_running: false, closed: true });

    const [stage] = await sqlRows<{ stage: string }>(
      db.execute(sql`select stage::text from alliances where id = ${id}`),
    );
    await db.execute(sql`insert into alliance_guide_answers (alliance_id, stage, question_key, answer, workspace_id, organisation_name, actor_name)
      values (${id}, ${stage!.stage}, 'shared_need', 'Un besoin partagé.', ${f.workspace.id}, 'Org', 'Camille'),
        (${id}, ${stage!.stage}, 'shared_need', 'Reformulé.', ${f.workspace.id}, 'Org', 'Camille'),
        (${id}, 'evaluation_other_stage', 'other', 'Hors étape.', ${f.workspace.id}, 'Org', 'Camille')`);
    expect((await figures()).guide_answered).toBe(1);

    const renamed = `Renommée ${uniq("org")}`;
    // Renamed by the other workspace itself, through the request role: the trigger reaches this
    // workspace's row, which that role cannot read.
    const updated = await withScope(db, { userId: f.users.stranger.id, workspaceId: f.otherWorkspace.id }, (tx) =>
      sqlRows(tx.execute(sql`update organisations set name = ${renamed} where id = ${other} returning id`)),
    );
    expect(updated).toHaveLength(1);
    const after = (await figures()).partner_names!;
    expect(after).toContain(renamed);
    expect(after).not.toContain(otherName!.name);
    expect(after).toHaveLength(before.partner_names!.length);
  });

  it("give a search the page, order and count the general list gives, for every sort they carry", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    const word = uniq("topinambour").replace(/[^a-z0-9]/g, "");
    const stages = ["preparation_partenariat", "pilotage", "evaluation"] as const;
    for (let i = 0; i < 13; i++) {
      const { id } = await owner.alliances.create({
        workspaceSlug: ws,
        ...allianceInput({
          // Two titles alike, so that ties are broken the same way on both paths.
          title: `${i % 5 === 0 ? "Potager" : `Verger ${String.fromCharCode(97 + i)}`} ${word}`,
          stage: stages[i % 3],
          startsOn: i % 4 === 0 ? null : `202${i % 5}-0${1 + (i % 9)}-01`,
          endsOn: i % 6 === 1 ? "2031-06-30" : null,
          modes: [
            {
              mode: i % 2 ? "mecenat" : "cooperation_economique",
              mecenatForms: i % 2 ? ["competences"] : [],
              startsOn: "2020-01-01",
            },
          ],
          // What a row shows besides its own columns: partners, goals (one primary or none), tags.
          partners: [
            { organisation: { name: `Coopérative ${uniq("org")}`, kind: "entreprise" as const }, role: "financeur" },
            ...(i % 3 === 1
              ? [{ organisation: { name: `Amicale ${uniq("org")}`, kind: "association" as const }, role: "partenaire" }]
              : []),
          ],
          sdgTargets:
            i % 4 === 3
              ? []
              : [
                  { target: "2.4", isPrimary: i % 2 === 0 },
                  { target: `${1 + (i % 16)}.1`, isPrimary: i % 2 === 1 },
                ],
          tags: i % 2 ? ["potager", "quartier"] : [],
        }),
      });
      // Guide progress, a running cycle, a closed one: each light and count the rows carry.
      if (i % 3 === 0)
        await owner.guide.answer({
          workspaceSlug: ws,
          allianceId: id,
          stage: "preparation_partenariat",
          questionKey: "shared_need",
          answer: "Des familles sans solution de garde le soir.",
          basedOn: null,
        });
      if (i % 4 === 1 || i % 4 === 2) {
        const { id: cycleId } = await owner.evaluation.openCycle({
          workspaceSlug: ws,
          allianceId: id,
          period: "2026",
          dueOn: "2031-01-01",
        });
        // Closed by hand 1, 17 and 33 months ago (i = 1, 5, 9): a green light, an amber one (due), a red one.
        if (i % 4 === 1)
          await db.execute(
            sql`update evaluation_cycles set status = 'closed', closed_at = now() - ${`${4 * i - 3} months`}::interval where id = ${cycleId}`,
          );
      }
    }
    const { items: some } = await owner.alliances.list({ workspaceSlug: ws, q: word, pageSize: 5 });
    await owner.alliances.archive({ workspaceSlug: ws, id: some[1]!.id });
    await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Sans le mot" }) });

    let compared = 0;
    for (const sort of ["updatedAt", "title", "startsOn", "stage"] as const)
      for (const direction of ["asc", "desc"] as const)
        for (const page of [1, 2, 3, 4])
          for (const extra of [{}, { archived: true }, { stage: "pilotage" as const }]) {
            const input = { workspaceSlug: ws, q: `${word} `, sort, direction, page, pageSize: 5, ...extra };
            const fast = await owner.alliances.list(input);
            // An always-true filter sends the same list down the general path.
            const general = await owner.alliances.list({ ...input, from: "1900-01-01" });
            expect(fast).toEqual(general);
            compared += fast.items.length;
          }
    expect(compared).toBeGreaterThan(100);
    // The rows were not all alike: lights, guide counts, partners and goals vary among them.
    const shown = (await owner.alliances.list({ workspaceSlug: ws, q: word, pageSize: 100 })).items;
    expect(new Set(shown.map((i) => i.evaluation)).size).toBeGreaterThan(2);
    expect(shown.some((i) => i.guide && i.guide.answered > 0)).toBe(true);
    expect(shown.some((i) => i.partners.length === 2)).toBe(true);
    expect(shown.some((i) => i.goals.length === 0) && shown.some((i) => i.primaryGoal === 2)).toBe(true);
    expect(shown.some((i) => i.endsOn === "2031-06-30") && shown.some((i) => i.currentMode === "mecenat")).toBe(true);
    const all = await owner.alliances.list({ workspaceSlug: ws, q: word, pageSize: 100 });
    expect(all.total).toBe(12);
  });

  it("show a workspace its own rows only, and cannot be written by a request", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const word = uniq("salsifis").replace(/[^a-z0-9]/g, "");
    const { id } = await owner.alliances.create({
      workspaceSlug: f.workspace.slug,
      ...allianceInput({ title: `Potager ${word}` }),
    });
    // Another workspace's member, searching the same word in their own workspace, finds nothing.
    const stranger = callerFor(db, f.users.stranger);
    expect((await stranger.alliances.list({ workspaceSlug: f.otherWorkspace.slug, q: word })).items).toEqual([]);
    // And cannot search the first workspace at all.
    expect((await rejection(stranger.alliances.list({ workspaceSlug: f.workspace.slug, q: word }))).code).toBe(
      "NOT_FOUND",
    );
    // Underneath, with the code's filter left out: the other workspace's scope sees none of its rows.
    const seen = await withScope(db, { userId: f.users.stranger.id, workspaceId: f.otherWorkspace.id }, (tx) =>
      sqlRows(tx.execute(sql`select alliance_id from workspace_alliance_search where alliance_id = ${id}`)),
    );
    expect(seen).toEqual([]);
    const own = await withScope(db, { userId: f.users.owner.id, workspaceId: f.workspace.id }, (tx) =>
      sqlRows(tx.execute(sql`select alliance_id from workspace_alliance_search where alliance_id = ${id}`)),
    );
    expect(own).toEqual([{ alliance_id: id }]);
    // The text index's definer function answers for the transaction's workspace only, and nothing
    // for a query left without a word.
    const matches = (workspaceId: string, userId: string, query: string) =>
      withScope(db, { userId, workspaceId }, (tx) =>
        sqlRows<{ ids: string[] | string }>(
          tx.execute(
            sql`select coalesce(array_agg(m.alliance_id::text), '{}') as ids from app_search_matches(to_tsquery('french', ${query})) m`,
          ),
        ),
      ).then((rows) => rows[0]!.ids);
    expect(await matches(f.workspace.id, f.users.owner.id, `${word}:*`)).toEqual([id]);
    expect(await matches(f.otherWorkspace.id, f.users.stranger.id, `${word}:*`)).toEqual([]);
    expect(await matches(f.workspace.id, f.users.owner.id, "le:*")).toEqual([]);
    // A row the other workspace should not have (as a refresh racing a departure could leave):
    // its search counts it, but never shows it, since each row shown is checked against the parties.
    await db.execute(sql`insert into workspace_alliance_search (workspace_id, alliance_id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at, scoped_vector)
      select ${f.otherWorkspace.id}, a.id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at, a.archived_at, a.created_at,
        app_scoped_vector(${f.otherWorkspace.id}::uuid, a.search_vector)
      from alliances a where a.id = ${id}`);
    expect(await matches(f.otherWorkspace.id, f.users.stranger.id, `${word}:*`)).toEqual([id]);
    expect((await stranger.alliances.list({ workspaceSlug: f.otherWorkspace.slug, q: word })).items).toEqual([]);
    await db.execute(
      sql`delete from workspace_alliance_search where workspace_id = ${f.otherWorkspace.id} and alliance_id = ${id}`,
    );
    // The request role only reads the table: the triggers' function writes it.
    const refused = await withScope(db, { userId: f.users.owner.id, workspaceId: f.workspace.id }, (tx) =>
      tx.execute(sql`update workspace_alliance_search set title = 'x' where alliance_id = ${id}`),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlState(refused)).toBe("42501");
    expect(await rowsOf(id)).toMatchObject([{ title: `Potager ${word}` }]);
  });
});

describe.skipIf(database.kind !== "postgres")("the search rows under concurrent changes (PostgreSQL server)", () => {
  /** Runs `change` in a transaction left open until `release` is called. */
  function openChange(change: (tx: typeof db) => Promise<unknown>) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const done = db.transaction(async (tx) => {
      await change(tx as unknown as typeof db);
      wrote();
      await held;
    });
    return { written, release, done };
  }

  async function sharedWithOther() {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const { id } = await owner.alliances.create({ workspaceSlug: f.workspace.slug, ...allianceInput() });
    const other = await giveOrganisation(db, f.otherWorkspace.id);
    await db.execute(sql`insert into alliance_parties (alliance_id, organisation_id, workspace_id, role, status)
      values (${id}, ${other}, ${f.otherWorkspace.id}, 'partenaire', 'accepted')`);
    return { f, id };
  }

  /** Renames the alliance while `open` is still open, then lets it commit; both must end. */
  async function renameDuring(id: string, open: ReturnType<typeof openChange>) {
    await open.written;
    const renaming = db.execute(
      sql`update alliances set title = 'Titre renommé', search_text = 'titre renomme' where id = ${id}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    open.release();
    await Promise.all([open.done, renaming]);
  }

  it("drop the row of a party that left while another party renamed the alliance", async () => {
    const { f, id } = await sharedWithOther();
    await renameDuring(
      id,
      openChange((tx) =>
        tx.execute(
          sql`update alliance_parties set status = 'left' where alliance_id = ${id} and workspace_id = ${f.otherWorkspace.id}`,
        ),
      ),
    );
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 1 });
    expect(await rowsOf(id)).toEqual([{ workspace_id: f.workspace.id, archived: false, title: "Titre renommé" }]);
  });

  it("give a party that joined while the alliance was renamed the new title", async () => {
    const { f, id } = await sharedWithOther();
    await db.execute(
      sql`update alliance_parties set status = 'left' where alliance_id = ${id} and workspace_id = ${f.otherWorkspace.id}`,
    );
    await db.execute(
      sql`update alliance_parties set status = 'invited' where alliance_id = ${id} and workspace_id = ${f.otherWorkspace.id}`,
    );
    await renameDuring(
      id,
      openChange((tx) =>
        tx.execute(
          sql`update alliance_parties set status = 'accepted' where alliance_id = ${id} and workspace_id = ${f.otherWorkspace.id}`,
        ),
      ),
    );
    expect(await searchRowsDrift(db, [id])).toEqual({ drift: 0, rows: 2 });
    expect((await rowsOf(id)).map((r) => r.title)).toEqual(["Titre renommé", "Titre renommé"]);
  });
});
