import { expect, expectAccessible, test } from "../fixtures/test";

test("an operator reads the background jobs' queues from the operator page", async ({ page, context, signInAs }) => {
  await signInAs(context, "operateur@e2e.maillage.test");
  await page.goto("/operator");
  await page.getByRole("link", { name: "Travaux en arrière-plan (file d’attente)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Travaux en arrière-plan" })).toBeVisible();
  const queues = page.getByTestId("operator-queues");
  // The queues the migrations create, and the outbox the server's jobs ask for every 15 s.
  await expect(queues.getByRole("rowheader", { name: "import", exact: true })).toBeVisible();
  await expect(queues.getByRole("columnheader", { name: "En échec" })).toBeVisible();
  await expectAccessible(page);
});

test("anyone but an operator gets no queue page", async ({ page, context, signInAs }) => {
  await signInAs(context);
  const response = await page.goto("/operator/travaux");
  expect(response?.status()).toBe(404);
});
