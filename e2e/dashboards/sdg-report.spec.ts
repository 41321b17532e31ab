import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { uniq } from "../../tests/factories";
import { pdfText } from "../../tests/helpers/pdf";
import { expect, expectAccessible, test } from "../fixtures/test";

test("the CSR team reads its SDG report, writes a narrative and downloads it as CSV, XLSX and PDF", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const userA = await signInAs(context);
  const userB = await signInAs(await browser.newContext());
  const slugA = await workspaceOwnedBy(userA, `Entreprise RSE ${uniq("a")}`);
  const nameB = `Association Partenaire ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const title = `Alliance ODD ${uniq("t")}`;
  await coOwnedAlliance({ user: userA, slug: slugA }, { user: userB, slug: slugB, name: nameB }, title);
  const page = await context.newPage();

  await page.goto(`/w/${slugA}`);
  await page.getByRole("link", { name: "Rapport ODD" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rapport de contribution aux ODD" })).toBeVisible();
  const goal = page.getByTestId("report-goal-2");
  await expect(goal).toContainText(title);
  await expect(goal).toContainText(nameB);
  await goal
    .getByLabel("Récit pour l'objectif 2")
    .fill("Nos équipes soutiennent une agriculture durable près de chez nous.");
  await goal.getByRole("button", { name: "Enregistrer le récit" }).click();
  await expect(goal.getByText("Récit enregistré.")).toBeVisible();
  await expectAccessible(page);
  // The allocation rule and the workspace's total are stated with the figures; the primary target's weight is a setting of the report.
  await expect(page.getByTestId("allocation-rule")).toContainText("à parts égales");
  await page.getByLabel("Poids de la cible principale").selectOption("2");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/primaryWeight=2/);
  await expect(page.getByTestId("allocation-rule")).toContainText("la cible principale comptant 2 fois une autre");
  await expect(page.getByRole("link", { name: "CSV" })).toHaveAttribute("href", /primaryWeight=2/);

  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    await expect(page.getByRole("status").filter({ hasText: "Fichier prêt" }).first()).toBeVisible();
    return { name: file.suggestedFilename(), body: await readFile((await file.path())!) };
  };
  const csv = await download("CSV");
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.body.toString("utf8")).toContain(`2;2.4;${title};${nameB};`);
  expect(csv.body.toString("utf8")).toContain("Règle de répartition;");

  const xlsx = await download("XLSX (une feuille par section)");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as never);
  expect(book.getWorksheet("Cibles et alliances")!.getRow(2).getCell(3).value).toBe(title);
  expect(book.getWorksheet("Récits")!.getRow(2).getCell(2).value).toBe(
    "Nos équipes soutiennent une agriculture durable près de chez nous.",
  );
  expect(book.getWorksheet("Objectifs")!.getRow(2).getCell(3).value).toBe(1);

  const pdf = await download("PDF (document imprimable)");
  expect(pdf.name).toMatch(/\.pdf$/);
  expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf.body);
  expect(text).toContain(title);
  expect(text).toContain("Nos équipes soutiennent une agriculture durable près de chez nous.");
  await context.close();
});
