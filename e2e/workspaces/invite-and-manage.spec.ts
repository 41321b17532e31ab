import { uniq } from "../../tests/factories";
import { linkFromMail } from "../fixtures/mailbox";
import { expect, expectAccessible, test } from "../fixtures/test";

test("an owner creates a workspace, invites a colleague who accepts, changes the role, and reads the audit log", async ({
  browser,
  signInAs,
}) => {
  const ownerContext = await browser.newContext();
  await signInAs(ownerContext);
  const owner = await ownerContext.newPage();

  await owner.goto("/workspaces");
  await expectAccessible(owner);
  const name = `Association ${uniq("e2e")}`;
  await owner.getByLabel("Nom de l'organisation").fill(name);
  await owner.getByLabel("Type d'organisation").selectOption("association");
  await owner.getByLabel("Numéro RNA").fill("W123456789");
  await owner.getByLabel("SIREN").fill("123456789");
  await owner.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(owner.getByText("Ce SIREN n'est pas valide")).toBeVisible();
  await expectAccessible(owner);
  await owner.getByLabel("SIREN").fill("");
  await owner.getByRole("button", { name: "Créer l'espace" }).click();

  await expect(owner).toHaveURL(/\/w\/association-e2e-/);
  const slug = new URL(owner.url()).pathname.split("/")[2]!;
  await expect(owner.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectAccessible(owner);

  await owner.getByRole("link", { name: "Membres" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "Membres" })).toBeVisible();
  await expectAccessible(owner);
  const colleague = `${uniq("colleague")}@example.org`;
  await owner.getByLabel("Adresse e-mail").fill(colleague);
  await owner.getByLabel("Rôle", { exact: true }).selectOption("editor");
  await owner.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(owner.getByTestId("invite-sent")).toContainText(colleague);
  await expect(owner.getByTestId("pending-invitations")).toContainText(colleague);

  const link = await linkFromMail(colleague, /http:\/\/localhost:3100\/invitations\/[A-Za-z0-9_-]{43}/);
  const colleagueContext = await browser.newContext();
  await signInAs(colleagueContext, colleague);
  const invitee = await colleagueContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`rejoindre « ${name} »`)).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByRole("button", { name: "Accepter l'invitation" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/w/${slug}$`));
  await expect(invitee.getByTestId("my-role")).toHaveText("Éditeur·rice");

  await owner.reload();
  const row = owner.getByTestId(`member-${colleague}`);
  await row.getByLabel(`Rôle de ${colleague}`).selectOption("viewer");
  await row.getByRole("button", { name: "Enregistrer" }).click();
  await expect(row.getByRole("status")).toHaveText(`Rôle de ${colleague} modifié.`);

  await owner.getByRole("link", { name: "Journal d'audit" }).click();
  const audit = owner.getByTestId("audit-table");
  await expect(audit).toContainText("Changement de rôle");
  await expect(audit).toContainText("Invitation acceptée");
  await expect(audit).toContainText("Création de l'espace");
  await expectAccessible(owner);

  // The colleague, now a viewer, has no audit log link and cannot open it.
  await invitee.reload();
  await expect(invitee.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
  const response = await invitee.goto(`/w/${slug}/audit`);
  expect(response?.status()).toBe(404);

  await ownerContext.close();
  await colleagueContext.close();
});

test("a member of another workspace gets a 404, not the workspace", async ({ browser, signInAs }) => {
  const context = await browser.newContext();
  await signInAs(context);
  const page = await context.newPage();
  const response = await page.goto("/w/jardins-du-lien/members");
  expect(response?.status()).toBe(404);
  await expectAccessible(page);
  await context.close();
});
