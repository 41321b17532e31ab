import { organisations } from "../../db/schema";
import { uniq, uniqueSiren } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a partner typed as new whose SIREN is already known is shown under its known name before saving", async ({
  browser,
  database,
  signInAs,
  workspaceOwnedBy,
}) => {
  const siren = uniqueSiren();
  const knownName = `Boulangerie Martin ${uniq("k")}`;
  await database.db
    .insert(organisations)
    .values({ name: knownName, searchName: knownName.toLowerCase(), kind: "entreprise", siren });
  const context = await browser.newContext();
  const me = await signInAs(context);
  const slug = await workspaceOwnedBy(me, `Association ${uniq("e2e")}`);
  const page = await context.newPage();

  await page.goto(`/w/${slug}/alliances/new`);
  await expect(page.getByTestId("alliance-form")).toHaveAttribute("data-ready", "true");
  const partner = page.getByTestId("partner-0");
  await partner.getByLabel("Organisation (nom, au moins 2 lettres)").fill("La boulangerie du coin");
  await partner.getByRole("button", { name: /Nouvelle organisation/ }).click();
  await partner.getByLabel("SIREN").fill(siren.replace(/(\d{3})(\d{3})(\d{3})/, "$1 $2 $3"));
  const notice = partner.getByRole("status");
  await expect(notice).toContainText(`sous le nom « ${knownName} »`);
  await expectAccessible(page);
  await notice.getByRole("button", { name: `Choisir « ${knownName} »` }).click();
  await expect(partner).toContainText(`Choisie : ${knownName}`);
  await context.close();
});
