import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reportCsv, reportXlsx } from "../../server/files/sdg-report-export";
import { reportPdf } from "../../server/files/sdg-report-pdf";
import { DEFAULT_QUESTIONS } from "../../domain/evaluation";
import { ROWS_PER_GOAL } from "../../server/services/dashboards/sdg-report";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { pdfText } from "../helpers/pdf";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();
const year = new Date().getUTCFullYear();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A co-owns with B an alliance on 2.4 and 17.17; each records contributions; A claims 60 % of 2.4. */
async function fixture() {
  const a = await createWorkspaceWithRoles(db);
  const b = await createWorkspaceWithRoles(db);
  const orgB = await giveOrganisation(db, b.workspace.id, "Coopérative Bleue");
  const ownerA = callerFor(db, a.users.owner);
  const sa = a.workspace.slug;
  const { id } = await ownerA.alliances.create({
    workspaceSlug: sa,
    ...allianceInput({
      title: "Jardins solidaires",
      partners: [{ organisationId: orgB, role: "partenaire" }],
      startsOn: `${year - 1}-01-01`,
    }),
  });
  const parties = (await ownerA.alliances.get({ workspaceSlug: sa, id })).parties;
  const partyB = parties.find((p) => p.organisationId === orgB)!;
  await ownerA.alliances.inviteCoOwner({ workspaceSlug: sa, allianceId: id, partyId: partyB.id });
  const ownerB = callerFor(db, b.users.owner);
  await ownerB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });
  const mine = parties.find((p) => p.isMine)!.id;
  await ownerA.alliances.addContribution({
    workspaceSlug: sa,
    allianceId: id,
    partyId: mine,
    kind: "argent",
    quantity: 2500,
    valueEuros: 2500,
    occurredOn: `${year}-03-01`,
  });
  await ownerA.alliances.addContribution({
    workspaceSlug: sa,
    allianceId: id,
    partyId: mine,
    kind: "heures_benevolat",
    quantity: 12,
    occurredOn: `${year}-04-01`,
  });
  await ownerA.alliances.addContribution({
    workspaceSlug: sa,
    allianceId: id,
    partyId: mine,
    kind: "argent",
    quantity: 999,
    valueEuros: 999,
    occurredOn: `${year - 1}-03-01`,
  });
  await ownerB.alliances.addContribution({
    workspaceSlug: b.workspace.slug,
    allianceId: id,
    partyId: partyB.id,
    kind: "argent",
    quantity: 7000,
    valueEuros: 7000,
    occurredOn: `${year}-05-01`,
  });
  await ownerA.alliances.saveSdgClaims({
    workspaceSlug: sa,
    allianceId: id,
    claims: [{ target: "2.4", sharePercent: 60 }],
  });
  const indicator = await ownerA.evaluation.addIndicator({
    workspaceSlug: sa,
    allianceId: id,
    name: "Familles",
    unit: "familles",
    dimension: "innovation",
    sdgTarget: "2.4",
    direction: "higher",
    frequency: "yearly",
  });
  await ownerA.evaluation.addResult({
    workspaceSlug: sa,
    allianceId: id,
    indicatorId: indicator.id,
    period: String(year),
    periodEnd: `${year}-12-31`,
    value: 42,
  });
  const { id: cycleId } = await ownerA.evaluation.openCycle({
    workspaceSlug: sa,
    allianceId: id,
    period: String(year),
    dueOn: inDays(5),
  });
  for (const [who, slug, score] of [
    [ownerA, sa, 4],
    [ownerB, b.workspace.slug, 2],
  ] as const) {
    await who.evaluation.submitAnswers({
      workspaceSlug: slug,
      cycleId,
      answers: DEFAULT_QUESTIONS.map((q) => ({ questionKey: q.key, score, justification: "vu" })),
    });
  }
  return { a, b, ownerA, ownerB, sa, id };
}

describe("the SDG contribution report", () => {
  it("divides the workspace's own contributions of the year among each alliance's targets, so the goals add up to its total", async () => {
    const { ownerA, ownerB, b, sa, id } = await fixture();
    const report = await ownerA.dashboards.sdgReport({ workspaceSlug: sa, year });
    expect(report.goals.map((g) => g.goal)).toEqual([2, 17]);
    const [two, seventeen] = report.goals;
    // A gave 2 500 € and 12 h this year and claims 60 % of 2.4: 1 500 € and 7,2 h under SDG 2, the
    // other 40 % (1 000 €, 4,8 h) under SDG 17, the only other target. Not 2 500 € twice.
    expect(two).toMatchObject({
      goal: 2,
      alliances: 1,
      ownCents: 150_000,
      ownHours: 7.2,
      averages: { performance: 3, confiance: 3 },
    });
    expect(seventeen).toMatchObject({ goal: 17, ownCents: 100_000, ownHours: 4.8 });
    expect(report.totals).toEqual({
      cents: 250_000,
      hours: 12,
      unallocatedCents: 0,
      unallocatedHours: 0,
      alliances: 1,
    });
    expect(two!.ownCents + seventeen!.ownCents).toBe(report.totals.cents);
    expect(report.primaryWeight).toBe(1);
    const row = two!.targets[0]!.alliances[0]!;
    expect(row).toMatchObject({
      id,
      title: "Jardins solidaires",
      partners: "Coopérative Bleue",
      sharePercent: 60,
      allocated: 0.6,
      ownCents: 150_000,
      ownHours: 7.2,
    });
    expect(row.indicators).toEqual([
      { name: "Familles", unit: "familles", results: [{ period: String(year), value: 42 }] },
    ]);
    expect(seventeen!.targets[0]!.alliances[0]!).toMatchObject({ sharePercent: null, allocated: 0.4 });
    // Last year: only last year's own contribution, 999 € divided the same way (599,40 € + 399,60 €).
    const last = await ownerA.dashboards.sdgReport({ workspaceSlug: sa, year: year - 1 });
    expect(last.goals.map((g) => [g.goal, g.ownCents, g.ownHours])).toEqual([
      [2, 59_940, 0],
      [17, 39_960, 0],
    ]);

    // B claims nothing: its 7 000 € are split equally, or 3 to 1 for the primary target (2.4) when it weighs 3.
    const equal = await ownerB.dashboards.sdgReport({ workspaceSlug: b.workspace.slug, year });
    expect(equal.goals.map((g) => [g.goal, g.ownCents])).toEqual([
      [2, 350_000],
      [17, 350_000],
    ]);
    const weighted = await ownerB.dashboards.sdgReport({ workspaceSlug: b.workspace.slug, year, primaryWeight: 3 });
    expect(weighted.primaryWeight).toBe(3);
    expect(weighted.goals.map((g) => [g.goal, g.ownCents])).toEqual([
      [2, 525_000],
      [17, 175_000],
    ]);
    expect(
      (await rejection(ownerB.dashboards.sdgReport({ workspaceSlug: b.workspace.slug, year, primaryWeight: 7 }))).code,
    ).toBe("BAD_REQUEST");
  });

  it("counts contributions to an alliance without SDG target in the workspace's total, apart", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    const { id } = await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({ title: "Sans ODD", sdgTargets: [], startsOn: `${year - 1}-01-01` }),
    });
    const mine = (await owner.alliances.get({ workspaceSlug: ws, id })).parties.find((p) => p.isMine)!.id;
    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: id,
      partyId: mine,
      kind: "argent",
      quantity: 300,
      valueEuros: 300,
      occurredOn: `${year}-02-01`,
    });
    const report = await owner.dashboards.sdgReport({ workspaceSlug: ws, year });
    expect(report.goals).toEqual([]);
    expect(report.totals).toEqual({
      cents: 30_000,
      hours: 0,
      unallocatedCents: 30_000,
      unallocatedHours: 0,
      alliances: 1,
    });
  });

  it("keeps each workspace's narrative to itself and refuses a stale edit", async () => {
    const { ownerA, ownerB, sa, b } = await fixture();
    await ownerA.dashboards.saveNarrative({
      workspaceSlug: sa,
      year,
      goal: 2,
      text: "Nos potagers nourrissent le quartier.",
      version: 0,
    });
    expect(
      (
        await rejection(
          ownerA.dashboards.saveNarrative({ workspaceSlug: sa, year, goal: 2, text: "Écrasé", version: 0 }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect((await ownerA.dashboards.sdgReport({ workspaceSlug: sa, year })).goals[0]).toMatchObject({
      narrative: "Nos potagers nourrissent le quartier.",
      narrativeVersion: 1,
    });
    const seenByB = await ownerB.dashboards.sdgReport({ workspaceSlug: b.workspace.slug, year });
    expect(seenByB.goals[0]).toMatchObject({ narrative: "", ownCents: 350_000 });
  });

  it("exports the same figures as CSV, XLSX (numbers as numbers) and PDF", async () => {
    const { ownerA, sa } = await fixture();
    const report = await ownerA.dashboards.sdgReport({ workspaceSlug: sa, year });
    const csv = reportCsv(report, "fr");
    expect(csv.startsWith("\uFEFFODD;Cible;Alliance;Partenaires;")).toBe(true);
    expect(csv).toContain("2;2.4;Jardins solidaires;Coopérative Bleue;60;60;1500;7.2");
    expect(csv).toContain("17;17.17;Jardins solidaires;Coopérative Bleue;;40;1000;4.8");
    // The euros column adds up to the total row, and the rule travels with the figures.
    expect(csv).toContain(";;Total de l'espace;;;;2500;12");
    expect(csv).toContain("Règle de répartition;\"Vos contributions propres de l'année");

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(report, "fr")) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "Objectifs",
      "Cibles et alliances",
      "Indicateurs",
      "Récits",
      "Méthode",
    ]);
    const goals = book.getWorksheet("Objectifs")!;
    expect(goals.getRow(2).getCell(1).value).toBe(2);
    expect(goals.getRow(2).getCell(4).value).toBe(1500);
    expect(goals.getRow(3).getCell(4).value).toBe(1000);
    expect([goals.getRow(4).getCell(2).value, goals.getRow(4).getCell(4).value]).toEqual(["Total de l'espace", 2500]);
    expect(String(book.getWorksheet("Méthode")!.getRow(2).getCell(1).value)).toContain("à parts égales");
    expect(typeof book.getWorksheet("Cibles et alliances")!.getRow(2).getCell(5).value).toBe("number");
    expect(book.getWorksheet("Indicateurs")!.getRow(2).getCell(5).value).toBe(42);

    const pdf = await reportPdf(report, "fr");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(2000);
    const text = pdfText(pdf);
    expect(text).toContain("Rapport de contribution aux ODD");
    expect(text).toContain("Jardins solidaires");
    expect(text).toContain("Coopérative Bleue");
    expect(text).toContain("60 %");
  });
});

describe("a large SDG report", () => {
  it("shows each goal's first rows by own contributions, with the count of all, one goal with every row, and every row for the exports", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) {
      const { id } = await owner.alliances.create({
        workspaceSlug: ws,
        ...allianceInput({
          title: `Potager ${String(i).padStart(2, "0")}`,
          sdgTargets: [{ target: "2.4", isPrimary: true }],
          startsOn: `${year - 1}-01-01`,
        }),
      });
      ids.push(id);
    }
    // Own contributions of the year on two of them: one in euros, one in hours only.
    const contribute = async (
      index: number,
      contribution: { kind: "argent" | "heures_benevolat"; quantity: number },
    ) => {
      const mine = (await owner.alliances.get({ workspaceSlug: ws, id: ids[index]! })).parties.find((p) => p.isMine)!;
      await owner.alliances.addContribution({
        workspaceSlug: ws,
        allianceId: ids[index]!,
        partyId: mine.id,
        ...contribution,
        ...(contribution.kind === "argent" ? { valueEuros: contribution.quantity } : {}),
        occurredOn: `${year}-03-01`,
      });
    };
    await contribute(26, { kind: "argent", quantity: 500 });
    await contribute(20, { kind: "heures_benevolat", quantity: 8 });
    await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({
        title: "Recyclage",
        sdgTargets: [{ target: "12.5", isPrimary: true }],
        startsOn: `${year - 1}-01-01`,
      }),
    });
    const titles = (g: { targets: Array<{ alliances: Array<{ title: string }> }> }) =>
      g.targets.flatMap((t) => t.alliances.map((a) => a.title));
    const potagers = Array.from({ length: 27 }, (_, i) => `Potager ${String(i).padStart(2, "0")}`);

    const overview = await owner.dashboards.sdgReport({ workspaceSlug: ws, year });
    expect(overview.goals.map((g) => [g.goal, g.alliances, g.rows])).toEqual([
      [2, 27, 27],
      [12, 1, 1],
    ]);
    // The overview keeps ROWS_PER_GOAL (3) rows: euros first, then hours, then the first others in
    // the report's order; shown in that order.
    expect(ROWS_PER_GOAL).toBe(3);
    expect(titles(overview.goals[0]!)).toEqual([potagers[0], potagers[20], potagers[26]]);
    expect(titles(overview.goals[1]!)).toEqual(["Recyclage"]);

    const one = await owner.dashboards.sdgReport({ workspaceSlug: ws, year, goal: 2 });
    expect(one.goal).toBe(2);
    expect(one.goals.map((g) => g.goal)).toEqual([2]);
    expect(titles(one.goals[0]!)).toEqual(potagers);

    const full = await owner.dashboards.sdgReport({ workspaceSlug: ws, year, full: true });
    expect(full.goals.map((g) => titles(g).length)).toEqual([27, 1]);
    // Read from the store the second time, the same.
    expect(await owner.dashboards.sdgReport({ workspaceSlug: ws, year })).toEqual(overview);
  });
});
