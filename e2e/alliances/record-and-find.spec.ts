import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("a partnership manager records an alliance, finds it by SDG and région, meets an edit conflict, archives and restores it", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
}) => {
  const context = await browser.newContext();
  const me = await signInAs(context);
  const slug = await workspaceOwnedBy(me, `Association ${uniq("e2e")}`);
  const page = await context.newPage();
  const title = `Repair café ${uniq("t")}`;

  await page.goto(`/w/${slug}/alliances`);
  await expect(page.getByTestId("alliance-count")).toHaveText("Aucune alliance");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nouvelle alliance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouvelle alliance" })).toBeVisible();
  await expect(page.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await expectAccessible(page);

  await page.getByLabel("Titre", { exact: true }).fill(title);
  // Validation as you type: leaving the title too short says so at once.
  await page.getByLabel("Titre", { exact: true }).fill("Ab");
  await page.getByLabel("Résumé").focus();
  await expect(page.getByText("Le titre doit compter entre 3 et 200 caractères.")).toBeVisible();
  await page.getByLabel("Titre", { exact: true }).fill(title);
  await page.getByLabel("Résumé").fill("Réparer ensemble plutôt que jeter, avec les salariés des partenaires.");

  // Two partners: both new organisations.
  const first = page.getByTestId("partner-0");
  await first.getByLabel("Organisation (nom, au moins 2 lettres)").fill("Menuiserie du Lac");
  await first.getByRole("button", { name: /Nouvelle organisation/ }).click();
  await first.getByLabel("Type").selectOption("entreprise");
  await first.getByLabel("Rôle").selectOption("financeur");
  await page.getByRole("button", { name: "Ajouter un partenaire" }).click();
  const second = page.getByTestId("partner-1");
  await second.getByLabel("Organisation (nom, au moins 2 lettres)").fill("Ville de Démonstration");
  await second.getByRole("button", { name: /Nouvelle organisation/ }).click();
  await second.getByLabel("Type").selectOption("collectivite");

  // Mode: mécénat de compétences.
  await page.getByTestId("mode-0").getByLabel("Mode", { exact: true }).selectOption("mecenat");
  await page.getByTestId("mode-0").getByLabel("Mécénat de compétences").check();

  // Two SDG targets from the grouped, searchable picker.
  await page.getByLabel("Filtrer les cibles (mot ou code)").fill("12.5");
  await page.getByRole("checkbox", { name: /12\.5/ }).check();
  await page.getByLabel("Filtrer les cibles (mot ou code)").fill("partenariats multi");
  await page.getByRole("checkbox", { name: /17\.16/ }).check();
  // 12.5 is filtered out of the list, but the chosen targets stay in sight, in their order.
  await expect(page.getByRole("checkbox", { name: /12\.5/ })).toHaveCount(0);
  await expect(page.getByTestId("sdg-chosen").getByRole("listitem")).toHaveText([/^12\.5/, /^17\.16/]);
  await page.getByLabel("Cible principale").selectOption("12.5");

  // A commune by type-ahead.
  await page.getByLabel("Échelle").selectOption("commune");
  await page.getByLabel("Commune (nom ou code postal)").fill("grenob");
  await page.getByRole("button", { name: /^Grenoble \(38\)/ }).click();
  await expect(page.getByTestId("chosen-places")).toContainText("Grenoble");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(page, "Partage");
  await expect(page.getByTestId("alliance-parties")).toContainText("Menuiserie du Lac");
  await expect(page.getByTestId("alliance-parties")).toContainText("Ville de Démonstration");
  await expect(page.getByTestId("alliance-sdg")).toContainText("12.5");
  await expect(page.getByTestId("alliance-sdg")).toContainText("17.16");
  await expect(page.getByTestId("alliance-territory")).toContainText("Grenoble");
  await expect(page.getByTestId("alliance-trajectory")).toContainText("Mécénat (Mécénat de compétences)");
  await expectAccessible(page);
  // The alliance's address without the section the test opened.
  const detailUrl = page.url().split("?")[0]!;

  // The partner's page: shared identity, and notes and a contact private to this workspace.
  await openSection(page, "Partage");
  await page.getByTestId("alliance-parties").getByRole("link", { name: "Menuiserie du Lac" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Menuiserie du Lac" })).toBeVisible();
  await page.getByLabel("Notes").fill("Rencontrée au forum des associations.");
  await page.getByRole("button", { name: "Enregistrer les notes" }).click();
  await expect(page.getByText("Notes enregistrées.")).toBeVisible();
  await page.getByLabel("Nom", { exact: true }).fill("Claire Dupont");
  await page.getByLabel("E-mail").fill("claire.dupont@example.org");
  await page.getByRole("button", { name: "Ajouter le contact" }).click();
  await expect(page.getByTestId("contacts")).toContainText("Claire Dupont");
  await expectAccessible(page);

  // Found by SDG goal 12 and by région Auvergne-Rhône-Alpes; not by another région.
  await page.goto(`/w/${slug}/alliances`);
  // Search and three filters are in sight; the région waits behind "Plus de filtres".
  await expect(page.getByLabel("Région")).toBeHidden();
  await page.getByLabel("ODD", { exact: true }).selectOption("12");
  await page.getByText("Plus de filtres").click();
  await page.getByLabel("Région").selectOption({ label: "Auvergne-Rhône-Alpes" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/sdgGoal=12/);
  await expect(page).toHaveURL(/region=84/);
  const row = page.getByTestId("alliances-table").getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Mécénat");
  await expect(row).toContainText("Menuiserie du Lac");
  // The active filters show as chips; the hidden one keeps "Plus de filtres" open and counted.
  const chips = page.getByTestId("filter-chips");
  await expect(
    chips.getByRole("link", { name: "Retirer le filtre ODD : 12. Consommation et production responsables" }),
  ).toBeVisible();
  await expect(chips.getByRole("link", { name: "Retirer le filtre Région : Auvergne-Rhône-Alpes" })).toBeVisible();
  await expect(page.getByText("Plus de filtres (1 actif)")).toBeVisible();
  await expectAccessible(page);
  // The filtered view is saved under a name and comes back with one click.
  await page.getByLabel("Nom de la vue").fill("ODD 12 en Auvergne-Rhône-Alpes");
  await page.getByRole("button", { name: "Enregistrer cette vue" }).click();
  await expect(page.getByTestId("saved-views")).toContainText("ODD 12 en Auvergne-Rhône-Alpes");
  await page.goto(`/w/${slug}/alliances`);
  await page.getByRole("link", { name: "ODD 12 en Auvergne-Rhône-Alpes" }).click();
  await expect(page).toHaveURL(/sdgGoal=12/);
  await expect(page.getByTestId("alliances-table")).toContainText(title);
  await page.goto(`/w/${slug}/alliances?sdgGoal=12&region=11`);
  await expect(page.getByTestId("alliance-count")).toHaveText("Aucune alliance");
  // Removing the région's chip by keyboard brings the alliance back, the SDG filter kept.
  await page.getByRole("link", { name: /^Retirer le filtre Région/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/region=/);
  await expect(page).toHaveURL(/sdgGoal=12/);
  await expect(page.getByTestId("alliances-table")).toContainText(title);
  // The partner filter offers the workspace's partners as one types, chosen with the keyboard.
  await page.getByText("Plus de filtres").click();
  const partnerBox = page.getByRole("combobox", { name: "Partenaire" });
  await partnerBox.fill("menuis");
  await expect(page.getByRole("listbox", { name: "Partenaire" }).getByRole("option")).toHaveText(["Menuiserie du Lac"]);
  await expectAccessible(page);
  await partnerBox.press("ArrowDown");
  await expect(partnerBox).toHaveAttribute("aria-activedescendant", /option-0$/);
  await partnerBox.press("Enter");
  await expect(page.getByRole("listbox", { name: "Partenaire" })).toBeHidden();
  await expect(partnerBox).toHaveValue("Menuiserie du Lac");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/partnerId=[0-9a-f-]{36}/);
  await expect(page.getByTestId("alliances-table")).toContainText(title);
  await expect(
    page.getByTestId("filter-chips").getByRole("link", { name: "Retirer le filtre Partenaire : Menuiserie du Lac" }),
  ).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Partenaire" })).toHaveValue("Menuiserie du Lac");

  // Two tabs edit the same alliance: the second save is refused and shows the first one's values.
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  await tabA.goto(`${detailUrl}/edit`);
  await tabB.goto(`${detailUrl}/edit`);
  await expect(tabA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await expect(tabB.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await expectAccessible(tabA);
  await tabA.getByLabel("Titre", { exact: true }).fill(`${title} (onglet A)`);
  await tabA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(tabA.getByRole("heading", { level: 1, name: `${title} (onglet A)` })).toBeVisible();
  await tabB.getByLabel("Titre", { exact: true }).fill(`${title} (onglet B)`);
  await tabB.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(tabB.getByTestId("conflict")).toContainText("Quelqu'un a enregistré cette alliance");
  await expect(tabB.getByTestId("newer-title")).toHaveText(`${title} (onglet A)`);
  await expectAccessible(tabB);

  // Archive, then restore.
  await page.goto(detailUrl);
  await page.getByRole("button", { name: "Archiver" }).click();
  await expect(page.getByText(/Archivée le/)).toBeVisible();
  await page.goto(`/w/${slug}/alliances`);
  await expect(page.getByTestId("alliance-count")).toHaveText("Aucune alliance");
  await page.goto(`/w/${slug}/alliances?archived=1`);
  await expect(page.getByTestId("alliances-table")).toContainText(title);
  await page.goto(detailUrl);
  await page.getByRole("button", { name: "Restaurer" }).click();
  await expect(page.getByText(/Archivée le/)).toHaveCount(0);
  await page.goto(`/w/${slug}/alliances`);
  await expect(page.getByTestId("alliances-table")).toContainText(title);
  await context.close();
});
