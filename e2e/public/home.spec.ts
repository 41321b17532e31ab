import { expect, expectAccessible, test } from "../fixtures/test";

test("a visitor learns what Maillage is, for whom, sees the latest published alliances and finds the way in", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Maillage" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Pour qui ?" })).toBeVisible();
  for (const audience of [
    "Associations",
    "Entreprises et équipes RSE",
    "Collectivités et coordinateurs de territoire",
  ]) {
    await expect(page.getByRole("heading", { level: 3, name: audience })).toBeVisible();
  }
  const library = page.getByTestId("home-library");
  await expect(library.getByRole("heading", { level: 2, name: "Derniers exemples inspirants" })).toBeVisible();
  await expectAccessible(page);
  // The demo data publishes alliances: the latest ones are shown and lead to their public page.
  const first = library.getByRole("article").first().getByRole("link").first();
  const title = await first.textContent();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title! })).toBeVisible();
  await page.goto("/");
  await page.getByRole("link", { name: "Essayer Maillage" }).click();
  await expect(page).toHaveURL(/\/signin$/);
});
