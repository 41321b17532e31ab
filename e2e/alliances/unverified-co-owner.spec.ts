import { eq } from "drizzle-orm";
import { organisationClaims, workspaces } from "../../db/schema";
import { uniq } from "../../tests/factories";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a co-owner whose workspace is not verified for its organisation is marked so to the other parties", async ({
  browser,
  database,
  signInAs,
  workspaceOwnedBy,
  coOwnedAlliance,
}) => {
  const context = await browser.newContext();
  const me = await signInAs(context);
  const slug = await workspaceOwnedBy(me, `Association ${uniq("a")}`);
  const partnerContext = await browser.newContext();
  const partner = await signInAs(partnerContext);
  const partnerName = `Entreprise ${uniq("p")}`;
  const partnerSlug = await workspaceOwnedBy(partner, partnerName);
  const allianceId = await coOwnedAlliance(
    { user: me, slug },
    { user: partner, slug: partnerSlug, name: partnerName },
    `Alliance ${uniq("t")}`,
  );
  const page = await context.newPage();

  await page.goto(`/w/${slug}/alliances/${allianceId}?section=partage`);
  const parties = page.getByTestId("alliance-parties");
  await expect(parties).toContainText(partnerName);
  await expect(parties.getByText("non vérifié")).toHaveCount(0);

  // The operator withdraws the partner's verification: the other party now sees the mark.
  const [partnerWorkspace] = await database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, partnerSlug));
  await database.db
    .update(organisationClaims)
    .set({ status: "revoked" })
    .where(eq(organisationClaims.workspaceId, partnerWorkspace!.id));
  await page.reload();
  await expect(parties.getByText("non vérifié")).toHaveCount(1);
  await expectAccessible(page);
  await context.close();
  await partnerContext.close();
});
