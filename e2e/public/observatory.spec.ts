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
