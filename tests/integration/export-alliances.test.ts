import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { alliancesCsv, alliancesXlsx } from "../../server/files/alliances-export";
import { tableCsv, tableXlsx } from "../../server/files/export-table";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();

describe("exporting the alliance list", () => {
  it("holds every alliance the filters keep, on all pages, with names and codes a person and the import can read", async () => {
    const f = await createWorkspaceWithRoles(db);
    const viewer = callerFor(db, f.users.viewer);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({
        title: "Épicerie solidaire",
        partners: [
          { organisation: { name: "Supermarché Durand", kind: "entreprise", siren: "552100554" }, role: "financeur" },
        ],
        sdgTargets: [
          { target: "2.1", isPrimary: true },
          { target: "12.3", isPrimary: false },
        ],
      }),
    });
    await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Jardin partagé; « le Potager »" }) });
    await owner.alliances.create({
      workspaceSlug: ws,
      ...allianceInput({ title: "Achats responsables", sdgTargets: [{ target: "12.7", isPrimary: true }] }),
    });

    const rows = await viewer.alliances.exportRows({ workspaceSlug: ws, sdgGoal: 2 });
    expect(rows.map((r) => r.title).sort()).toEqual(["Jardin partagé; « le Potager »", "Épicerie solidaire"].sort());

    const csv = alliancesCsv(rows, "fr");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Référence;Titre;Résumé;Résultats clés;Étape;Début;Fin;Mode actuel;Trajectoire des modes;Partenaires;Cibles ODD;Échelle du territoire;Territoire;Portes d'entrée;Étiquettes",
    );
    const epicerie = lines.find((l) => l.includes("Épicerie solidaire"))!;
    expect(epicerie).toContain("Pilotage [pilotage]");
    expect(epicerie).toContain("Mécénat [mecenat]");
    expect(epicerie).toContain("Supermarché Durand [SIREN 552100554]");
    expect(epicerie).toContain("2.1* ; 12.3");
    expect(epicerie).toContain("Lyon [69123]");
    // A semicolon in a value is quoted, so columns stay in place.
    expect(lines.find((l) => l.includes("Potager"))).toContain('"Jardin partagé; « le Potager »"');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await alliancesXlsx(rows, "en")) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe("Title");
    expect(sheet.rowCount).toBe(3);

    // The ledger of the same alliances, and the organisation directory, likewise.
    const epicerieId = rows.find((r) => r.title === "Épicerie solidaire")!.id;
    const mine = (await owner.alliances.get({ workspaceSlug: ws, id: epicerieId })).parties.find((p) => p.isMine)!.id;
    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: epicerieId,
      partyId: mine,
      kind: "argent",
      quantity: 1500,
      valueEuros: 1500,
      occurredOn: "2025-05-01",
      note: "Subvention; solde",
    });
    const ledger = await viewer.alliances.exportLedger({ workspaceSlug: ws, sdgGoal: 2 });
    expect(ledger.rows).toEqual([
      [
        epicerieId,
        "Épicerie solidaire",
        expect.any(String),
        "Apport financier [argent]",
        1500,
        "eur",
        1500,
        "2025-05-01",
        "Subvention; solde",
      ],
    ]);
    expect(tableCsv(ledger, "fr")).toContain('"Subvention; solde"');
    expect((await viewer.alliances.exportLedger({ workspaceSlug: ws, sdgGoal: 9 })).rows).toEqual([]);
    const directory = await viewer.organisations.exportDirectory({ workspaceSlug: ws });
    expect(directory.rows.find((r) => r[1] === "Supermarché Durand")).toEqual([
      expect.any(String),
      "Supermarché Durand",
      "Entreprise [entreprise]",
      "552100554",
      null,
      null,
      null,
      null,
      "",
      1,
    ]);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load((await tableXlsx(directory, "fr", "Organisations")) as never);
    expect(book2.worksheets[0]!.getRow(1).getCell(2).value).toBe("Nom");

    // The list's other filters apply too, and a stranger gets nothing.
    expect(await viewer.alliances.exportRows({ workspaceSlug: ws, q: "achats" })).toHaveLength(1);
    const stranger = await createWorkspaceWithRoles(db);
    expect(
      await rejection(callerFor(db, stranger.users.owner).alliances.exportRows({ workspaceSlug: ws })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await callerFor(db, stranger.users.owner).alliances.exportRows({ workspaceSlug: stranger.workspace.slug }),
    ).toEqual([]);
    expect(
      (await callerFor(db, stranger.users.owner).alliances.exportLedger({ workspaceSlug: stranger.workspace.slug }))
        .rows,
    ).toEqual([]);
    expect(
      (
        await callerFor(db, stranger.users.owner).organisations.exportDirectory({
          workspaceSlug: stranger.workspace.slug,
        })
      ).rows.map((r) => r[1]),
    ).not.toContain("Supermarché Durand");
  });
});
