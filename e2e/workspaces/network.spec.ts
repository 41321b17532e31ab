import { expect, expectAccessible, test } from "../fixtures/test";

test("a manager opens the network view, filters it by mode, finds a hub and opens it by clicking its node", async ({
  page,
  context,
  signInAs,
}) => {
  // An editor of the demo association, which has about twenty-five alliances.
  await signInAs(context, "louis.petit@demo.maillage.test");
  // The graph's data comes with the page (its server render asked for it), not from a second call.
  const asked: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("network.workspace")) asked.push(request.url());
  });
  await page.goto("/w/jardins-du-lien");
  await page.getByRole("link", { name: "Réseau", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réseau" })).toBeVisible();
  await expect(page.getByTestId("network-counts")).toContainText("alliances");
  const graph = page.getByTestId("network-graph");
  await expect(graph.locator("canvas").first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName("network-first-frame").length)).toBe(1);
  expect(asked).toEqual([]);
  // The same network as tables.
  const alliances = page.getByTestId("network-alliances");
  await expect(alliances.getByRole("row")).not.toHaveCount(1);
  await expectAccessible(page);

  const filters = page.getByRole("form", { name: "Filtrer le réseau" });
  await filters.getByLabel("Mode").selectOption({ label: "Mécénat" });
  await filters.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/mode=mecenat/);
  await expect(page.getByTestId("network-counts")).toContainText("alliances");
  const modes = await alliances.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(modes.length).toBeGreaterThan(0);
  expect(new Set(modes)).toEqual(new Set(["Mécénat"]));
  await expectAccessible(page);

  // The layout settles by itself within a few seconds (and can be run again).
  await expect(page.getByRole("button", { name: "Relancer la mise en page" })).toBeVisible({ timeout: 15_000 });
  // The search centres the graph on an organisation; clicking its node opens it.
  const hub = page.getByTestId("network-summary").getByRole("listitem").first().getByRole("button");
  const name = await hub.innerText();
  await page.getByRole("combobox", { name: "Chercher une organisation" }).fill(name);
  await page.getByRole("button", { name: "Centrer" }).click();
  await graph.scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  const box = (await graph.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  // Dragging the view from the organisation moves it with the pointer, and opens nothing.
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x + 150, centre.y + 40, { steps: 12 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/w\/jardins-du-lien\/reseau/);
  await page.mouse.click(centre.x + 150, centre.y + 40);
  await expect(page).toHaveURL(/\/w\/jardins-du-lien\/organisations\/[0-9a-f-]{36}$/);
  // The organisation under the pointer is the one the view was dragged by.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
});
