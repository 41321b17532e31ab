import { sql } from "drizzle-orm";
import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a large workspace: the dashboard and the SDG report show their first rows and link to all of them", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
  database,
}) => {
  const context = await browser.newContext();
  const userA = await signInAs(context);
  const userB = await signInAs(await browser.newContext());
  const slugA = await workspaceOwnedBy(userA, `Grande association ${uniq("a")}`);
  const nameB = `Partenaire fidèle ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const ids: string[] = [];
  for (let i = 0; i < 26; i++) {
    ids.push(
      await coOwnedAlliance(
        { user: userA, slug: slugA },
        { user: userB, slug: slugB, name: nameB },
        `Potager ${String(i).padStart(2, "0")}`,
      ),
    );
  }
  // Nothing shared for eight months: every one of them is at risk (inactive).
  await database.db.execute(sql`update alliances set updated_at = now() - interval '8 months' where id in ${ids}`);
  const page = await context.newPage();

  await page.goto(`/w/${slugA}`);
  await expect(page.getByTestId("dashboard-at-risk").getByRole("listitem")).toHaveCount(20);
  await expect(page.getByTestId("dashboard-at-risk")).toContainText("Potager 19");
  await expect(page.getByTestId("dashboard-at-risk")).not.toContainText("Potager 20");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Les 20 premières sur 26 : voir toutes les alliances à risque" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alliances à risque" })).toBeVisible();
  await expect(page.getByText("26 alliances à risque")).toBeVisible();
  await expect(page.getByTestId("at-risk").getByRole("link", { name: /^Potager \d\d$/ })).toHaveCount(26);

  await page.goto(`/w/${slugA}/reports/sdg`);
  const goal = page.getByTestId("report-goal-2");
  await expect(goal.getByRole("rowheader", { name: /^Potager \d\d$/ })).toHaveCount(3);
  // None has contributions: the first three in the report's order.
  await expect(goal).toContainText("Potager 02");
  await expect(goal).not.toContainText("Potager 03");
  await expectAccessible(page);
  await goal
    .getByRole("link", {
      name: "Les 3 lignes aux plus fortes contributions propres, sur 26 : voir toutes les lignes de l'objectif 2",
    })
    .click();
  await expect(page).toHaveURL(/goal=2/);
  await expect(page.getByText("Objectif 2 seul, toutes ses lignes.")).toBeVisible();
  await expect(page.getByTestId("report-goal-2").getByRole("rowheader", { name: /^Potager \d\d$/ })).toHaveCount(26);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Revenir à tous les objectifs" }).click();
  await expect(page).not.toHaveURL(/goal=/);
  await context.close();
});
