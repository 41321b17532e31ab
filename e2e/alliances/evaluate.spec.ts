import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("two parties answer an evaluation: the first sees nothing of the second until it answers, then both see the gap", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const userA = await signInAs(contextA);
  const userB = await signInAs(contextB);
  const slugA = await workspaceOwnedBy(userA, `Association Lien ${uniq("a")}`);
  const nameB = `Entreprise Solidaire ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const title = `Alliance évaluée ${uniq("t")}`;
  const id = await coOwnedAlliance({ user: userA, slug: slugA }, { user: userB, slug: slugB, name: nameB }, title);
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();

  // A opens a cycle and answers.
  await pageA.goto(`/w/${slugA}/alliances/${id}`);
  // Started in 2023 and never evaluated: red.
  await openSection(pageA, "Évaluation");
  await expect(pageA.getByTestId("evaluation-light")).toContainText("Pas d'évaluation depuis plus de 24 mois");
  await pageA.getByRole("button", { name: "Ouvrir une évaluation" }).click();
  await pageA.getByRole("dialog").getByLabel("Période évaluée (par exemple « 2026 » ou « S1 2026 »)").fill("2026");
  await pageA.getByRole("dialog").getByRole("button", { name: "Ouvrir une évaluation" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: "Évaluation 2026" })).toBeVisible();
  const form = pageA.getByTestId("answer-form");
  await expect(form).toBeVisible();
  await expectAccessible(pageA);
  const questions = form.locator("fieldset");
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    // A trusts the partnership fully (5 everywhere but the balance question); B will not.
    await question.getByRole("radio", { name: i === count - 2 ? "4" : "5" }).check();
    await question.getByLabel(`Justification (${i + 1})`).fill("Constaté lors du comité de pilotage");
  }
  await pageA.getByRole("button", { name: "Envoyer nos réponses" }).click();
  await expect(pageA.getByTestId("waiting-others")).toBeVisible();
  const cycleUrl = pageA.url();
  await expect(pageA.getByTestId("cycle-participants")).toContainText(`${nameB} : réponse attendue`);
  await expect(pageA.getByTestId("cycle-results")).toHaveCount(0);

  // B sees that A answered, not what.
  await pageB.goto(new URL(cycleUrl).pathname.replace(slugA, slugB));
  await expect(pageB.getByTestId("cycle-participants")).toContainText("a répondu");
  await expect(pageB.locator("main")).not.toContainText("Constaté lors du comité de pilotage");
  const formB = pageB.getByTestId("answer-form").locator("fieldset");
  for (let i = 0; i < count; i++) {
    await formB.nth(i).getByRole("radio", { name: "3" }).check();
    await formB
      .nth(i)
      .getByLabel(`Justification (${i + 1})`)
      .fill("Relations à consolider");
  }
  await pageB.getByRole("button", { name: "Envoyer nos réponses" }).click();

  // B answered last: the cycle closes, both see the scores side by side and the flagged gaps.
  await expect(pageB.getByTestId("cycle-results")).toBeVisible();
  await expect(pageB.getByTestId("gaps-flagged")).toBeVisible();
  await expect(pageB.getByTestId("cycle-results")).toContainText("Constaté lors du comité de pilotage");
  await expectAccessible(pageB);
  await pageA.reload();
  await expect(pageA.getByTestId("cycle-results")).toContainText("Relations à consolider");
  await expect(pageA.getByTestId("cycle-results")).toContainText("écart de 2 points");
  await expect(pageA.getByTestId("cycle-averages")).toContainText("Confiance individuelle et collective");

  // The alliance is now evaluated (green); the trust gap lists it as at risk.
  await pageA.goto(`/w/${slugA}/alliances/${id}`);
  await openSection(pageA, "Évaluation");
  await expect(pageA.getByTestId("evaluation-light")).toContainText("Évaluée dans les 12 derniers mois");
  await pageA.goto(`/w/${slugA}/alliances/at-risk`);
  await expect(pageA.getByTestId("at-risk")).toContainText(title);
  await expect(pageA.getByTestId("at-risk")).toContainText("écart de perception sur la confiance");
  await expectAccessible(pageA);
  await contextA.close();
  await contextB.close();
});

test("an indicator with three results shows its chart, its numbers and the progress toward its target", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const contextA = await browser.newContext();
  const userA = await signInAs(contextA);
  const userB = await signInAs(await browser.newContext());
  const slugA = await workspaceOwnedBy(userA, `Association Mesure ${uniq("a")}`);
  const nameB = `Partenaire Mesure ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const id = await coOwnedAlliance(
    { user: userA, slug: slugA },
    { user: userB, slug: slugB, name: nameB },
    `Alliance mesurée ${uniq("t")}`,
  );
  const page = await contextA.newPage();
  await page.goto(`/w/${slugA}/alliances/${id}`);

  await openSection(page, "Évaluation");
  await page.getByRole("button", { name: "Nouvel indicateur" }).click();
  await page.getByLabel("Partir d'un indicateur courant").selectOption({ label: "Personnes accompagnées" });
  await expect(page.getByLabel("Nom de l'indicateur")).toHaveValue("Personnes accompagnées");
  await page.getByLabel("Valeur de départ").fill("100");
  await page.getByLabel("Valeur cible").fill("300");
  await page.getByRole("button", { name: "Ajouter l'indicateur" }).click();
  const indicator = page.getByTestId("indicator");
  await expect(indicator).toContainText("Personnes accompagnées");

  for (const [year, value] of [
    ["2023", "120"],
    ["2024", "160"],
    ["2025", "200"],
  ] as const) {
    await indicator.getByLabel("Période (par exemple « 2026 »)").fill(year);
    await indicator.getByLabel("Fin de la période").fill(`${year}-12-31`);
    await indicator.getByLabel("Valeur", { exact: true }).fill(value);
    await indicator.getByRole("button", { name: "Enregistrer le résultat" }).click();
    await expect(indicator.getByTestId("indicator-results")).toContainText(year);
  }
  await expect(indicator.getByTestId("indicator-chart")).toBeVisible();
  await expect(indicator.getByTestId("indicator-chart").locator("circle")).toHaveCount(3);
  await expect(indicator.getByTestId("indicator-progress")).toContainText("Progression vers la cible : 50 %");
  await expect(indicator.getByTestId("indicator-results").locator("tbody tr")).toHaveCount(3);
  await expectAccessible(page);
  await contextA.close();
});
