import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { workspaces } from "../../db/schema";
import { getPublished } from "../../server/services/library/get-published";
import { listPublished } from "../../server/services/library/list-published";
import { LibraryFilters } from "../../server/services/library/schemas";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation, uniq } from "../factories";

const { db } = await openTestDatabase();

/** A workspace verified for its own organisation (named `name`). */
async function verified(name: string) {
  const f = await createWorkspaceWithRoles(db);
  const organisationId = await giveOrganisation(db, f.workspace.id, name);
  return { ...f, organisationId, owner: callerFor(db, f.users.owner), slug: f.workspace.slug };
}

/** Records an alliance in `by`'s workspace naming `partners`, and asks for the public library alone. */
async function publishAlone(
  by: { owner: ReturnType<typeof callerFor>; slug: string },
  partners: Array<{ organisationId: string } | { organisation: { name: string; kind: "entreprise" } }>,
) {
  const { id } = await by.owner.alliances.create({
    workspaceSlug: by.slug,
    ...allianceInput({ partners: partners.map((p) => ({ ...p, role: "partenaire" })) }),
  });
  await by.owner.alliances.requestAudience({ workspaceSlug: by.slug, allianceId: id, audience: "public" });
  return id;
}

const names = async (id: string) =>
  (await getPublished(db, id))?.parties.map((p) => ({ name: p.name, standing: p.standing, declaredBy: p.declaredBy }));

describe("the library names an organisation only on the word of its verified workspace", () => {
  it("never names an organisation that has a verified workspace until that workspace agrees, and leaves it out when it refuses", async () => {
    const association = await verified(`Association ${uniq("a")}`);
    const companyName = `Entreprise ${uniq("x")}`;
    const company = await verified(companyName);

    // The association names the company and publishes alone: the company is not named.
    const id = await publishAlone(association, [{ organisationId: company.organisationId }]);
    expect(await names(id)).toEqual([
      { name: expect.stringMatching(/^Association/), standing: "confirmed", declaredBy: null },
    ]);
    const listed = (await listPublished(db, LibraryFilters.parse({}))).items.find((i) => i.id === id);
    expect(JSON.stringify(listed)).not.toContain(companyName);

    // The company's verified workspace is asked; the association's is not, nor a stranger.
    const requests = await company.owner.alliances.mentionRequests({ workspaceSlug: company.slug });
    const request = requests.find((r) => r.allianceId === id)!;
    expect(request).toMatchObject({ declaredBy: expect.stringMatching(/^Association/) });
    expect(
      (await association.owner.alliances.mentionRequests({ workspaceSlug: association.slug })).find(
        (r) => r.allianceId === id,
      ),
    ).toBeUndefined();
    const stranger = callerFor(db, company.users.stranger);
    expect(
      (
        await rejection(
          stranger.alliances.answerMention({ workspaceSlug: company.slug, partyId: request.partyId, appear: true }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await rejection(
          association.owner.alliances.answerMention({
            workspaceSlug: association.slug,
            partyId: request.partyId,
            appear: true,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // An editor may read the request but not answer it (alliances.share).
    expect(
      (
        await rejection(
          callerFor(db, company.users.editor).alliances.answerMention({
            workspaceSlug: company.slug,
            partyId: request.partyId,
            appear: true,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    await company.owner.alliances.answerMention({
      workspaceSlug: company.slug,
      partyId: request.partyId,
      appear: false,
    });
    expect((await names(id))?.map((p) => p.name)).not.toContain(companyName);
    expect(
      (await company.owner.alliances.mentionRequests({ workspaceSlug: company.slug })).find((r) => r.allianceId === id),
    ).toBeUndefined();

    // Another alliance, and this time it agrees: named, as declared by the association.
    const second = await publishAlone(association, [{ organisationId: company.organisationId }]);
    const asked = (await company.owner.alliances.mentionRequests({ workspaceSlug: company.slug })).find(
      (r) => r.allianceId === second,
    )!;
    await company.owner.alliances.answerMention({ workspaceSlug: company.slug, partyId: asked.partyId, appear: true });
    expect(await names(second)).toContainEqual({
      name: companyName,
      standing: "declared",
      declaredBy: expect.stringMatching(/^Association/),
    });
  });

  it("shows a partner without a verified workspace as declared by the confirmed parties", async () => {
    const association = await verified(`Association ${uniq("a")}`);
    const partner = `Coopérative ${uniq("c")}`;
    const id = await publishAlone(association, [{ organisation: { name: partner, kind: "entreprise" } }]);
    expect(await names(id)).toContainEqual({
      name: partner,
      standing: "declared",
      declaredBy: expect.stringMatching(/^Association/),
    });
  });

  it("never puts the name of an organisation in the library on the word of a workspace not verified for it (the squatter)", async () => {
    const realName = `Groupe ${uniq("g")}`;
    const real = await verified(realName);
    // The squatter's workspace is bound to the same organisation, without a verified claim.
    const squatter = await createWorkspaceWithRoles(db);
    await db
      .update(workspaces)
      .set({ organisationId: real.organisationId })
      .where(eq(workspaces.id, squatter.workspace.id));
    const squatterOwner = callerFor(db, squatter.users.owner);
    const bystander = `Fondation ${uniq("f")}`;
    const id = await publishAlone({ owner: squatterOwner, slug: squatter.workspace.slug }, [
      { organisation: { name: bystander, kind: "entreprise" } },
    ]);

    const shown = await getPublished(db, id);
    expect(JSON.stringify(shown)).not.toContain(realName);
    expect(shown?.parties).toContainEqual(expect.objectContaining({ name: null, standing: "unverified" }));
    // What it declares is said to come from an unverified organisation.
    expect(shown?.parties).toContainEqual(
      expect.objectContaining({ name: bystander, standing: "declared", declaredBy: null }),
    );
    // The real organisation's workspace is not asked about an alliance it is not named in.
    expect(
      (await real.owner.alliances.mentionRequests({ workspaceSlug: real.slug })).find((r) => r.allianceId === id),
    ).toBeUndefined();
  });
});
