import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alliances, allianceTerritories, workspaces } from "../../db/schema";
import { withPublicScope } from "../../db/scope";
import { DEFAULT_QUESTIONS } from "../../domain/evaluation";
import { OBSERVATORY_TABLE_NAMES, OBSERVATORY_TABLES } from "../../domain/observatory";
import { territory } from "../../domain/territory-data";
import { observatoryCsv, observatoryJson } from "../../server/files/observatory-data";
import { refreshObservatory } from "../../server/jobs/observatory";
import { describeError } from "../../server/trpc/init";
import { callerFor } from "../helpers/caller";
import { published, redrawRecordKeys } from "../helpers/cell-key";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();
// Corse-du-Sud (région Corse): no other test puts alliances there, so its figures are known by hand.
const DEP = "2A";
const REGION = "94";
const communes = [...territory().communes.values()]
  .filter((c) => c.departement === DEP)
  .slice(0, 3)
  .map((c) => c.code);
const publicCaller = callerFor(db, null);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Seven counted alliances in Corse-du-Sud on SDG 14 (three stayed in mécénat, three moved from
 * mécénat to coopération économique, one in pratiques responsables), each with its own partner
 * company; one more in a workspace that opted out of statistics.
 */
async function corsica() {
  await db
    .delete(alliances)
    .where(
      inArray(
        alliances.id,
        db
          .select({ id: allianceTerritories.allianceId })
          .from(allianceTerritories)
          .where(eq(allianceTerritories.regionCode, REGION)),
      ),
    );
  const w = await createWorkspaceWithRoles(db);
  const owner = callerFor(db, w.users.owner);
  const make = async (title: string, modes: unknown[], i: number) =>
    (
      await owner.alliances.create({
        workspaceSlug: w.workspace.slug,
        ...allianceInput({
          title,
          modes,
          sdgTargets: [{ target: "14.2", isPrimary: true }],
          territory: { scope: "commune", codes: [communes[i % communes.length]!] },
        }),
      })
    ).id;
  const mecenat = [{ mode: "mecenat", mecenatForms: [], startsOn: "2022-01-01" }];
  const moved = [...mecenat, { mode: "cooperation_economique", mecenatForms: [], startsOn: "2023-06-01" }];
  const ids = {
    m1: await make("Mécénat 1", mecenat, 0),
    m2: await make("Mécénat 2", mecenat, 1),
    m3: await make("Mécénat 3", mecenat, 2),
    c1: await make("Coopération 1", moved, 0),
    c2: await make("Coopération 2", moved, 1),
    c3: await make("Coopération 3", moved, 2),
    p1: await make("Pratiques 1", [{ mode: "pratiques_responsables", mecenatForms: [], startsOn: "2023-01-01" }], 0),
  };
  const out = await createWorkspaceWithRoles(db);
  await db.update(workspaces).set({ territorialStatistics: false }).where(eq(workspaces.id, out.workspace.id));
  const excluded = await callerFor(db, out.users.owner).alliances.create({
    workspaceSlug: out.workspace.slug,
    ...allianceInput({
      title: "Non comptée",
      sdgTargets: [{ target: "14.2", isPrimary: true }],
      territory: { scope: "commune", codes: [communes[0]!] },
    }),
  });
  return { w, owner, ids, excluded: excluded.id, out };
}

/** Every figure of every table of a scope. */
const everyRow = (o: Awaited<ReturnType<typeof publicCaller.observatory.get>>) => Object.values(o.tables).flat();

describe("the public observatory", () => {
  it("publishes perturbed figures of consenting workspaces only, with small cells hidden, in every table", async () => {
    const { ids } = await corsica();
    const result = await refreshObservatory(db);
    expect(result.skipped).toBeFalsy();
    const region = await publicCaller.observatory.get({ scope: "region", code: REGION });
    expect(region.refreshedAt).toBeInstanceOf(Date);
    // The seven counted alliances, not the opted-out one: exactly what the cell key method publishes for them.
    const seven = Object.values(ids);
    expect(region.total).toMatchObject(await published(db, seven));
    // The région's only département holds the same seven (the opted-out workspace's alliance
    // is left out everywhere; the opt-out test below proves it without relying on the noise).
    expect(region.tables.departement![0]).toMatchObject(await published(db, seven));
    const mode = (key: string) => region.tables.mode!.find((r) => r.key === key);
    expect(mode("mecenat")).toMatchObject(await published(db, [ids.m1, ids.m2, ids.m3]));
    expect(mode("cooperation_economique")).toMatchObject(await published(db, [ids.c1, ids.c2, ids.c3]));
    // One alliance in pratiques responsables: hidden, not 1.
    expect(mode("pratiques_responsables")).toMatchObject({ alliances: null, organisations: null });
    // The trajectory: three moved from mécénat to coopération économique.
    expect(region.tables.trajectory!.find((r) => r.key === "mecenat>cooperation_economique")).toMatchObject(
      await published(db, [ids.c1, ids.c2, ids.c3]),
    );
    for (const row of everyRow(region))
      for (const value of [row.alliances, row.organisations])
        expect(value === null || value === 0 || value >= 3, JSON.stringify(row)).toBe(true);
    // Nothing finer than the département, and no name of an alliance or organisation anywhere.
    const text = JSON.stringify(region);
    expect(text).not.toContain("Mécénat 1");
    expect(text).not.toMatch(/Coopérative/);
    expect(region.tables.departement!.map((r) => r.key)).toEqual([DEP]);
  });

  it("gives the same set of alliances the same figure in every table, scope and download", async () => {
    const { ids } = await corsica();
    await refreshObservatory(db);
    const [france, region, goal] = await Promise.all([
      publicCaller.observatory.get({ scope: "france" }),
      publicCaller.observatory.get({ scope: "region", code: REGION }),
      publicCaller.observatory.get({ scope: "goal", code: "14" }),
    ]);
    const seven = await published(db, Object.values(ids));
    const pick = (r: { alliances: number | null; organisations: number | null } | undefined) => ({
      alliances: r?.alliances,
      organisations: r?.organisations,
    });
    // The région's total, its row among France's régions, its only département, its row among SDG 14's régions.
    expect(pick(region.total!)).toEqual(seven);
    expect(pick(france.tables.region!.find((r) => r.key === REGION))).toEqual(seven);
    expect(pick(france.tables.departement!.find((r) => r.key === DEP))).toEqual(seven);
    expect(pick(region.tables.departement!.find((r) => r.key === DEP))).toEqual(seven);
    expect(pick(goal.tables.region!.find((r) => r.key === REGION))).toEqual(seven);
    expect(pick(region.tables.goal!.find((r) => r.key === "14"))).toEqual(seven);
    // A goal's page lists its own targets only.
    expect(goal.tables.target!.every((r) => r.key.startsWith("14."))).toBe(true);
    // Every table of every scope, as the open data gives it, holds the page's figures.
    for (const scope of [
      { scope: "france" as const, page: france },
      { scope: "region" as const, code: REGION, page: region },
      { scope: "goal" as const, code: "14", page: goal },
    ]) {
      for (const table of OBSERVATORY_TABLE_NAMES.filter((t) =>
        (OBSERVATORY_TABLES[t].scopes as readonly string[]).includes(scope.scope),
      )) {
        const file = await publicCaller.observatory.table({ table, scope: scope.scope, code: scope.code });
        const rows = scope.page.tables[table] ?? [];
        expect(file.rows.map((r) => r.key)).toEqual(rows.map((r) => r.key));
        for (const column of OBSERVATORY_TABLES[table].columns)
          expect(
            file.rows.map((r) => r[column]),
            `${scope.scope} ${table} ${column}`,
          ).toEqual(rows.map((r) => r[column]));
      }
    }
    // The CSV: the licence line, the header, then the rows (hidden figures as empty cells).
    const modes = await publicCaller.observatory.table({ table: "mode", scope: "region", code: REGION });
    const csv = observatoryCsv(modes).split("\n");
    expect(csv[0]).toMatch(
      /^# Maillage, observatoire des alliances .*Licence Ouverte \/ Open Licence version 2\.0 \(Etalab\)/,
    );
    expect(csv[1]).toBe("key,alliances,organisations");
    expect(csv).toContain("pratiques_responsables,,");
    expect(observatoryJson(modes, "https://x/observatoire/donnees")).toMatchObject({
      licence: { name: "Licence Ouverte / Open Licence version 2.0" },
      columns: ["key", "alliances", "organisations"],
    });
    const regions = await publicCaller.observatory.table({ table: "region" });
    expect(regions.columns).toEqual(["key", "name", "alliances", "organisations"]);
    expect(regions.rows.find((r) => r.key === REGION)?.name).toBe("Corse");
  });

  it("publishes the same figures whether the alliances are read in one batch or a few at a time", async () => {
    const { ids, owner, w } = await corsica();
    // Four of them evaluated, so the batches also carry scores (each closes at once: one party answers).
    for (const [i, id] of [ids.m1, ids.m2, ids.c1, ids.c2].entries()) {
      const { id: cycleId } = await owner.evaluation.openCycle({
        workspaceSlug: w.workspace.slug,
        allianceId: id,
        period: "2026",
        dueOn: inDays(10),
      });
      await owner.evaluation.submitAnswers({
        workspaceSlug: w.workspace.slug,
        cycleId,
        answers: DEFAULT_QUESTIONS.map((q) => ({ questionKey: q.key, score: 2 + (i % 3), justification: "ok" })),
      });
    }
    const figures = async () =>
      sqlRows<{ scope: string; code: string; section: string }>(
        db.execute(sql`select scope, code, section, key, alliances, organisations, cents::text, hours::text, score::text
          from observatory_figures order by scope, code, section, key`),
      );
    const whole = await refreshObservatory(db);
    const once = await figures();
    // Batches of two: every alliance after the first two is read past a batch boundary.
    const small = await refreshObservatory(db, { batch: 2 });
    expect(small.alliances).toBe(whole.alliances);
    expect(small.alliances).toBeGreaterThanOrEqual(7);
    expect(await figures()).toEqual(once);
    expect(once.some((f) => f.section === "score" && f.scope === "region" && f.code === REGION)).toBe(true);
  });

  it("leaves a workspace's alliances out from the refresh after it opts out", async () => {
    const { ids, w } = await corsica();
    await refreshObservatory(db);
    expect((await publicCaller.observatory.get({ scope: "region", code: REGION })).total).toMatchObject(
      await published(db, Object.values(ids)),
    );
    await db.update(workspaces).set({ territorialStatistics: false }).where(eq(workspaces.id, w.workspace.id));
    await refreshObservatory(db);
    const after = await publicCaller.observatory.get({ scope: "region", code: REGION });
    expect(after.total).toBeNull();
    expect(everyRow(after).filter((r) => r.alliances)).toEqual([]);
  });

  it("refuses unknown scopes and tables with a message a person reads", async () => {
    const badRegion = await rejection(publicCaller.observatory.get({ scope: "region", code: "xx" }));
    expect(badRegion.code).toBe("BAD_REQUEST");
    expect((await rejection(publicCaller.observatory.get({ scope: "region", code: "99" }))).code).toBe("NOT_FOUND");
    expect((await rejection(publicCaller.observatory.get({ scope: "goal", code: "18" }))).code).toBe("BAD_REQUEST");
    const wrong = await rejection(publicCaller.observatory.table({ table: "departement", scope: "goal", code: "4" }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(describeError(wrong, "fr", "r").message).toBe("Ce tableau n'existe pas pour cette portée.");
    expect(describeError(wrong, "en", "r").message).toBe("This table does not exist for this scope.");
    expect(describeError(badRegion, "fr", "r").fieldErrors?.code).toBe(
      "Indiquez le code INSEE d'une région (deux ou trois chiffres).",
    );
    expect((await rejection(publicCaller.observatory.table({ table: "nope" } as never))).code).toBe("BAD_REQUEST");
  });

  it("lets the public role read the published figures and nothing behind them", async () => {
    await withPublicScope(db, async (tx) => {
      await tx.execute(sql`select count(*) from observatory_figures`);
    });
    // Alliances are readable only where published (row-level security); these not at all.
    for (const table of ["territory_statistics", "record_keys", "evaluation_answers", "alliance_contributions"]) {
      await expect(
        withPublicScope(db, (tx) => tx.execute(sql`select count(*) from ${sql.identifier(table)}`)),
        table,
      ).rejects.toThrow();
    }
  });
});

describe("observatory figures cannot be differenced", () => {
  it("does not give a hidden cell back as the total minus the cells shown, refresh after refresh", async () => {
    const { ids } = await corsica();
    const estimates: number[] = [];
    for (let draw = 0; draw < 30; draw++) {
      // Each refresh is another date: the attacker reads the same tables again.
      await redrawRecordKeys(db, Object.values(ids));
      await refreshObservatory(db);
      const region = await publicCaller.observatory.get({ scope: "region", code: REGION });
      const shown = region.tables.mode!.filter((m) => m.alliances !== null);
      expect(region.tables.mode!.find((m) => m.key === "pratiques_responsables")?.alliances).toBeNull();
      estimates.push(region.total!.alliances! - shown.reduce((sum, m) => sum + m.alliances!, 0));
    }
    const right = estimates.filter((e) => e === 1).length;
    expect(right, `estimates ${estimates.join(",")}`).toBeLessThan(18);
    expect(new Set(estimates).size, `estimates ${estimates.join(",")}`).toBeGreaterThanOrEqual(3);
  });

  it("does not give one new contribution back as the difference between two dates", async () => {
    const { ids, owner, w } = await corsica();
    const partyOf = async (allianceId: string) =>
      (await owner.alliances.get({ workspaceSlug: w.workspace.slug, id: allianceId })).parties.find((p) => p.isMine)!
        .id;
    for (const id of Object.values(ids))
      await owner.alliances.addContribution({
        workspaceSlug: w.workspace.slug,
        allianceId: id,
        partyId: await partyOf(id),
        kind: "argent",
        quantity: 4_000,
        occurredOn: "2024-03-01",
      });
    const c2Party = await partyOf(ids.c2);
    const money = async () => {
      await refreshObservatory(db);
      const region = await publicCaller.observatory.get({ scope: "region", code: REGION });
      return region.tables.nature!.find((r) => r.key === "argent")!.cents!;
    };
    const differences: number[] = [];
    for (let draw = 0; draw < 10; draw++) {
      const before = await money();
      await owner.alliances.addContribution({
        workspaceSlug: w.workspace.slug,
        allianceId: ids.c2,
        partyId: c2Party,
        kind: "argent",
        quantity: 777,
        occurredOn: "2024-03-02",
      });
      differences.push((await money()) - before);
    }
    expect(
      differences.filter((d) => d === 77_700),
      `differences ${differences.join(",")}`,
    ).toEqual([]);
    expect(new Set(differences).size, `differences ${differences.join(",")}`).toBeGreaterThanOrEqual(2);
  });
});
