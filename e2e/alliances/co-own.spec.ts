import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("two organisations co-own one alliance: invite, accept, each sees the other's change", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  organisationFor,
}) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const userA = await signInAs(contextA);
  const userB = await signInAs(contextB);
  const slugA = await workspaceOwnedBy(userA, `Association ${uniq("a")}`);
  const nameB = `Entreprise Partenaire ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  await organisationFor(slugB, nameB);
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  const title = `Alliance partagée ${uniq("t")}`;

  // A records the alliance, naming B's organisation from the directory.
  await pageA.goto(`/w/${slugA}/alliances/new`);
  await expect(pageA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageA.getByLabel("Titre", { exact: true }).fill(title);
  const partner = pageA.getByTestId("partner-0");
  await partner.getByLabel("Organisation (nom, au moins 2 lettres)").fill(nameB.slice(0, 22));
  await partner.getByRole("button", { name: new RegExp(nameB) }).click();
  await pageA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // A invites B's workspace to co-own it.
  await openSection(pageA, "Partage");
  await pageA.getByRole("button", { name: "Inviter à co-gérer" }).click();
  await expect(pageA.getByTestId("alliance-parties")).toContainText("invitée à co-gérer");
  await expectAccessible(pageA);

  // B's owner sees the invitation (title and inviter only) and accepts it.
  await pageB.goto(`/w/${slugB}/alliances`);
  const inbox = pageB.getByTestId("co-ownership-inbox");
  await expect(inbox).toContainText(title);
  await expectAccessible(pageB);
  await inbox.getByRole("button", { name: "Accepter" }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageB, "Partage");
  await expect(pageB.getByTestId("alliance-parties")).toContainText("co-gère l'alliance");

  // B edits the shared core; A sees it.
  await pageB.getByRole("link", { name: "Modifier" }).click();
  await expect(pageB.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageB.getByLabel("Titre", { exact: true }).fill(`${title} (revu par B)`);
  await pageB.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: `${title} (revu par B)` })).toBeVisible();
  await pageA.reload();
  await expect(pageA.getByRole("heading", { level: 1, name: `${title} (revu par B)` })).toBeVisible();
  await expect(pageA.getByTestId("alliance-parties")).toContainText("co-gère l'alliance");

  // A writes in its private layer; B never sees it.
  await openSection(pageA, "Couche privée");
  await pageA.getByLabel("Notes internes").fill("Point de vigilance réservé à A");
  await pageA.getByRole("button", { name: "Enregistrer la couche privée" }).click();
  await expect(pageA.getByText("Couche privée enregistrée.")).toBeVisible();
  await expectAccessible(pageA);
  await pageB.reload();
  await openSection(pageB, "Couche privée");
  await expect(pageB.getByTestId("private-layer")).toBeVisible();
  await expect(pageB.locator("body")).not.toContainText("Point de vigilance réservé à A");

  // B leaves; the alliance disappears from B's list.
  await pageB.getByRole("button", { name: "Quitter l'alliance" }).click();
  await pageB.getByRole("button", { name: "Quitter l'alliance" }).click();
  await expect(pageB).toHaveURL(new RegExp(`/w/${slugB}/alliances$`));
  await expect(pageB.getByTestId("alliance-count")).toHaveText("Aucune alliance");
  await contextA.close();
  await contextB.close();
});
