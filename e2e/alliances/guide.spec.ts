import { uniq } from "../../tests/factories";
import { expect, expectAccessible, openSection, test } from "../fixtures/test";

test("two partners answer the 'prepare the partnership' questions together and download the framing sheet", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const userA = await signInAs(contextA);
  const userB = await signInAs(contextB);
  const nameA = `Association Cadrage ${uniq("a")}`;
  const slugA = await workspaceOwnedBy(userA, nameA);
  const nameB = `Entreprise Cadrage ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const id = await coOwnedAlliance(
    { user: userA, slug: slugA },
    { user: userB, slug: slugB, name: nameB },
    `Alliance cadrée ${uniq("t")}`,
  );

  const pageA = await contextA.newPage();
  await pageA.goto(`/w/${slugA}/alliances/${id}`);
  await openSection(pageA, "Cadrage");
  await expect(pageA.getByTestId("guide-progress")).toHaveText("0 sur 20 questions répondues");
  const stageA = pageA.getByTestId("guide-stage-preparation_partenariat");
  await stageA.getByText("Préparation du partenariat : 0/4").click();
  const needA = stageA.getByTestId("guide-question-shared_need");
  await needA.getByLabel("Votre réponse").fill("Des jeunes sans stage faute de réseau.");
  await needA.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(needA.getByText(`(${nameA})`, { exact: false })).toBeVisible();
  await expectAccessible(pageA);

  const pageB = await contextB.newPage();
  await pageB.goto(`/w/${slugB}/alliances/${id}?section=cadrage`);
  const stageB = pageB.getByTestId("guide-stage-preparation_partenariat");
  await stageB.getByText("Préparation du partenariat : 1/4").click();
  await expect(stageB.getByTestId("guide-question-shared_need")).toContainText(
    "Des jeunes sans stage faute de réseau.",
  );
  const goalB = stageB.getByTestId("guide-question-common_goal");
  await goalB.getByLabel("Votre réponse").fill("Trente stages trouvés d'ici juin.");
  await goalB.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(goalB.getByText(`(${nameB})`, { exact: false })).toBeVisible();

  await pageA.reload();
  await expect(pageA.getByTestId("guide-progress")).toHaveText("2 sur 20 questions répondues");
  const sheet = await pageA.request.get((await pageA.getByTestId("framing-sheet").getAttribute("href"))!);
  expect(sheet.status()).toBe(200);
  expect(sheet.headers()["content-type"]).toBe("application/pdf");
  expect((await sheet.body()).subarray(0, 5).toString()).toBe("%PDF-");
});
