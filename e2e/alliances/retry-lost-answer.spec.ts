import { and, eq } from "drizzle-orm";
import { allianceTimeline } from "../../db/schema";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a timeline entry whose answer was lost is sent again with the same key and recorded once", async ({
  browser,
  database,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const slug = await workspaceOwnedBy(user, "Association du réseau coupé");
  const partnerContext = await browser.newContext();
  const partner = await signInAs(partnerContext);
  const partnerSlug = await workspaceOwnedBy(partner, "Entreprise partenaire");
  const allianceId = await coOwnedAlliance(
    { user, slug },
    { user: partner, slug: partnerSlug, name: "Entreprise partenaire" },
    "Alliance au réseau fragile",
  );
  const page = await context.newPage();

  // The first submission reaches the app, which records it, but its answer never reaches the
  // browser (the connection drops): the person sees a network error and submits again.
  const keys: Array<string | null> = [];
  let dropped = false;
  await page.route("**/api/trpc/alliances.addTimelineEntry**", async (route) => {
    keys.push(await route.request().headerValue("idempotency-key"));
    if (!dropped) {
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });

  await page.goto(`/w/${slug}/alliances/${allianceId}?section=journal`);
  await page.getByRole("button", { name: "Ajouter à la chronologie" }).click();
  const form = page.getByRole("dialog").getByRole("form", { name: "Ajouter à la chronologie" });
  await form.getByLabel("Titre").fill("Comité de pilotage de décembre");
  await form.getByRole("button", { name: "Ajouter à la chronologie" }).click();
  await expect(form.getByText("Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.")).toBeVisible();
  await expectAccessible(page);

  await form.getByRole("button", { name: "Ajouter à la chronologie" }).click();
  // Saved: the dialog closes and says so next to the button that opened it.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Entrée ajoutée à la chronologie." })).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);

  await page.reload();
  await expect(page.getByText("Comité de pilotage de décembre").first()).toBeVisible();
  const stored = await database.db
    .select({ id: allianceTimeline.id })
    .from(allianceTimeline)
    .where(
      and(eq(allianceTimeline.allianceId, allianceId), eq(allianceTimeline.title, "Comité de pilotage de décembre")),
    );
  expect(stored).toHaveLength(1);
  await context.close();
  await partnerContext.close();
});
