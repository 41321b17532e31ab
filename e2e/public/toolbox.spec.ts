import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a visitor filters the toolbox by door and purpose, opens a checklist, prints it or keeps it as a file", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Outils", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Boîte à outils" })).toBeVisible();
  for (const door of [
    "Co-construction territoriale",
    "Innovation sociétale",
    "Engagement des salariés",
    "Contribution aux ODD",
  ])
    await expect(page.getByRole("heading", { level: 2, name: door })).toBeVisible();
  await expectAccessible(page);

  const filters = page.getByRole("form", { name: "Filtrer les outils" });
  await filters.getByLabel("Porte d'entrée").selectOption({ label: "Engagement des salariés" });
  await filters.getByLabel("Usage").selectOption({ label: "Agir" });
  await filters.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/door=engagement_salaries/);
  await expect(page).toHaveURL(/purpose=agir/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Engagement des salariés"]);
  await expect(page.getByTestId("tool-count")).toHaveText("3 outils");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Préparer une première rencontre avec une entreprise" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Préparer une première rencontre avec une entreprise" }),
  ).toBeVisible();
  await expect(page.getByTestId("tool-content").getByRole("listitem")).not.toHaveCount(0);
  await expect(page.getByRole("button", { name: "Imprimer ou enregistrer en PDF" })).toBeVisible();
  await expectAccessible(page);
  const file = await page.request.get(
    (await page.getByRole("link", { name: "Télécharger (texte)" }).getAttribute("href"))!,
  );
  expect(file.headers()["content-type"]).toContain("text/markdown");
  expect(await file.text()).toContain("- [ ] ");
});

test("a workspace adds a private tool its members find, and an alliance page suggests tools for its stage", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const partner = await signInAs(await browser.newContext());
  const slug = await workspaceOwnedBy(user, `Association Outils ${uniq("a")}`);
  const partnerName = `Entreprise Outils ${uniq("b")}`;
  const partnerSlug = await workspaceOwnedBy(partner, partnerName);
  const id = await coOwnedAlliance(
    { user, slug },
    { user: partner, slug: partnerSlug, name: partnerName },
    `Alliance outillée ${uniq("t")}`,
  );
  const page = await context.newPage();

  await page.goto(`/w/${slug}/outils`);
  await expect(page.getByRole("heading", { level: 1, name: "Outils de l'espace" })).toBeVisible();
  await page.getByTestId("add-tool").click();
  const dialog = page.getByRole("dialog", { name: "Ajouter un outil à l'espace" });
  const title = `Accueil des bénévoles ${uniq("x")}`;
  await dialog.getByLabel("Identifiant d'adresse").fill(`accueil-${Date.now()}`);
  await dialog.getByLabel("Porte d'entrée").selectOption({ label: "Engagement des salariés" });
  await dialog.getByLabel("Usage").selectOption({ label: "Agir" });
  await dialog.getByLabel("Type").selectOption({ label: "Liste de vérification" });
  const french = dialog.getByRole("group", { name: "En français" });
  await french.getByLabel("Titre").fill(title);
  await french.getByLabel("Résumé").fill("Notre liste pour accueillir les bénévoles salariés.");
  await french.getByLabel("Contenu").fill("[ ] Un référent est nommé\n[ ] La mission tient en une page");
  await dialog.getByRole("button", { name: "Enregistrer l'outil" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Outil enregistré.")).toBeVisible();
  const card = page.getByTestId("tool-card").filter({ hasText: title });
  await expect(card).toContainText("Outil de votre espace");
  await expectAccessible(page);
  await card.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("tool-content").getByRole("listitem")).toHaveCount(2);

  await page.goto(`/w/${slug}/alliances/${id}`);
  const suggestions = page.getByTestId("stage-tools");
  await expect(suggestions.getByRole("heading", { name: "Outils pour cette étape" })).toBeVisible();
  const first = suggestions.getByRole("listitem").first().getByRole("link");
  await expect(first).toBeVisible();
  await expectAccessible(page);
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("an operator edits a catalogue tool in both languages, retires it and puts it back", async ({
  browser,
  signInAs,
}) => {
  const context = await browser.newContext();
  await signInAs(context, "operateur@e2e.maillage.test");
  const page = await context.newPage();
  await page.goto("/operator");
  await page.getByRole("link", { name: "Catalogue de la boîte à outils" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Catalogue de la boîte à outils" })).toBeVisible();
  await expectAccessible(page);

  await page.getByTestId("new-catalogue-tool").click();
  const dialog = page.getByRole("dialog", { name: "Nouvel outil public" });
  const slug = `fiche-${Date.now()}`;
  const title = `Fiche opérateur ${uniq("f")}`;
  await dialog.getByLabel("Identifiant d'adresse").fill(slug);
  await dialog.getByLabel("Usage").selectOption({ label: "Se former" });
  await dialog.getByRole("group", { name: "En français" }).getByLabel("Titre").fill(title);
  await dialog
    .getByRole("group", { name: "En français" })
    .getByLabel("Résumé")
    .fill("Une fiche ajoutée au catalogue public.");
  await dialog.getByRole("group", { name: "En anglais" }).getByLabel("Titre").fill("Operator sheet");
  await dialog
    .getByRole("group", { name: "En anglais" })
    .getByLabel("Résumé")
    .fill("A sheet added to the public catalogue.");
  await dialog.getByRole("button", { name: "Enregistrer l'outil" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("catalogue-tools").getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText(title);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/outils/${slug}`);
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await row.getByRole("button", { name: `Retirer : ${title}` }).click();
  await expect(row).toContainText("Retiré");
  await visitor.reload();
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toHaveCount(0);
  await row.getByRole("button", { name: `Remettre en ligne : ${title}` }).click();
  await expect(row).not.toContainText("Retiré");
});
