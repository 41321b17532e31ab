import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("the alliance page: the essentials at a glance, sections kept in the URL, forms in dialogs by keyboard", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const partner = await signInAs(await browser.newContext());
  const slug = await workspaceOwnedBy(user, `Association Onglets ${uniq("a")}`);
  const partnerName = `Entreprise Onglets ${uniq("b")}`;
  const partnerSlug = await workspaceOwnedBy(partner, partnerName);
  const title = `Alliance en onglets ${uniq("t")}`;
  const id = await coOwnedAlliance({ user, slug }, { user: partner, slug: partnerSlug, name: partnerName }, title);
  const page = await context.newPage();
  const url = `/w/${slug}/alliances/${id}`;

  await page.goto(url);
  const glance = page.getByTestId("alliance-glance");
  await expect(glance).toContainText("Pilotage");
  await expect(glance).toContainText("Mécénat");
  await expect(page.getByTestId("glance-partners")).toContainText(`${partnerName}✓ vérifiée`);
  await expect(glance).toContainText("2.4");
  await expect(page.getByTestId("glance-total")).toHaveText("rien de valorisé pour l'instant");
  // Started in 2023, never evaluated: due since 2024.
  await expect(page.getByTestId("next-due")).toContainText("évaluation attendue depuis le");
  await expect(page.getByRole("tab", { name: "Vue d'ensemble" })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page);

  // From the top of the page, the sections are a few Tab presses away (the timeline took 106 when every form was open).
  await page.keyboard.press("Home");
  await page.locator("body").focus();
  let presses = 0;
  while (presses < 60 && (await page.evaluate(() => document.activeElement?.getAttribute("role"))) !== "tab") {
    await page.keyboard.press("Tab");
    presses++;
  }
  expect(presses).toBeLessThan(30);
  await expect(page.getByRole("tab", { name: "Vue d'ensemble" })).toBeFocused();
  // One section at a time: each press changes the URL, and a press sent while the page follows
  // it could land before the tabs are ready again.
  for (const name of [/Cadrage/, /^Contributions/, /Évaluation/, /Chronologie/]) {
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
  }
  await page.goto(url);

  // Arrow keys move between sections and the URL follows.
  await page.getByRole("tab", { name: "Vue d'ensemble" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: /Cadrage/ })).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(/section=cadrage/);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Contributions" })).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(/section=contributions/);
  await expect(page.getByText("Aucune contribution enregistrée.")).toBeVisible();
  // End and Home reach the last and the first tab, ArrowLeft goes back round; only the selected
  // tab is in the Tab order, and only its panel is shown.
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: "Historique" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Historique" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Vue d'ensemble" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: "Historique" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: /Contributions/ })).toHaveAttribute("tabindex", "-1");
  await expect(page.getByRole("tabpanel")).toHaveCount(1);
  await page.getByRole("tab", { name: /Contributions/ }).click();
  await expect(page).toHaveURL(/section=contributions/);

  // A contribution typed the French way, in a dialog opened and sent from the keyboard.
  const addContribution = page.getByRole("button", { name: "Ajouter une contribution" });
  await addContribution.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Ajouter une contribution" });
  await expect(dialog).toBeVisible();
  // (By its test id: while the dialog is open, the page behind it is hidden from the accessibility tree.)
  await expect(page.getByTestId("add-contribution-button")).toHaveAttribute("aria-expanded", "true");
  await dialog.getByLabel("Quantité").fill("5 000");
  await dialog.getByLabel("Valeur (€)").fill("5 000,50");
  await expectAccessible(page);
  await dialog.getByLabel("Valeur (€)").press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(addContribution).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Contribution ajoutée au registre." })).toBeVisible();
  await expect(page.getByTestId("ledger-total")).toContainText(/5\s000,50\s€/);
  await expect(page.getByTestId("glance-total")).toHaveText(/5\s000,50\s€/);
  await expect(page.getByRole("tab", { name: /Contributions/ })).toContainText("1");

  // Escape closes a dialog without saving and gives focus back to its button.
  await addContribution.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(addContribution).toBeFocused();
  await expect(addContribution).toHaveAttribute("aria-expanded", "false");

  // A link straight to a section opens it; the back of the URL is kept on reload.
  await page.goto(`${url}?section=journal`);
  await expect(page.getByRole("tab", { name: "Chronologie" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("Rien dans la chronologie pour l'instant.")).toBeVisible();
  await expect(page.getByTestId("alliance-glance")).toBeVisible();
  // The server renders the section the URL names; another comes when its tab is chosen, and a
  // panel once shown stays mounted: a half-typed note survives a trip to another section.
  await expect(page.getByTestId("alliance-history")).toHaveCount(0);
  await page.getByRole("tab", { name: "Couche privée" }).click();
  const notes = page.getByLabel("Notes internes");
  await notes.fill("Brouillon à garder");
  await page.getByRole("tab", { name: "Historique" }).click();
  await expect(page).toHaveURL(/section=historique/);
  await expect(page.getByTestId("alliance-history")).toBeVisible();
  await expect(notes).toBeHidden();
  await page.getByRole("tab", { name: "Couche privée" }).click();
  await expect(page).toHaveURL(/section=prive/);
  await expect(notes).toHaveValue("Brouillon à garder");
  await page.getByRole("tab", { name: "Historique" }).click();
  await expect(page).toHaveURL(/section=historique/);
  await page.reload();
  await expect(page.getByRole("tab", { name: "Historique" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("alliance-history")).toBeVisible();
  // The first section needs no parameter.
  await page.getByRole("tab", { name: "Vue d'ensemble" }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await context.close();
});
