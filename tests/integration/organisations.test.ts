import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isValidSiret } from "../../domain/identifiers";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, uniqueSiren } from "../factories";

const { db } = await openTestDatabase();

describe("what a workspace knows privately about an organisation", () => {
  it("keeps notes, tags and contacts per workspace while the identity is shared", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const editorA = callerFor(db, a.users.editor);
    const partner = { name: "Fondation Pour Demain", kind: "fondation" as const, rna: "W691234567" };
    const { id: allianceA } = await editorA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ partners: [{ organisation: partner, role: "financeur" }] }),
    });
    const editorB = callerFor(db, b.users.editor);
    await editorB.alliances.create({
      workspaceSlug: b.workspace.slug,
      ...allianceInput({ partners: [{ organisation: partner, role: "partenaire" }] }),
    });
    const organisationId = (
      await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id: allianceA })
    ).parties.find((p) => !p.isMine)!.organisationId;

    await editorA.organisations.saveNotes({
      workspaceSlug: a.workspace.slug,
      organisationId,
      notes: "Comité d'attribution en mars.",
      tags: ["mécène", "mécène"],
      version: 0,
    });
    await editorA.organisations.addContact({
      workspaceSlug: a.workspace.slug,
      organisationId,
      name: "Claire Dupont",
      role: "Chargée de mission",
      email: "Claire@Exemple.fr",
      phone: "04 75 00 00 00",
    });
    const seenByA = await editorA.organisations.get({ workspaceSlug: a.workspace.slug, id: organisationId });
    expect(seenByA).toMatchObject({
      name: "Fondation Pour Demain",
      notes: "Comité d'attribution en mars.",
      tags: ["mécène"],
      notesVersion: 1,
    });
    expect(seenByA.contacts).toEqual([expect.objectContaining({ name: "Claire Dupont", email: "claire@exemple.fr" })]);
    expect(seenByA.alliances.map((x) => x.id)).toEqual([allianceA]);

    const seenByB = await editorB.organisations.get({ workspaceSlug: b.workspace.slug, id: organisationId });
    expect(seenByB).toMatchObject({ name: "Fondation Pour Demain", notes: null, tags: [], contacts: [] });
    expect(seenByB.alliances.map((x) => x.id)).not.toContain(allianceA);

    // B cannot remove A's contact, even knowing its id.
    const contactId = seenByA.contacts[0]!.id;
    expect(
      (await rejection(editorB.organisations.deleteContact({ workspaceSlug: b.workspace.slug, contactId }))).code,
    ).toBe("NOT_FOUND");

    const list = await editorA.organisations.list({ workspaceSlug: a.workspace.slug });
    expect(list.find((o) => o.id === organisationId)).toMatchObject({ alliances: 1, tags: ["mécène"] });

    const stale = await rejection(
      editorA.organisations.saveNotes({
        workspaceSlug: a.workspace.slug,
        organisationId,
        notes: "Écrasement",
        tags: [],
        version: 0,
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    await editorA.organisations.deleteContact({ workspaceSlug: a.workspace.slug, contactId });
    expect((await editorA.organisations.get({ workspaceSlug: a.workspace.slug, id: organisationId })).contacts).toEqual(
      [],
    );
  });
});

describe("a new partner's identity", () => {
  it("keeps SIRET (and the SIREN it contains), legal category and website, and reuses it by SIRET later", async () => {
    const a = await createWorkspaceWithRoles(db);
    const editor = callerFor(db, a.users.editor);
    const partner = {
      name: "Menuiserie Coopérative",
      kind: "entreprise" as const,
      siret: "48851234400018",
      legalCategory: "5710",
      website: "https://menuiserie.example.org",
    };
    const { id } = await editor.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ partners: [{ organisation: partner, role: "operateur" }] }),
    });
    const organisationId = (await editor.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
      (p) => !p.isMine,
    )!.organisationId;
    const organisation = await editor.organisations.get({ workspaceSlug: a.workspace.slug, id: organisationId });
    expect(organisation).toMatchObject({
      siret: "48851234400018",
      siren: "488512344",
      legalCategory: "5710",
      website: "https://menuiserie.example.org",
    });
    const bad = await rejection(
      editor.alliances.create({
        workspaceSlug: a.workspace.slug,
        ...allianceInput({
          partners: [{ organisation: { ...partner, siret: "48851234400019", legalCategory: "57" }, role: "operateur" }],
        }),
      }),
    );
    const messages = (bad.cause as unknown as { issues: Array<{ message: string }> }).issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["errors.identifiers.siret", "errors.organisation.legalCategory"]));
  });
});

describe("one identity per legal entity", () => {
  it("reuses the organisation of a SIREN when a partner is given by one of its SIRETs", async () => {
    const a = await createWorkspaceWithRoles(db);
    const editor = callerFor(db, a.users.editor);
    const bySiren = await editor.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({
        partners: [
          { organisation: { name: "Coopérative Siège", kind: "entreprise", siren: "356000000" }, role: "financeur" },
        ],
      }),
    });
    const bySiret = await editor.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({
        partners: [
          {
            organisation: { name: "Coopérative Agence Sud", kind: "entreprise", siret: "35600000049800" },
            role: "financeur",
          },
        ],
      }),
    });
    const partnerOf = async (id: string) =>
      (await editor.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find((p) => !p.isMine)!
        .organisationId;
    expect(await partnerOf(bySiret.id)).toBe(await partnerOf(bySiren.id));
  });
});

describe("a partner described as new whose identifier is already known", () => {
  it("is found by SIREN, by a SIRET of that SIREN and by RNA, so the form can show the known name before saving", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const siren = uniqueSiren();
    const rna = `W${String(randomInt(100_000_000, 999_999_999))}`;
    const editorA = callerFor(db, a.users.editor);
    await editorA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({
        partners: [
          { organisation: { name: "Coopérative des Trois Vallées", kind: "entreprise", siren }, role: "partenaire" },
        ],
      }),
    });
    await editorA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({
        partners: [{ organisation: { name: "Amicale du Plateau", kind: "association", rna }, role: "partenaire" }],
      }),
    });
    // Another workspace typing the same identifiers learns the directory's names.
    const viewerB = callerFor(db, b.users.viewer);
    const ws = b.workspace.slug;
    expect(await viewerB.organisations.matchIdentifiers({ workspaceSlug: ws, siren })).toMatchObject({
      name: "Coopérative des Trois Vallées",
      siren,
    });
    const siret = Array.from({ length: 100 }, (_, i) => `${siren}${String(i + 1).padStart(5, "0")}`).find(
      isValidSiret,
    )!;
    expect(await viewerB.organisations.matchIdentifiers({ workspaceSlug: ws, siret })).toMatchObject({
      name: "Coopérative des Trois Vallées",
    });
    expect(await viewerB.organisations.matchIdentifiers({ workspaceSlug: ws, rna: rna.toLowerCase() })).toMatchObject({
      name: "Amicale du Plateau",
    });
    expect(await viewerB.organisations.matchIdentifiers({ workspaceSlug: ws, siren: uniqueSiren() })).toBeNull();
    expect(await viewerB.organisations.matchIdentifiers({ workspaceSlug: ws })).toBeNull();
    // A malformed identifier is refused with the form's own message.
    const refused = await rejection(viewerB.organisations.matchIdentifiers({ workspaceSlug: ws, siren: "123456789" }));
    expect(refused.code).toBe("BAD_REQUEST");
  });
});

describe("the alliance list's partner filter (organisations.searchPartners)", () => {
  it("finds the workspace's partners by the start of a word, accent-insensitive, and nobody else's", async () => {
    const f = await createWorkspaceWithRoles(db);
    const other = await createWorkspaceWithRoles(db);
    const tag = randomInt(1e6, 1e7).toString(36);
    const ws = f.workspace.slug;
    await callerFor(db, f.users.editor).alliances.create({
      workspaceSlug: ws,
      ...allianceInput({
        partners: [{ organisation: { name: `Épicerie Solidaire ${tag}`, kind: "association" }, role: "partenaire" }],
      }),
    });
    // Another workspace's partner, with the same kind of name: never offered here.
    await callerFor(db, other.users.editor).alliances.create({
      workspaceSlug: other.workspace.slug,
      ...allianceInput({
        partners: [{ organisation: { name: `Epicerie du Coin ${tag}`, kind: "association" }, role: "partenaire" }],
      }),
    });
    const viewer = callerFor(db, f.users.viewer);
    const byWord = await viewer.organisations.searchPartners({ workspaceSlug: ws, query: `solidaire ${tag}` });
    expect(byWord.map((o) => o.name)).toEqual([`Épicerie Solidaire ${tag}`]);
    const byStart = await viewer.organisations.searchPartners({ workspaceSlug: ws, query: "epicer" });
    expect(byStart.map((o) => o.name)).toContain(`Épicerie Solidaire ${tag}`);
    expect(byStart.map((o) => o.name)).not.toContain(`Epicerie du Coin ${tag}`);
    // By id: the chosen partner, or nothing for an organisation that is not one.
    const [chosen] = byWord;
    expect(await viewer.organisations.searchPartners({ workspaceSlug: ws, id: chosen!.id })).toEqual([chosen]);
    const theirs = (
      await callerFor(db, other.users.viewer).organisations.searchPartners({
        workspaceSlug: other.workspace.slug,
        query: `coin ${tag}`,
      })
    )[0]!;
    expect(await viewer.organisations.searchPartners({ workspaceSlug: ws, id: theirs.id })).toEqual([]);
    // Another workspace's member: refused as a stranger; bad input in words a person reads.
    expect(
      await rejection(
        callerFor(db, other.users.owner).organisations.searchPartners({ workspaceSlug: ws, query: "ep" }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(viewer.organisations.searchPartners({ workspaceSlug: ws, query: "e" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await rejection(viewer.organisations.searchPartners({ workspaceSlug: ws }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
