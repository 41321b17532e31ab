import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("an admin creates an API token, sees it once, reads the workspace through the API, adds a webhook, then revokes the token", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const slug = await workspaceOwnedBy(user, `Fondation API ${uniq("f")}`);
  const page = await context.newPage();

  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel("Nom du jeton").fill("Entrepôt de données");
  await page.getByLabel("Droits").selectOption("read");
  await page.getByRole("button", { name: "Créer le jeton" }).click();
  await expect(page.getByTestId("new-token")).toContainText("il ne sera plus jamais affiché");
  const token = await page.getByLabel("Nouveau jeton").inputValue();
  expect(token).toMatch(/^mlg_/);
  await expect(page.getByTestId("api-tokens")).toContainText("Entrepôt de données");
  await expect(page.getByTestId("api-tokens")).toContainText("Jamais utilisé");
  await expectAccessible(page);

  // A separate client (no session cookie): only the token opens the API.
  const api = await browser.newContext({
    extraHTTPHeaders: { Authorization: `Bearer ${token}`, "Accept-Language": "en" },
  });
  const list = await api.request.get("/api/v1/alliances?limit=5");
  expect(list.status()).toBe(200);
  expect(await list.json()).toMatchObject({ items: expect.any(Array) });
  const write = await api.request.post("/api/v1/alliances", { data: { title: "Non" } });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.message).toBe("This token is read-only.");

  // The documentation is public and lists the routes.
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1, name: "API de Maillage" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /alliances", exact: true })).toBeVisible();
  await expectAccessible(page);
  const openapi = await page.request.get("/api/v1/openapi.json");
  expect((await openapi.json()).openapi).toBe("3.1.0");

  await page.goto(`/w/${slug}/settings`);
  await expect(page.getByTestId("api-tokens")).toContainText("Dernier appel");

  // A webhook: an address that is not HTTPS is refused, an HTTPS one is kept with its secret shown once.
  await page.getByLabel("Adresse (HTTPS)").fill("http://crm.exemple.fr/maillage");
  await page.getByRole("button", { name: "Ajouter le webhook" }).click();
  await expect(page.getByText("Donnez une adresse HTTPS complète")).toBeVisible();
  await page.getByLabel("Adresse (HTTPS)").fill("https://crm.exemple.fr/maillage");
  await page.getByLabel("Cycle d'évaluation clos").check();
  await page.getByRole("button", { name: "Ajouter le webhook" }).click();
  await expect(page.getByLabel("Secret de signature (affiché une seule fois)")).toHaveValue(/^whsec_/);
  await expect(page.getByTestId("webhook")).toContainText("Alliance créée, Alliance modifiée, Cycle d'évaluation clos");
  await expect(page.getByTestId("webhook")).toContainText("Aucun envoi pour l'instant.");
  await page.getByRole("button", { name: "Révoquer le jeton « Entrepôt de données »" }).click();
  await expect(page.getByTestId("api-tokens")).toContainText("Révoqué");
  expect((await api.request.get("/api/v1/alliances")).status()).toBe(401);
  await api.close();
  await context.close();
});
