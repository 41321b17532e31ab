import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS } from "../../domain/evaluation";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();
const thisYear = new Date().getUTCFullYear();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A workspace with three alliances whose figures are known by hand (one archived, so left out). */
async function portfolio() {
  const f = await createWorkspaceWithRoles(db);
  const owner = callerFor(db, f.users.owner);
  const ws = f.workspace.slug;
  const x = await owner.alliances.create({
    workspaceSlug: ws,
    ...allianceInput({
      title: "Potagers",
      stage: "pilotage",
      modes: [
        { mode: "mecenat", mecenatForms: ["competences"], startsOn: "2023-03-01", endsOn: "2024-12-31" },
        { mode: "cooperation_economique", mecenatForms: [], startsOn: "2025-01-01" },
      ],
      sdgTargets: [
        { target: "2.4", isPrimary: true },
        { target: "17.17", isPrimary: false },
      ],
      territory: { scope: "commune", codes: ["69123"] },
    }),
  });
  const y = await owner.alliances.create({
    workspaceSlug: ws,
    ...allianceInput({
      title: "Achats responsables",
      stage: "evaluation",
      endsOn: inDays(30),
      modes: [{ mode: "pratiques_responsables", mecenatForms: [], startsOn: "2023-03-01" }],
      sdgTargets: [{ target: "12.5", isPrimary: true }],
      territory: { scope: "commune", codes: ["75056"] },
    }),
  });
  const z = await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Ancienne" }) });
  await owner.alliances.archive({ workspaceSlug: ws, id: z.id });

  const partyOf = async (id: string) =>
    (await owner.alliances.get({ workspaceSlug: ws, id })).parties.find((p) => p.isMine)!.id;
  const px = await partyOf(x.id);
  await owner.alliances.addContribution({
    workspaceSlug: ws,
    allianceId: x.id,
    partyId: px,
    kind: "argent",
    quantity: 1000,
    valueEuros: 1000,
    occurredOn: `${thisYear}-01-15`,
  });
  await owner.alliances.addContribution({
    workspaceSlug: ws,
    allianceId: x.id,
    partyId: px,
    kind: "argent",
    quantity: 500,
    valueEuros: 500,
    occurredOn: `${thisYear - 1}-06-01`,
  });
  await owner.alliances.addContribution({
    workspaceSlug: ws,
    allianceId: x.id,
    partyId: px,
    kind: "heures_benevolat",
    quantity: 10,
    occurredOn: `${thisYear}-02-01`,
  });

  // X is evaluated now (one party: it closes at once), every score 4.
  const { id: cycleId } = await owner.evaluation.openCycle({
    workspaceSlug: ws,
    allianceId: x.id,
    period: String(thisYear),
    dueOn: inDays(10),
  });
  await owner.evaluation.submitAnswers({
    workspaceSlug: ws,
    cycleId,
    answers: DEFAULT_QUESTIONS.map((q) => ({ questionKey: q.key, score: 4, justification: "ok" })),
  });
  return { f, owner, ws, x: x.id, y: y.id };
}

describe("the workspace dashboard", () => {
  it("counts a brand-new alliance as not due for evaluation, on the dashboard and in the list alike", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    const fresh = await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({
        title: "Toute neuve",
        modes: [{ mode: "mecenat", mecenatForms: ["financier"], startsOn: inDays(-20) }],
      }),
    });
    const old = await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({
        title: "Ancienne jamais évaluée",
        modes: [{ mode: "mecenat", mecenatForms: ["financier"], startsOn: "2025-01-01" }],
      }),
    });
    await db.execute(sql`update alliances set starts_on = ${inDays(-20)} where id = ${fresh.id}`);
    await db.execute(sql`update alliances set starts_on = ${inDays(-400)} where id = ${old.id}`);
    const d = await owner.dashboards.workspace({ workspaceSlug: ws });
    expect(d.lights).toEqual([
      { light: "green", count: 0 },
      { light: "new", count: 1 },
      { light: "amber", count: 1 },
      { light: "red", count: 0 },
    ]);
    const list = await owner.alliances.list({ workspaceSlug: ws });
    expect(Object.fromEntries(list.items.map((a) => [a.title, a.evaluation]))).toEqual({
      "Toute neuve": "new",
      "Ancienne jamais évaluée": "amber",
    });
  });

  it("computes every figure in SQL over the filtered live alliances", async () => {
    const { owner, ws, x, y } = await portfolio();
    const d = await owner.dashboards.workspace({ workspaceSlug: ws });
    expect(d.key).toEqual({
      alliances: 2,
      active: 2,
      partners: 2,
      thisYear: { year: thisYear, cents: 100_000, hours: 10 },
      lastYear: { year: thisYear - 1, cents: 50_000, hours: 0 },
    });
    expect(d.byStage.filter((s) => s.count > 0)).toEqual([
      { key: "pilotage", count: 1 },
      { key: "evaluation", count: 1 },
    ]);
    expect(d.byMode.filter((m) => m.count > 0)).toEqual([
      { key: "pratiques_responsables", count: 1 },
      { key: "cooperation_economique", count: 1 },
    ]);
    expect(d.byGoal).toEqual([
      { goal: 2, count: 1 },
      { goal: 12, count: 1 },
      { goal: 17, count: 1 },
    ]);
    expect(d.scores.find((s) => s.dimension === "performance")).toEqual({
      dimension: "performance",
      average: 4,
      cycles: 1,
    });
    expect(d.lights).toEqual([
      { light: "green", count: 1 },
      { light: "new", count: 0 },
      { light: "amber", count: 0 },
      { light: "red", count: 1 },
    ]);
    expect(d.ending.map((e) => e.id)).toEqual([y]);
    expect(d.trajectory).toEqual([{ year: 2025, from: "mecenat", to: "cooperation_economique", count: 1 }]);
    expect(d.atRisk.map((a) => a.id)).not.toContain(x);
    expect(d.atRiskTotal).toBe(d.atRisk.length);

    const lyon = await owner.dashboards.workspace({ workspaceSlug: ws, region: "84" });
    expect(lyon.key.alliances).toBe(1);
    expect(lyon.byGoal.map((g) => g.goal)).toEqual([2, 17]);
    const responsible = await owner.dashboards.workspace({ workspaceSlug: ws, mode: "pratiques_responsables" });
    expect(responsible.key).toMatchObject({ alliances: 1, partners: 1, thisYear: { cents: 0 } });
    const old = await owner.dashboards.workspace({ workspaceSlug: ws, year: 2010 });
    expect(old.key.alliances).toBe(0);
  });

  it("counts nothing of another workspace's alliances", async () => {
    await portfolio();
    const other = await createWorkspaceWithRoles(db);
    const d = await callerFor(db, other.users.owner).dashboards.workspace({ workspaceSlug: other.workspace.slug });
    expect(d.key).toMatchObject({ alliances: 0, partners: 0, thisYear: { cents: 0 } });
    expect(d.byGoal).toEqual([]);
  });

  it("lists the first 20 alliances at risk by title and counts them all", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) {
      ids.push(
        (
          await owner.alliances.create({
            workspaceSlug: f.workspace.slug,
            ...allianceInput({ title: `Alliance ${String(i).padStart(2, "0")}` }),
          })
        ).id,
      );
    }
    // Nothing shared for 8 months: every one is inactive.
    await db.execute(
      sql`update alliance_changes set created_at = now() - interval '8 months' where alliance_id in ${ids}`,
    );
    await db.execute(sql`update alliances set updated_at = now() - interval '8 months' where id in ${ids}`);
    const d = await owner.dashboards.workspace({ workspaceSlug: f.workspace.slug });
    expect(d.atRiskTotal).toBe(22);
    expect(d.atRisk.map((a) => a.title)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Alliance ${String(i).padStart(2, "0")}`),
    );
    expect(d.atRisk.every((a) => a.reasons.includes("inactive"))).toBe(true);
    // The full list, page by page, in the same order.
    const first = await owner.evaluation.atRisk({ workspaceSlug: f.workspace.slug, pageSize: 20 });
    const second = await owner.evaluation.atRisk({ workspaceSlug: f.workspace.slug, page: 2, pageSize: 20 });
    expect([first.total, second.total]).toEqual([22, 22]);
    expect(first.items.map((a) => a.title)).toEqual(d.atRisk.map((a) => a.title));
    expect(second.items.map((a) => a.title)).toEqual(["Alliance 20", "Alliance 21"]);
  });
});
