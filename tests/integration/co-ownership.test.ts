import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { allianceParties, alliancePrivateEntries, alliancePrivateNotes, alliances } from "../../db/schema";
import { withScope } from "../../db/scope";
import { sqlState } from "../../server/errors";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();

/** Workspace A records an alliance naming B's organisation; returns both and the party row of B. */
async function twoPartners() {
  const a = await createWorkspaceWithRoles(db);
  const b = await createWorkspaceWithRoles(db);
  const orgB = await giveOrganisation(db, b.workspace.id);
  const editorA = callerFor(db, a.users.editor);
  const { id } = await editorA.alliances.create({
    workspaceSlug: a.workspace.slug,
    ...allianceInput({ partners: [{ organisationId: orgB, role: "partenaire" }] }),
  });
  const partyB = (await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
    (p) => p.organisationId === orgB,
  )!;
  return { a, b, id, partyB, editorA, adminB: callerFor(db, b.users.admin), editorB: callerFor(db, b.users.editor) };
}

/** Resolves to the error a write raised, or null when it went through (possibly touching no row). */
const attempt = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe("co-owning an alliance", () => {
  it("invite → the invited admins see title and inviter only → accept → both workspaces share the core", async () => {
    const { a, b, id, partyB, editorA, adminB, editorB } = await twoPartners();
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });

    expect((await rejection(adminB.alliances.get({ workspaceSlug: b.workspace.slug, id }))).code).toBe("NOT_FOUND");
    const incoming = await adminB.alliances.incomingInvitations({ workspaceSlug: b.workspace.slug });
    expect(incoming).toEqual([
      expect.objectContaining({ partyId: partyB.id, allianceId: id, role: "partenaire", invitedBy: a.workspace.name }),
    ]);
    expect(Object.keys(incoming[0]!).sort()).toEqual([
      "allianceId",
      "invitedAt",
      "invitedBy",
      "inviterVerified",
      "partyId",
      "role",
      "title",
    ]);

    // Editors do not answer for their organisation; admins do.
    expect(
      (
        await rejection(
          editorB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });

    const seenByB = await editorB.alliances.get({ workspaceSlug: b.workspace.slug, id });
    expect(seenByB.parties.find((p) => p.isMine)?.status).toBe("accepted");
    expect((await editorB.alliances.list({ workspaceSlug: b.workspace.slug })).items.map((i) => i.id)).toContain(id);
    // B edits the shared core (naming A's organisation as its partner); A sees the change.
    const orgA = seenByB.parties.find((p) => !p.isMine)!.organisationId;
    await editorB.alliances.update({
      workspaceSlug: b.workspace.slug,
      ...allianceInput({
        title: "Titre revu par B",
        ownRole: "partenaire",
        partners: [{ organisationId: orgA, role: "porteur" }],
      }),
      id,
      version: seenByB.version,
    });
    const seenByA = await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id });
    expect(seenByA.title).toBe("Titre revu par B");
    expect(seenByA.parties.map((p) => [p.isMine, p.role]).sort()).toEqual([
      [false, "partenaire"],
      [true, "porteur"],
    ]);
  });

  it("the inviter cannot accept in the invited workspace's place, in code or in the database", async () => {
    const { a, id, partyB, editorA } = await twoPartners();
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    const ownerA = callerFor(db, a.users.owner);
    expect(
      (
        await rejection(
          ownerA.alliances.respondToCoOwnership({ workspaceSlug: a.workspace.slug, partyId: partyB.id, accept: true }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const forced = await attempt(
      withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
        tx.update(allianceParties).set({ status: "accepted" }).where(eq(allianceParties.id, partyB.id)),
      ),
    );
    expect(sqlState(forced)).toBe("42501");
    const [row] = await db.select().from(allianceParties).where(eq(allianceParties.id, partyB.id));
    expect(row?.status).toBe("invited");
  });

  it("a declined or withdrawn invitation grants nothing; it can be sent again", async () => {
    const { a, b, id, partyB, editorA, adminB } = await twoPartners();
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: false });
    expect((await rejection(adminB.alliances.get({ workspaceSlug: b.workspace.slug, id }))).code).toBe("NOT_FOUND");
    const seen = await withScope(db, { userId: b.users.admin.id, workspaceId: b.workspace.id }, (tx) =>
      tx.select().from(alliances).where(eq(alliances.id, id)),
    );
    expect(seen).toEqual([]);

    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    await editorA.alliances.withdrawCoOwnerInvitation({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      partyId: partyB.id,
    });
    expect(await adminB.alliances.incomingInvitations({ workspaceSlug: b.workspace.slug })).toEqual([]);
    expect(
      (
        await rejection(
          adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("a party that leaves loses the shared core; the last co-owner cannot leave; nobody removes a co-owner", async () => {
    const { a, b, id, partyB, editorA, adminB } = await twoPartners();
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });
    const removal = await attempt(
      withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
        tx.delete(allianceParties).where(eq(allianceParties.id, partyB.id)).returning(),
      ),
    );
    expect(removal).toBeNull();
    const [stillThere] = await db.select().from(allianceParties).where(eq(allianceParties.id, partyB.id));
    expect(stillThere?.status).toBe("accepted");

    await adminB.alliances.leave({ workspaceSlug: b.workspace.slug, id });
    expect((await rejection(adminB.alliances.get({ workspaceSlug: b.workspace.slug, id }))).code).toBe("NOT_FOUND");
    expect((await adminB.alliances.list({ workspaceSlug: b.workspace.slug })).total).toBe(0);
    const ownerA = callerFor(db, a.users.owner);
    expect((await rejection(ownerA.alliances.leave({ workspaceSlug: a.workspace.slug, id }))).code).toBe("CONFLICT");
    expect(
      (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find((p) => p.id === partyB.id)
        ?.status,
    ).toBe("left");
  });

  it("answers the procedures that check the party row alone only once the invitation is accepted, and no more after leaving", async () => {
    const { a, b, id, partyB, editorA, adminB } = await twoPartners();
    const reads = () => [
      adminB.evaluation.cycles({ workspaceSlug: b.workspace.slug, allianceId: id }),
      adminB.alliances.privateLayer({ workspaceSlug: b.workspace.slug, id }),
    ];
    const codes = async () =>
      Promise.all(
        reads().map((r) =>
          r.then(
            () => "OK",
            (e: unknown) => (e as { code?: string }).code,
          ),
        ),
      );
    expect(await codes()).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    expect(await codes()).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });
    expect(await codes()).toEqual(["OK", "OK"]);
    await adminB.alliances.leave({ workspaceSlug: b.workspace.slug, id });
    expect(await codes()).toEqual(["NOT_FOUND", "NOT_FOUND"]);
  });

  it("refuses to invite an organisation that has no workspace here", async () => {
    const a = await createWorkspaceWithRoles(db);
    const editorA = callerFor(db, a.users.editor);
    const { id } = await editorA.alliances.create({ workspaceSlug: a.workspace.slug, ...allianceInput() });
    const partner = (await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
      (p) => !p.isMine,
    )!;
    expect(
      (
        await rejection(
          editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partner.id }),
        )
      ).code,
    ).toBe("CONFLICT");
  });
});

describe("each party's private layer", () => {
  it("never reaches another party, in code or in the database, and stays with its workspace after leaving", async () => {
    const { a, b, id, partyB, editorA, adminB, editorB } = await twoPartners();
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });

    await editorA.alliances.savePrivateNotes({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      notes: "Note secrète de A",
      internalOwner: "Camille",
      tags: ["sensible"],
      version: 0,
    });
    await editorA.alliances.addPrivateEntry({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      kind: "budget",
      title: "Ligne budgétaire A",
      amountEuros: 2500,
      occurredOn: "2025-02-01",
    });
    await editorB.alliances.savePrivateNotes({
      workspaceSlug: b.workspace.slug,
      allianceId: id,
      notes: "Note de B",
      tags: [],
      version: 0,
    });

    const mineA = await editorA.alliances.privateLayer({ workspaceSlug: a.workspace.slug, id });
    expect(mineA).toMatchObject({
      notes: "Note secrète de A",
      internalOwner: "Camille",
      tags: ["sensible"],
      version: 1,
      budgetTotalCents: 250000,
    });
    const mineB = await editorB.alliances.privateLayer({ workspaceSlug: b.workspace.slug, id });
    expect(mineB).toMatchObject({ notes: "Note de B", entries: [], budgetTotalCents: 0 });
    expect(JSON.stringify(await editorB.alliances.get({ workspaceSlug: b.workspace.slug, id }))).not.toMatch(
      /secrète|Ligne budgétaire A/,
    );

    const raw = await withScope(db, { userId: b.users.editor.id, workspaceId: b.workspace.id }, async (tx) => ({
      notes: await tx.select().from(alliancePrivateNotes).where(eq(alliancePrivateNotes.allianceId, id)),
      entries: await tx.select().from(alliancePrivateEntries).where(eq(alliancePrivateEntries.allianceId, id)),
    }));
    expect(raw.notes.map((n) => n.notes)).toEqual(["Note de B"]);
    expect(raw.entries).toEqual([]);

    // B cannot write into A's private layer either.
    const forged = await attempt(
      withScope(db, { userId: b.users.editor.id, workspaceId: b.workspace.id }, (tx) =>
        tx.insert(alliancePrivateEntries).values({
          allianceId: id,
          workspaceId: a.workspace.id,
          kind: "timeline",
          title: "Intrus",
          occurredOn: "2025-01-01",
        }),
      ),
    );
    expect(sqlState(forged)).toBe("42501");

    await adminB.alliances.leave({ workspaceSlug: b.workspace.slug, id });
    const kept = await withScope(db, { userId: b.users.editor.id, workspaceId: b.workspace.id }, (tx) =>
      tx.select().from(alliancePrivateNotes).where(eq(alliancePrivateNotes.allianceId, id)),
    );
    expect(kept.map((n) => n.notes)).toEqual(["Note de B"]);
  });
});

describe("the shared contribution ledger", () => {
  it("lets each co-owner record its own contributions (and named partners'), and shows all of them to every party", async () => {
    const { a, b, id, partyB, editorA, adminB, editorB } = await twoPartners();
    await editorA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });
    const partyA = (await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
      (p) => p.isMine,
    )!;

    const forB = await rejection(
      editorA.alliances.addContribution({
        workspaceSlug: a.workspace.slug,
        allianceId: id,
        partyId: partyB.id,
        kind: "argent",
        quantity: 100,
        occurredOn: "2025-01-01",
      }),
    );
    expect(forB.code).toBe("FORBIDDEN");
    await editorA.alliances.addContribution({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      partyId: partyA.id,
      kind: "argent",
      quantity: 300,
      occurredOn: "2025-01-01",
    });
    const byB = await editorB.alliances.addContribution({
      workspaceSlug: b.workspace.slug,
      allianceId: id,
      partyId: partyB.id,
      kind: "argent",
      quantity: 200,
      occurredOn: "2025-02-01",
    });

    const seenByA = await editorA.alliances.get({ workspaceSlug: a.workspace.slug, id });
    expect(seenByA.totals.byParty).toEqual({ [partyA.id]: 30000, [partyB.id]: 20000 });
    expect(
      (
        await rejection(
          editorA.alliances.deleteContribution({
            workspaceSlug: a.workspace.slug,
            allianceId: id,
            contributionId: byB.id,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});
