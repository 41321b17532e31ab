import { eq } from "drizzle-orm";
import { DEFAULT_QUESTIONS } from "../../domain/evaluation";
import { evaluationCycles, evaluationParticipants, workspaces } from "../../db/schema";
import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("'Mes actions' lists what waits for the workspace, and a keyboard user reaches the evaluation to fill in", async ({
  browser,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
  database,
}) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const userA = await signInAs(contextA);
  const userB = await signInAs(contextB);
  const slugA = await workspaceOwnedBy(userA, `Association Actions ${uniq("a")}`);
  const nameB = `Partenaire Actions ${uniq("b")}`;
  const slugB = await workspaceOwnedBy(userB, nameB);
  const title = `Alliance à évaluer ${uniq("t")}`;
  const allianceId = await coOwnedAlliance(
    { user: userA, slug: slugA },
    { user: userB, slug: slugB, name: nameB },
    title,
  );

  // A cycle opened by A, due in ten days, that B has not answered (written as the database owner;
  // opening cycles in the browser is covered by evaluate.spec.ts).
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const [wsA] = await database.db.select().from(workspaces).where(eq(workspaces.slug, slugA));
  const [wsB] = await database.db.select().from(workspaces).where(eq(workspaces.slug, slugB));
  const [cycle] = await database.db
    .insert(evaluationCycles)
    .values({ allianceId, period: "2026", dueOn: due, questions: DEFAULT_QUESTIONS, openedByWorkspaceId: wsA!.id })
    .returning();
  await database.db.insert(evaluationParticipants).values([
    { cycleId: cycle!.id, allianceId, workspaceId: wsA!.id, organisationName: "A" },
    { cycleId: cycle!.id, allianceId, workspaceId: wsB!.id, organisationName: nameB },
  ]);

  const page = await contextB.newPage();
  await page.goto(`/w/${slugB}`);
  const actions = page.getByTestId("my-actions");
  await expect(actions.getByRole("heading", { level: 2, name: "Mes actions" })).toBeVisible();
  const cycles = page.getByTestId("my-actions-cycles");
  await expect(cycles.getByRole("heading", { name: "Une évaluation à remplir" })).toBeVisible();
  await expectAccessible(page);
  const link = cycles.getByRole("link", { name: `« ${title} », période 2026` });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/alliances/${allianceId}/evaluations/${cycle!.id}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2026");

  // A workspace with nothing waiting says so in one sentence.
  const lonely = await workspaceOwnedBy(userB, `Espace calme ${uniq("c")}`);
  await page.goto(`/w/${lonely}`);
  await expect(page.getByTestId("my-actions")).toContainText("Rien n'attend votre espace");
  await contextA.close();
  await contextB.close();
});
