import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("two co-owners edit, are notified, keep private notes apart, publish with both consents, then withdraw", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  organisationFor,
}) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const visitor = await browser.newContext();
  const userA = await signInAs(contextA);
  const userB = await signInAs(contextB);
  const nameA = `Association Solidaire ${uniq("a")}`;
  const slugA = await workspaceOwnedBy(userA, nameA);
  await organisationFor(slugA, nameA);
  const nameB = `Entreprise Engagée ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  await organisationFor(slugB, nameB);
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  const title = `Potagers partagés ${uniq("t")}`;

  // A records the alliance with B as partner and invites B's workspace; B accepts.
  await pageA.goto(`/w/${slugA}/alliances/new`);
  await expect(pageA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageA.getByLabel("Titre", { exact: true }).fill(title);
  await pageA.getByLabel("Résultats clés").fill("120 salariés bénévoles, 3 tonnes de légumes distribuées");
  const partner = pageA.getByTestId("partner-0");
  await partner.getByLabel("Organisation (nom, au moins 2 lettres)").fill(nameB.slice(0, 20));
  await partner.getByRole("button", { name: new RegExp(nameB) }).click();
  await pageA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageA, "Partage");
  await pageA.getByRole("button", { name: "Inviter à co-gérer" }).click();
  await expect(pageA.getByTestId("alliance-parties")).toContainText("invitée à co-gérer");

  await pageB.goto(`/w/${slugB}/notifications`);
  await expect(pageB.getByTestId("notifications")).toContainText(
    `${nameA} invite votre organisation à co-gérer « ${title} »`,
  );
  await expectAccessible(pageB);
  await pageB.goto(`/w/${slugB}/alliances`);
  await pageB.getByTestId("co-ownership-inbox").getByRole("button", { name: "Accepter" }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // B edits the shared core: A sees the change, who made it, and a notification.
  await pageB.getByRole("link", { name: "Modifier" }).click();
  await expect(pageB.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageB.getByLabel("Titre", { exact: true }).fill(`${title} — saison 2`);
  await pageB.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: `${title} — saison 2` })).toBeVisible();

  await pageA.goto(`/w/${slugA}`);
  const notificationsLink = pageA.getByRole("link", { name: /Notifications \(\d+ non lues?\)/ });
  await expect(notificationsLink).toBeVisible();
  await notificationsLink.click();
  await expect(pageA.getByTestId("notifications")).toContainText(
    `(${nameB}) a modifié l'alliance « ${title} — saison 2 »`,
  );
  await expectAccessible(pageA);
  await pageA.getByTestId("notifications").getByRole("link", { name: "Voir l'alliance" }).first().click();
  await expect(pageA.getByRole("heading", { level: 1, name: `${title} — saison 2` })).toBeVisible();
  await openSection(pageA, "Historique");
  await expect(pageA.getByTestId("alliance-history")).toContainText(`${nameB} · ${userB.email}`);

  // A edits too; B sees it.
  await pageA.getByRole("link", { name: "Modifier" }).click();
  await expect(pageA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageA.getByLabel("Résumé").fill("Des potagers solidaires au pied des immeubles, entretenus avec les salariés.");
  await pageA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageA).toHaveURL(/\/alliances\/[0-9a-f-]{36}$/);
  await expect(pageA.getByText("Des potagers solidaires au pied des immeubles")).toBeVisible();
  await pageB.reload();
  await expect(pageB.getByRole("heading", { level: 1, name: `${title} — saison 2` })).toBeVisible();
  await expect(pageB.getByText("Des potagers solidaires au pied des immeubles")).toBeVisible();
  await openSection(pageB, "Historique");
  await expect(pageB.getByTestId("alliance-history")).toContainText(`${nameA} · ${userA.email}`);

  // Each keeps a private note the other never sees.
  await openSection(pageA, "Couche privée");
  await pageA.getByLabel("Notes internes").fill("Note réservée à l'association");
  await pageA.getByRole("button", { name: "Enregistrer la couche privée" }).click();
  await expect(pageA.getByText("Couche privée enregistrée.")).toBeVisible();
  await openSection(pageB, "Couche privée");
  await pageB.getByLabel("Notes internes").fill("Note réservée à l'entreprise");
  await pageB.getByRole("button", { name: "Enregistrer la couche privée" }).click();
  await expect(pageB.getByText("Couche privée enregistrée.")).toBeVisible();
  await pageA.reload();
  await pageB.reload();
  await expect(pageA.locator("body")).not.toContainText("Note réservée à l'entreprise");
  await expect(pageB.locator("body")).not.toContainText("Note réservée à l'association");

  // A asks for publication: pending until B approves.
  await openSection(pageA, "Partage");
  await pageA.getByRole("button", { name: "Demander : Public : la bibliothèque des exemples inspirants" }).click();
  await expect(pageA.getByTestId("audience-requested")).toContainText("Public");
  await expect(pageA.getByTestId("audience-effective")).toContainText("Parties seulement");
  await expectAccessible(pageA);
  const library = await visitor.newPage();
  await library.goto("/bibliotheque");
  await expect(library.getByRole("heading", { level: 1, name: "Exemples inspirants" })).toBeVisible();
  await expect(library.locator("body")).not.toContainText(title);

  await pageB.reload();
  await openSection(pageB, "Partage");
  await expect(pageB.getByTestId("audience-panel")).toContainText("accord attendu");
  await pageB.getByRole("button", { name: "Approuver cette audience" }).click();
  await expect(pageB.getByTestId("audience-effective")).toContainText("Public");

  // Anyone can now read it, without signing in, with its public fields only.
  await library.reload();
  await expect(library.getByTestId("library-list")).toContainText(`${title} — saison 2`);
  await expectAccessible(library);
  await library.getByRole("link", { name: `${title} — saison 2` }).click();
  await expect(library.getByRole("heading", { level: 1, name: `${title} — saison 2` })).toBeVisible();
  await expect(library).toHaveTitle(new RegExp(`${title} — saison 2`));
  await expect(library.locator("body")).toContainText("3 tonnes de légumes distribuées");
  await expect(library.locator("body")).toContainText(nameA);
  await expect(library.locator("body")).not.toContainText("Note réservée");
  await expectAccessible(library);
  const publicUrl = library.url();
  const sitemap = await (await library.request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(new URL(publicUrl).pathname);

  // B withdraws: the page is gone and the list no longer shows it.
  await pageB.getByRole("button", { name: "Revenir aux parties seulement" }).click();
  await expect(pageB.getByTestId("audience-effective")).toContainText("Parties seulement");
  const gone = await library.goto(publicUrl);
  expect(gone?.status()).toBe(404);
  await library.goto("/bibliotheque");
  await expect(library.locator("body")).not.toContainText(title);
  expect(await (await library.request.get("/sitemap.xml")).text()).not.toContain(new URL(publicUrl).pathname);

  await contextA.close();
  await contextB.close();
  await visitor.close();
});
