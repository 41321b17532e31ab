import { uniq } from "../../tests/factories";
import { linkFromMail } from "../fixtures/mailbox";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("a partner without a workspace is invited by email, creates its workspace and accepts", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
}) => {
  const contextA = await browser.newContext();
  const userA = await signInAs(contextA);
  const slugA = await workspaceOwnedBy(userA, `Maison des Solidarités ${uniq("a")}`);
  const pageA = await contextA.newPage();
  const title = `Épicerie solidaire ${uniq("t")}`;
  const partnerName = `Supérette du Quartier ${uniq("p")}`;
  const inviteeEmail = `${uniq("gerante")}@example.org`;

  // A records the alliance with a partner that is not on Maillage, and invites someone there by email.
  await pageA.goto(`/w/${slugA}/alliances/new`);
  await expect(pageA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageA.getByLabel("Titre", { exact: true }).fill(title);
  const partner = pageA.getByTestId("partner-0");
  await partner.getByLabel("Organisation (nom, au moins 2 lettres)").fill(partnerName);
  await partner.getByRole("button", { name: `Nouvelle organisation : « ${partnerName} »` }).click();
  await pageA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageA, "Partage");
  await pageA.getByLabel(`Adresse e-mail d'une personne de ${partnerName}`).fill(inviteeEmail);
  await pageA.getByRole("button", { name: "Inviter par e-mail" }).click();
  await expect(pageA.getByTestId("alliance-parties")).toContainText(`invitée par e-mail (${inviteeEmail})`);
  await expectAccessible(pageA);

  // The invitee opens the link from the email, signed in with that address.
  const link = await linkFromMail(inviteeEmail, /http:\/\/\S+\/alliance-invitations\/[A-Za-z0-9_-]{43}/);
  const contextB = await browser.newContext();
  await signInAs(contextB, inviteeEmail);
  const pageB = await contextB.newPage();
  await pageB.goto(new URL(link).pathname);
  await expect(pageB.getByRole("heading", { level: 1, name: "Invitation à co-gérer une alliance" })).toBeVisible();
  await expect(pageB.locator("main")).toContainText(title);
  // The organisation has no verified workspace here: the page says so before anything is accepted.
  await expect(pageB.getByTestId("organisation-unverified")).toContainText(
    `${partnerName} n'a pas d'espace vérifié sur Maillage`,
  );
  await expectAccessible(pageB);

  // No workspace yet: create the organisation's workspace, come back, accept.
  await expect(pageB.getByLabel("Nom de l'organisation")).toHaveValue(partnerName);
  await pageB.getByRole("button", { name: "Créer l'espace" }).click();
  await pageB.getByRole("button", { name: `Accepter pour ${partnerName}` }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageB, "Partage");
  await expect(pageB.getByTestId("alliance-parties")).toContainText("co-gère l'alliance");

  await pageA.reload();
  await expect(pageA.getByTestId("alliance-parties")).not.toContainText("invitée par e-mail");
  await openSection(pageA, "Historique");
  await expect(pageA.getByTestId("alliance-history")).toContainText(`${partnerName} · ${inviteeEmail}`);
  await contextA.close();
  await contextB.close();
});
