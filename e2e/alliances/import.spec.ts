import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

const HEADERS = ["Référence", "Titre", "Partenaires", "Mode actuel", "Cibles ODD", "Territoire", "Début", "Étape"];
const COMMUNES = ["Lyon [69123]", "Villeurbanne (69)", "Valence 26000", "Marseille [13055]", "Drôme"];

/** 200 alliances as a spreadsheet would hold them; `bad` lines carry one mistake each. */
async function workbook(tag: string, bad: boolean): Promise<{ buffer: Buffer; rows: string[][] }> {
  const rows: string[][] = [];
  for (let i = 1; i <= 200; i++) {
    rows.push([
      `${tag}-${i}`,
      `Alliance importée ${tag} n°${i}`,
      `Partenaire ${tag} ${i % 40}`,
      i % 2 ? "Mécénat" : "Coopération économique",
      i % 3 ? "17.17" : "2.1* ; 12.3",
      COMMUNES[i % 4]!,
      `${String((i % 28) + 1).padStart(2, "0")}/03/2024`,
      "Pilotage",
    ]);
  }
  if (bad) {
    rows[9]![6] = "31/02/2024"; // line 11: no such date
    rows[49]![3] = "Sponsoring"; // line 51: no such mode
    rows[149]![5] = "Saint-Denis"; // line 151: two communes bear the name
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Feuil1");
  sheet.addRow(HEADERS);
  rows.forEach((r) => sheet.addRow(r));
  return { buffer: Buffer.from(await book.xlsx.writeBuffer()), rows };
}

test("a 200-row XLSX with three bad rows: the dry run names them, the fixed file imports, and the export gives the same alliances back", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const user = await signInAs(context);
  const slug = await workspaceOwnedBy(user, `Association Import ${uniq("i")}`);
  const tag = uniq("IMP").replace(/[^A-Za-z0-9]/g, "");
  const page = await context.newPage();

  await page.goto(`/w/${slug}/alliances`);
  await page.getByRole("link", { name: "Importer un fichier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importer des alliances" })).toBeVisible();
  const [template] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger le modèle XLSX" }).click(),
  ]);
  expect(template.suggestedFilename()).toBe("modele-import-alliances.xlsx");

  const first = await workbook(tag, true);
  await page.getByLabel("Fichier CSV ou XLSX").setInputFiles({
    name: "alliances.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: first.buffer,
  });
  await page.getByRole("button", { name: "Lire le fichier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vérifier l'import" })).toBeVisible();
  await expect(page.getByText("Fichier « alliances.xlsx » : 200 lignes.")).toBeVisible();
  // The headers are recognised: each column already has its field.
  await expect(page.getByLabel("Champ pour la colonne « Début »")).toHaveValue("startsOn");
  await page.getByRole("button", { name: "Simuler l'import" }).click();
  const dryRun = page.getByTestId("dry-run");
  await expect(dryRun.getByTestId("dry-run-counts")).toContainText("197 alliances créées");
  await expect(dryRun.getByTestId("dry-run-counts")).toContainText("3 lignes à corriger");
  const errors = page.getByTestId("import-errors").locator("tbody tr");
  await expect(errors).toHaveCount(3);
  await expect(errors.nth(0)).toContainText("11");
  await expect(errors.nth(0)).toContainText("« 31/02/2024 » n'est pas une date lisible");
  await expect(errors.nth(1)).toContainText("Mode actuel");
  await expect(errors.nth(2)).toContainText("Saint-Denis");
  await expect(page.getByRole("button", { name: /^Importer/ })).toHaveCount(0);
  await expectAccessible(page);

  // The fixed file: no error, 200 alliances, imported in the background.
  const fixed = await workbook(tag, false);
  await page.goto(`/w/${slug}/alliances/import`);
  await page.getByLabel("Fichier CSV ou XLSX").setInputFiles({
    name: "alliances-corrige.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: fixed.buffer,
  });
  await page.getByRole("button", { name: "Lire le fichier" }).click();
  await page.getByRole("button", { name: "Simuler l'import" }).click();
  await expect(page.getByTestId("dry-run-counts")).toContainText("200 alliances créées");
  await expect(page.getByTestId("dry-run-counts")).toContainText("40 organisations ajoutées à l'annuaire");
  await page.getByRole("button", { name: "Importer 200 alliances" }).click();
  await expect(page.getByTestId("import-done")).toContainText("200 créées", { timeout: 60_000 });

  // Exported, the alliances are the file's, cell for cell on what the file gave.
  await page.getByRole("link", { name: "Voir les alliances" }).click();
  await expect(page.getByTestId("alliance-count")).toContainText("200");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "XLSX (toutes les pages)" }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await file.path())!)) as never);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  const exported = new Map<string, { partners: string; targets: string; start: string; mode: string }>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    exported.set(String(row.getCell(col("Titre")).value), {
      partners: String(row.getCell(col("Partenaires")).value),
      targets: String(row.getCell(col("Cibles ODD")).value),
      start: String(row.getCell(col("Début")).value),
      mode: String(row.getCell(col("Mode actuel")).value),
    });
  });
  expect(exported.size).toBe(200);
  for (const r of fixed.rows) {
    const e = exported.get(r[1]!);
    expect(e, r[1]).toBeDefined();
    expect(e!.partners).toBe(r[2]);
    // A single target is the primary one, which the export marks with "*".
    expect(e!.targets).toBe(r[4]!.includes(";") ? r[4] : `${r[4]}*`);
    expect(e!.start).toBe(`2024-03-${r[6]!.slice(0, 2)}`);
    expect(e!.mode).toContain(r[3]);
  }

  // The exported file imports back as it is: nothing to create or change.
  await page.goto(`/w/${slug}/alliances/import`);
  await page.getByLabel("Fichier CSV ou XLSX").setInputFiles({
    name: "export.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await readFile((await file.path())!),
  });
  await page.getByRole("button", { name: "Lire le fichier" }).click();
  await page.getByRole("button", { name: "Simuler l'import" }).click();
  await expect(page.getByTestId("dry-run-counts")).toContainText("200 alliances inchangées");
  await expect(page.getByTestId("dry-run-counts")).toContainText("Aucune alliance créée");
  await context.close();
});
