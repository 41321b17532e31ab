import { readFile } from "node:fs/promises";
import { uniq } from "../../tests/factories";
import { expect, test } from "../fixtures/test";

test("the filtered alliance list downloads as CSV with the alliances the filters keep", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const userA = await signInAs(context);
  const userB = await signInAs(await browser.newContext());
  const slugA = await workspaceOwnedBy(userA, `Association Export ${uniq("a")}`);
  const nameB = `Partenaire Export ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const title = `Alliance exportée ${uniq("t")}`;
  await coOwnedAlliance({ user: userA, slug: slugA }, { user: userB, slug: slugB, name: nameB }, title);
  const page = await context.newPage();

  await page.goto(`/w/${slugA}/alliances?sdgGoal=2`);
  // Built by a job on the server, then fetched from the export's own address.
  const [file, built] = await Promise.all([
    page.waitForEvent("download"),
    page.waitForResponse((r) => /\/w\/[^/]+\/exports\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname)),
    page.getByRole("link", { name: "CSV (toutes les pages)" }).click(),
  ]);
  expect(built.status()).toBe(200);
  await expect(page.getByText(`Fichier prêt : alliances-${slugA}.csv`)).toBeVisible();
  const csv = (await readFile((await file.path())!)).toString("utf8");
  expect(file.suggestedFilename()).toBe(`alliances-${slugA}.csv`);
  expect(csv).toContain("Référence;Titre;");
  expect(csv).toContain(title);
  expect(csv).toContain(nameB);

  // A filter that keeps nothing exports headers only.
  await page.goto(`/w/${slugA}/alliances?sdgGoal=9`);
  const [empty] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV (toutes les pages)" }).click(),
  ]);
  expect((await readFile((await empty.path())!)).toString("utf8")).not.toContain(title);
  await context.close();
});
