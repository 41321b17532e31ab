import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("an owner downloads the workspace archive, deletes the workspace, then deletes their account", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const user = await signInAs(context);
  const name = `Association RGPD ${uniq("g")}`;
  const slug = await workspaceOwnedBy(user, name);
  const page = await context.newPage();

  await page.goto(`/w/${slug}/settings`);
  const [archive] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger l'archive de l'espace (ZIP)" }).click(),
  ]);
  const files = unzipSync(new Uint8Array(await readFile((await archive.path())!)));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(["workspaces.json", "members.json", "alliances.json", "alliances.csv", "audit_events.json"]),
  );
  expect(JSON.parse(strFromU8(files["workspaces.json"]!))[0].name).toBe(name);

  // An owner cannot delete their account while they own a workspace.
  await page.goto("/compte");
  await expect(page.getByRole("note")).toContainText(name);
  await page.getByLabel(/Pour confirmer, saisissez votre adresse/).fill(user.email);
  await page.getByRole("button", { name: "Supprimer mon compte" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Transmettez la propriété" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel(/Pour confirmer, saisissez le nom de l'espace/).fill(name);
  await page.getByRole("button", { name: "Supprimer l'espace" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  expect((await page.goto(`/w/${slug}`))!.status()).toBe(404);

  await page.goto("/compte");
  await page.getByLabel(/Pour confirmer, saisissez votre adresse/).fill(user.email);
  await page.getByRole("button", { name: "Supprimer mon compte" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/signin/);
  await context.close();
});
