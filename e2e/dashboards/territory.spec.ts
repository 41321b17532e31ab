import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a collectivité asks to coordinate its département, an operator approves, its members open the map and drill down", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const slug = await workspaceOwnedBy(user, `Communauté de communes ${uniq("c")}`);
  const page = await context.newPage();

  // Ask for the Drôme (26), where the demo alliances are.
  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel("Niveau").selectOption("departement");
  await page.getByLabel("Territoire", { exact: true }).selectOption({ label: "26 Drôme" });
  await page
    .getByLabel("Pourquoi votre organisation anime ce territoire (facultatif)")
    .fill("Nous animons le réseau des acteurs locaux.");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByTestId("coordination-requests")).toContainText("en attente");
  await expectAccessible(page);

  // A platform operator approves it.
  const operatorContext = await browser.newContext();
  await signInAs(operatorContext, "operateur@e2e.maillage.test");
  const operator = await operatorContext.newPage();
  await operator.goto("/operator");
  const row = operator
    .getByTestId("operator-requests")
    .getByRole("row", { name: new RegExp(`Communauté de communes`) })
    .filter({ hasText: "Nous animons le réseau" })
    .first();
  await expectAccessible(operator);
  await row.getByRole("button", { name: /^Approuver/ }).click();
  await expect(row).toContainText("approuvée");

  // The member now has the territory dashboard: France map, drill down to the Drôme and its communes.
  await page.goto(`/w/${slug}`);
  await page.getByRole("link", { name: "Territoire", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("France entière");
  await expect(page.getByTestId("france-map")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("france-map").locator('a[data-code="26"]').click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Drôme (26)");
  await expect(page.getByTestId("territory-figures")).toBeVisible();
  await expect(page.getByTestId("territory-freshness")).toBeVisible();
  await expect(page.getByTestId("communes")).toBeVisible();
  await expect(page.getByTestId("t-mode")).toBeVisible();
  // The long list of SDG targets waits behind a disclosure, opened from the keyboard.
  await expect(page.getByTestId("t-target")).toHaveCount(0);
  const targets = page.getByText(/^Par cible ODD · afficher les \d+ cibles?$/);
  await targets.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("t-target")).toBeVisible();
  await expectAccessible(page);
  await operatorContext.close();
  await context.close();
});
