import { eq } from "drizzle-orm";
import { maturityAssessments, workspaces } from "../../db/schema";
import { MATURITY_VERSION } from "../../domain/maturity";
import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("an admin runs the SDG maturity self-assessment: answers, closes it, sees the radar, last year's and the tools that help", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  database,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const slug = await workspaceOwnedBy(user, `Association Maturité ${uniq("a")}`);
  const [workspace] = await database.db.select().from(workspaces).where(eq(workspaces.slug, slug));
  // Last year's result, closed.
  await database.db.insert(maturityAssessments).values({
    workspaceId: workspace!.id,
    workspaceKind: workspace!.kind,
    year: new Date().getFullYear() - 1,
    questionnaireVersion: MATURITY_VERSION,
    status: "closed",
    levels: { strategie: 1, gouvernance: 1, pratiques: 2, alliances: 2, mesure: 1 },
    closedAt: new Date(Date.now() - 300 * 24 * 3600 * 1000),
  });
  const page = await context.newPage();
  await page.goto(`/w/${slug}`);
  await page.getByRole("link", { name: "Maturité ODD" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maturité ODD" })).toBeVisible();
  await page.getByRole("button", { name: /Commencer l'autodiagnostic/ }).click();
  const form = page.getByRole("form", { name: "Vos réponses" });
  await expect(form).toBeVisible();
  for (const [axis, level] of [
    ["Stratégie et raison d'être", 3],
    ["Gouvernance", 2],
    ["Pratiques", 3],
    ["Alliances et co-construction", 4],
    ["Mesure et compte rendu", 1],
  ] as const) {
    await form
      .getByRole("group", { name: axis })
      .getByRole("radio", { name: new RegExp(`^Niveau ${level}`) })
      .check();
  }
  await expectAccessible(page);
  await form.getByRole("button", { name: "Enregistrer mes réponses" }).click();
  await expect(page.getByText("1 membre a répondu")).toBeVisible();
  await page.getByRole("button", { name: "Clore l'autodiagnostic" }).click();

  const result = page.getByTestId("maturity-result");
  await expect(result.getByRole("img", { name: /Niveaux par axe/ })).toBeVisible();
  await expect(result.getByRole("img", { name: /Stratégie et raison d'être 3/ })).toBeVisible();
  await expect(page.getByTestId("peers-hidden")).toBeVisible();
  const history = page.getByTestId("maturity-history");
  await expect(history.getByRole("row")).toHaveCount(3);
  const tools = page.getByTestId("maturity-tools");
  await expect(tools.getByRole("heading", { level: 3 })).toHaveText(["Gouvernance", "Mesure et compte rendu"]);
  await expectAccessible(page);
  const pdf = await page.request.get((await page.getByTestId("maturity-pdf").getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const csv = await page.request.get(`/w/${slug}/maturite/export?format=csv`);
  expect((await csv.text()).split("\n").filter(Boolean)).toHaveLength(3);
  await tools.getByRole("link").first().click();
  await expect(page.getByTestId("tool-view")).toBeVisible();
});
