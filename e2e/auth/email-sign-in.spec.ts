import { uniq } from "../../tests/factories";
import { linkFromMail } from "../fixtures/mailbox";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a person signs in with the link sent by email, then signs out", async ({ page }) => {
  const email = `${uniq("signin")}@example.org`;
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir le lien de connexion" }).click();
  await expect(page.getByTestId("check-email")).toBeVisible();
  await expectAccessible(page);

  const link = await linkFromMail(email, /http:\/\/localhost:3100\/api\/auth\/callback\/email\?[^\s"<]+/);
  await page.goto(link);
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong address is refused with a readable message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Recevoir le lien de connexion" }).click();
  await expect(page.getByText("Saisissez une adresse e-mail valide")).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("demo mode offers one-click sign-in as each persona", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Entrer comme Julien Bernard/ }).click();
  await expect(page).toHaveURL(/\/w\/boulangeries-du-val$/);
  await expect(page.getByTestId("current-workspace")).toHaveText("Boulangeries Coopératives du Val");
  await expect(page.getByTestId("my-role")).toHaveText("Propriétaire");
  await expectAccessible(page);
});
