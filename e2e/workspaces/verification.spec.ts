import { eq } from "drizzle-orm";
import { workspaces } from "../../db/schema";
import { uniq, uniqueSiren } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("an owner asks for the organisation's verification, an operator verifies it, the settings say so", async ({
  browser,
  database,
  signInAs,
  workspaceOwnedBy,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const name = `Association des Jardins ${uniq("v")}`;
  const slug = await workspaceOwnedBy(user, name);
  await database.db.update(workspaces).set({ siren: uniqueSiren() }).where(eq(workspaces.slug, slug));
  const page = await context.newPage();

  await page.goto(`/w/${slug}/settings`);
  await expect(page.getByTestId("verification-status")).toContainText("n'est pas vérifié");
  // Too short a note is refused with a message next to the field.
  await page.getByLabel("Votre rôle dans l'organisation et comment le vérifier").fill("moi");
  await page.getByRole("button", { name: "Demander la vérification" }).click();
  await expect(page.getByText("Expliquez en 10 à 2 000 caractères")).toBeVisible();
  await page
    .getByLabel("Votre rôle dans l'organisation et comment le vérifier")
    .fill("Trésorière, joignable au numéro publié sur notre site.");
  await page.getByRole("button", { name: "Demander la vérification" }).click();
  await expect(page.getByTestId("verification-status")).toContainText("Demande de vérification envoyée");
  await expectAccessible(page);

  const operatorContext = await browser.newContext();
  await signInAs(operatorContext, "verificateur@e2e.maillage.test");
  const operator = await operatorContext.newPage();
  await operator.goto("/operator");
  const row = operator.getByTestId("operator-claims").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Trésorière, joignable");
  await expectAccessible(operator);
  await row.getByRole("button", { name: /^Vérifier/ }).click();
  await expect(row).toContainText("vérifiée");

  await page.reload();
  await expect(page.getByTestId("verification-status")).toContainText("Cet espace est vérifié pour");
  await context.close();
  await operatorContext.close();
});
