import { refreshObservatory } from "../../server/jobs/observatory";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a visitor reads the observatory, moves to a région, downloads a table as open data, and reads its dictionary", async ({
  page,
  database,
}) => {
  // The app's job computes the figures a few seconds after start; computed here so the test does not wait for it.
  await refreshObservatory(database.db);
  await page.goto("/");
  await page.getByRole("link", { name: "Observatoire", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observatoire des alliances" })).toBeVisible();
  await expect(page.getByTestId("observatory-date")).toContainText("Chiffres au");
  await expect(page.getByText("pas l'ensemble de la France")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Alliances par mode de relation actuel" })).toBeVisible();
  // The reference study beside the register's own shares.
  const modes = page.getByTestId("observatory-modes").getByRole("table");
  await expect(modes.getByRole("columnheader", { name: "Étude de référence" })).toBeVisible();
  await expect(modes.getByRole("row", { name: /Mécénat/ })).toContainText("30 %");
  await expect(page.getByTestId("observatory-highlighted")).toContainText("17.17");
  const map = page.getByTestId("observatory-map");
  await expect(map).toBeVisible();
  await expect.poll(() => map.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(page);

  const choice = page.getByRole("form", { name: "Voir une région ou un objectif" });
  await choice.getByLabel("Région").selectOption({ label: "Auvergne-Rhône-Alpes" });
  await choice.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/\/observatoire\/regions\/84$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Observatoire des alliances — Auvergne-Rhône-Alpes" }),
  ).toBeVisible();
  await expect(page.getByTestId("observatory-key-figures")).toBeVisible();
  await expectAccessible(page);

  const href = await page.getByTestId("download-mode-csv").getAttribute("href");
  expect(href).toContain("scope=region&code=84");
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("text/csv");
  expect(file.headers()["content-disposition"]).toContain("maillage-observatoire-mode-region-84.csv");
  const [licence, header] = (await file.text()).split("\n");
  expect(licence).toMatch(
    /^# Maillage, observatoire des alliances \(mode, region 84\), chiffres au \d{4}-\d{2}-\d{2}\./,
  );
  expect(licence).toContain("Licence Ouverte / Open Licence version 2.0 (Etalab)");
  expect(header).toBe("key,alliances,organisations");

  // The same table through the public API, cached: asked again with its validator, nothing is sent back.
  const json = await page.request.get("/api/observatoire/mode?scope=region&code=84");
  expect(json.headers()["cache-control"]).toContain("public");
  expect((await json.json()).licence.name).toBe("Licence Ouverte / Open Licence version 2.0");
  const again = await page.request.get("/api/observatoire/mode?scope=region&code=84", {
    headers: { "If-None-Match": json.headers()["etag"]! },
  });
  expect(again.status()).toBe(304);
  const refused = await page.request.get("/api/observatoire/departement?scope=goal&code=4", {
    headers: { "Accept-Language": "en" },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toBe("This table does not exist for this scope.");

  // A goal's page, reached from the goals list, then the dictionary.
  await page.goto("/observatoire");
  await page.getByRole("list", { name: "Les objectifs" }).getByRole("link", { name: /^17\./ }).click();
  await expect(page).toHaveURL(/\/observatoire\/odd\/17$/);
  await expect(page.getByRole("heading", { level: 1, name: /ODD 17/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Dictionnaire des données et API" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /dictionnaire et API/ })).toBeVisible();
  await expect(page.getByTestId("observatory-dictionary").getByRole("row")).toHaveCount(15);
  await expectAccessible(page);

  const pdf = await page.request.get("/observatoire/etat-des-lieux?scope=region&code=84");
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("the production server answers an anonymous visitor a kept observatory until the figures change, and renders a signed-in one's", async ({
  browser,
  database,
  signInAs,
}) => {
  await refreshObservatory(database.db);
  const visitor = await browser.newContext();
  const ask = (path: string, headers: Record<string, string> = {}) => visitor.request.get(path, { headers });
  // The server reads the figures' date at most once a second (server/http/public-pages.ts): until
  // it reads the new one, it may answer pages kept under the old date, and replace them a moment
  // later. Let that second pass, so that everything below is kept under the new date.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  await expect
    .poll(
      async () => {
        await ask("/observatoire/odd/5");
        return (await ask("/observatoire/odd/5")).headers()["x-maillage-page"];
      },
      { timeout: 5_000 },
    )
    .toBe("kept");
  const first = await ask("/observatoire/odd/5");
  const kept = await ask("/observatoire/odd/5");
  expect(kept.headers()["x-maillage-page"]).toBe("kept");
  expect(await kept.text()).toBe(await first.text());
  // The policy kept with the page allows the page's own scripts, and only them.
  const nonce = /'nonce-([^']+)'/.exec(kept.headers()["content-security-policy"]!)![1]!;
  expect(await kept.text()).toContain(`nonce="${nonce}"`);
  expect(kept.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
  expect((await ask("/observatoire/odd/5", { "If-None-Match": kept.headers()["etag"]! })).status()).toBe(304);
  // Each language its own page.
  const english = await ask("/observatoire/odd/5", { "Accept-Language": "en" });
  expect(await english.text()).toContain("Alliance observatory");
  expect(await english.text()).toContain(`<html lang="en"`);
  // A file keeps its route's validator.
  // (Kept once rendered: asked again until the answer comes from the kept ones, as above.)
  await expect
    .poll(async () => (await ask("/api/observatoire/goal?format=csv")).headers()["x-maillage-page"], {
      timeout: 5_000,
    })
    .toBe("kept");
  const file = await ask("/api/observatoire/goal?format=csv");
  expect(file.headers()["x-maillage-page"]).toBe("kept");
  expect((await ask("/api/observatoire/goal?format=csv", { "If-None-Match": file.headers()["etag"]! })).status()).toBe(
    304,
  );

  // New figures: the page is rendered again, once (the server reads the figures' date at most once a second).
  await refreshObservatory(database.db);
  await expect
    .poll(async () => (await ask("/observatoire/odd/5")).headers()["x-maillage-page"], { timeout: 5_000 })
    .toBe("rendered");
  expect((await ask("/observatoire/odd/5")).headers()["x-maillage-page"]).toBe("kept");

  // A signed-in visitor's page names them: it is rendered for them, never kept nor taken from the kept ones.
  const member = await browser.newContext();
  const user = await signInAs(member);
  const theirs = await member.request.get("/observatoire/odd/5");
  expect(theirs.headers()["x-maillage-page"]).toBeUndefined();
  expect(theirs.headers()["cache-control"]).toContain("no-store");
  expect(await theirs.text()).toContain(user.email);
  expect(await (await ask("/observatoire/odd/5")).text()).not.toContain(user.email);
  await visitor.close();
  await member.close();
});
