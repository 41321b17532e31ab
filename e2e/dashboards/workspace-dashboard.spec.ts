import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("the partnership manager's dashboard shows its figures as tables and keeps its filters in the URL", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext();
  const userA = await signInAs(context);
  const userB = await signInAs(await browser.newContext());
  const slugA = await workspaceOwnedBy(userA, `Association Tableau ${uniq("a")}`);
  const nameB = `Partenaire Tableau ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  await coOwnedAlliance(
    { user: userA, slug: slugA },
    { user: userB, slug: slugB, name: nameB },
    `Alliance comptée ${uniq("t")}`,
  );
  const page = await context.newPage();

  await page.goto(`/w/${slugA}`);
  const dashboard = page.getByTestId("workspace-dashboard");
  await expect(dashboard.locator('[data-figure="alliances"] dd')).toHaveText("1");
  await expect(dashboard.locator('[data-figure="partners"] dd')).toHaveText("1");
  await expect(page.getByTestId("by-mode").getByRole("row", { name: /Mécénat/ })).toContainText("1");
  await expect(page.getByTestId("by-goal").getByRole("row", { name: /^2\./ })).toContainText("1");
  await expect(
    page.getByTestId("lights").getByRole("row", { name: /Pas d'évaluation depuis plus de 24 mois/ }),
  ).toContainText("1");
  await expectAccessible(page);

  await page.getByLabel("Mode actuel").selectOption({ label: "Pratiques responsables" });
  await page.getByRole("button", { name: "Appliquer" }).click();
  await expect(page).toHaveURL(/mode=pratiques_responsables/);
  await expect(dashboard.locator('[data-figure="alliances"] dd')).toHaveText("0");
  await context.close();
});
