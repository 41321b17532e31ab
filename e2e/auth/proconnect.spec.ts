import { eq } from "drizzle-orm";
import { workspaces } from "../../db/schema";
import { siretOf, uniq, uniqueSiren } from "../../tests/factories";
import { expect, expectAccessible, test, openSection } from "../fixtures/test";

test("ProConnect through the local OpenID provider: sign in and out, a refused replay, a workspace verified, a verified partner invited and accepting", async ({
  browser,
  database,
  signInAs,
  workspaceOwnedBy,
  organisationFor,
}) => {
  // A newcomer signs in with ProConnect from the sign-in page.
  const newcomer = await browser.newContext();
  const page = await newcomer.newPage();
  let callbackUrl: string | null = null;
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/callback/proconnect")) callbackUrl = request.url();
  });
  await page.goto("/signin");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Se connecter avec ProConnect" }).click();
  await expect(page.getByRole("heading", { name: "Fournisseur d'identité de test" })).toBeVisible();
  const email = `${uniq("agent")}@entreprise.example`;
  await page.getByLabel("Identifiant").fill(email);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mes espaces de travail" })).toBeVisible();

  // Signing out ends the provider's session too, then comes back to the sign-in page.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/signin(\?.*)?$/);
  await expect(page.getByRole("button", { name: "Se connecter avec ProConnect" })).toBeVisible();

  // The provider's answer replayed: a clear refusal, no session.
  expect(callbackUrl).toBeTruthy();
  await page.goto(callbackUrl!);
  await expect(page.getByTestId("signin-error")).toContainText(
    "a déjà servi ou ne correspond à aucune connexion en cours",
  );
  await expectAccessible(page);
  await newcomer.close();

  // A company's admin verifies its workspace by signing in with ProConnect for one of its establishments.
  const contextB = await browser.newContext();
  const userB = await signInAs(contextB);
  const nameB = `Entreprise Vérifiée ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const siren = uniqueSiren();
  await database.db.update(workspaces).set({ siren }).where(eq(workspaces.slug, slugB));
  const pageB = await contextB.newPage();
  await pageB.goto(`/w/${slugB}/settings`);
  await expect(pageB.getByTestId("verification-status")).toContainText("n'est pas vérifié");
  await expectAccessible(pageB);

  // First with an establishment of another company: refused, and the page says why.
  const elsewhere = siretOf(uniqueSiren());
  await pageB.getByRole("button", { name: "Vérifier avec ProConnect" }).click();
  await pageB.getByLabel("Identifiant").fill(`${userB.email};${elsewhere}`);
  await pageB.getByRole("button", { name: "Se connecter" }).click();
  await expect(pageB).toHaveURL(new RegExp(`/w/${slugB}/settings$`));
  await expect(pageB.getByTestId("verification-status")).toContainText("n'est pas vérifié");
  await expect(pageB.getByTestId("proconnect-result")).toContainText(
    `SIRET ${elsewhere}, qui n'appartient pas au SIREN ${siren}`,
  );

  // Then for its own establishment (signed out of the provider first, which would otherwise
  // answer for the same establishment again): verified at once.
  await contextB.clearCookies({ domain: "127.0.0.1" });
  await pageB.getByRole("button", { name: "Vérifier avec ProConnect" }).click();
  await pageB.getByLabel("Identifiant").fill(`${userB.email};${siretOf(siren)}`);
  await pageB.getByRole("button", { name: "Se connecter" }).click();
  await expect(pageB).toHaveURL(new RegExp(`/w/${slugB}/settings$`));
  await expect(pageB.getByTestId("verification-status")).toContainText(`Cet espace est vérifié pour « ${nameB} »`);
  await expect(pageB.getByTestId("verification-status")).toContainText("Vérifié par une connexion ProConnect");
  await expectAccessible(pageB);
  await pageB.goto(`/w/${slugB}/audit`);
  await expect(pageB.getByTestId("audit-table")).toContainText("Organisation vérifiée par ProConnect");

  // An association names the verified company as partner and invites it to co-own; it accepts.
  const contextA = await browser.newContext();
  const userA = await signInAs(contextA);
  const slugA = await workspaceOwnedBy(userA, `Association ${uniq("a")}`);
  await organisationFor(slugA, `Association ${uniq("oa")}`);
  const pageA = await contextA.newPage();
  const title = `Alliance vérifiée ${uniq("t")}`;
  await pageA.goto(`/w/${slugA}/alliances/new`);
  await expect(pageA.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  await pageA.getByLabel("Titre", { exact: true }).fill(title);
  const partner = pageA.getByTestId("partner-0");
  await partner.getByLabel("Organisation (nom, au moins 2 lettres)").fill(nameB.slice(0, 24));
  await partner.getByRole("button", { name: new RegExp(nameB) }).click();
  await pageA.getByRole("button", { name: "Enregistrer l'alliance" }).click();
  await expect(pageA.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageA, "Partage");
  await pageA.getByRole("button", { name: "Inviter à co-gérer" }).click();
  await expect(pageA.getByTestId("alliance-parties")).toContainText("invitée à co-gérer");

  await pageB.goto(`/w/${slugB}/alliances`);
  const inbox = pageB.getByTestId("co-ownership-inbox");
  await expect(inbox).toContainText(title);
  await inbox.getByRole("button", { name: "Accepter" }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openSection(pageB, "Partage");
  await expect(pageB.getByTestId("alliance-parties")).toContainText("co-gère l'alliance");
  await expect(pageB.getByTestId("alliance-parties")).not.toContainText("non vérifié");
  await contextA.close();
  await contextB.close();
});
