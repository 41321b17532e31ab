import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("an organisation named by another in a published alliance appears in the library only once its verified workspace agrees", async ({
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
  const nameA = `Association Citante ${uniq("a")}`;
  const slugA = await workspaceOwnedBy(userA, nameA);
  await organisationFor(slugA, nameA);
  const nameB = `Entreprise Citée ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  await organisationFor(slugB, nameB);
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  const title = `Alliance citée ${uniq("t")}`;

  // A records an alliance naming B (without inviting it to co-own) and publishes it alone.
  await pageA.goto(`/w/${slugA}/alliances/new`);
  await expect(pageA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageA.getByLabel("Titre", { exact: true }).fill(title);
  const partner = pageA.getByTestId("partner-0");
  await partner.getByLabel("Organisation (nom, au moins 2 lettres)").fill(nameB.slice(0, 24));
  await partner.getByRole("button", { name: new RegExp(nameB) }).click();
  await pageA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageA, "Partage");
  await pageA.getByRole("button", { name: "Demander : Public : la bibliothèque des exemples inspirants" }).click();
  await expect(pageA.getByTestId("audience-effective")).toContainText("Public");

  // Published, but B is not named: its verified workspace has not been asked yet.
  const library = await visitor.newPage();
  await library.goto("/bibliotheque");
  await library.getByRole("link", { name: title }).click();
  await expect(library.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(library.getByTestId("library-parties")).toContainText(nameA);
  await expect(library.locator("body")).not.toContainText(nameB);
  const publicUrl = library.url();

  // B's admins find the request on their alliances page and agree to appear.
  await pageB.goto(`/w/${slugB}/alliances`);
  const requests = pageB.getByTestId("mention-requests");
  await expect(requests).toContainText(`${nameA} vous cite`);
  await expect(requests).toContainText(title);
  await expectAccessible(pageB);
  await requests.getByRole("button", { name: "Accepter d'apparaître" }).click();
  await expect(pageB.getByTestId("mention-requests")).toHaveCount(0);

  // Now the library names B, as declared by A.
  await library.goto(publicUrl);
  await expect(library.getByTestId("library-parties")).toContainText(
    `${nameB} (Association) — partenaire déclaré par ${nameA}`,
  );
  await expectAccessible(library);
  await contextA.close();
  await contextB.close();
  await visitor.close();
});
