import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("Mes actions", () => {
  it("lists what waits for each workspace, and only for it", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const c = await createWorkspaceWithRoles(db);
    const orgB = await giveOrganisation(db, b.workspace.id);
    const orgC = await giveOrganisation(db, c.workspace.id);
    const ownerA = callerFor(db, a.users.owner);
    const adminB = callerFor(db, b.users.admin);
    const A = a.workspace.slug;
    const B = b.workspace.slug;

    // A and B co-own "Partagée", which ends in 30 days; A invites C to co-own "Invitation".
    const shared = await ownerA.alliances.create({
      workspaceSlug: A,
      ...allianceInput({
        title: "Partagée",
        endsOn: inDays(30),
        partners: [{ organisationId: orgB, role: "partenaire" }],
      }),
    });
    const partyB = (await ownerA.alliances.get({ workspaceSlug: A, id: shared.id })).parties.find(
      (p) => p.organisationId === orgB,
    )!;
    await ownerA.alliances.inviteCoOwner({ workspaceSlug: A, allianceId: shared.id, partyId: partyB.id });
    await adminB.alliances.respondToCoOwnership({ workspaceSlug: B, partyId: partyB.id, accept: true });
    const invited = await ownerA.alliances.create({
      workspaceSlug: A,
      ...allianceInput({ title: "Invitation", partners: [{ organisationId: orgC, role: "partenaire" }] }),
    });
    const partyC = (await ownerA.alliances.get({ workspaceSlug: A, id: invited.id })).parties.find(
      (p) => p.organisationId === orgC,
    )!;
    await ownerA.alliances.inviteCoOwner({ workspaceSlug: A, allianceId: invited.id, partyId: partyC.id });

    // A opens an evaluation cycle already overdue and asks for the public library.
    const { id: cycleId } = await ownerA.evaluation.openCycle({
      workspaceSlug: A,
      allianceId: shared.id,
      period: "2026",
      dueOn: inDays(5),
    });
    await db.execute(sql`update evaluation_cycles set due_on = ${inDays(-3)} where id = ${cycleId}`);
    await ownerA.alliances.requestAudience({ workspaceSlug: A, allianceId: shared.id, audience: "public" });

    const forB = await adminB.dashboards.myActions({ workspaceSlug: B });
    expect(forB.cycles).toEqual({
      total: 1,
      items: [{ cycleId, allianceId: shared.id, title: "Partagée", period: "2026", dueOn: inDays(-3), overdue: true }],
    });
    expect(forB.audience).toEqual({
      total: 1,
      items: [{ allianceId: shared.id, title: "Partagée", audience: "public" }],
    });
    expect(forB.ending).toEqual({
      total: 1,
      items: [{ allianceId: shared.id, title: "Partagée", endsOn: inDays(30) }],
    });
    expect(forB.invitations.total).toBe(0);

    // A answered nothing either, but asked for the audience itself: nothing to decide there.
    const forA = await ownerA.dashboards.myActions({ workspaceSlug: A });
    expect(forA.cycles.total).toBe(1);
    expect(forA.audience.total).toBe(0);
    expect(forA.ending.items.map((e) => e.title)).toEqual(["Partagée"]);

    // C sees only its invitation: nothing of A's and B's alliances.
    const forC = await callerFor(db, c.users.admin).dashboards.myActions({ workspaceSlug: c.workspace.slug });
    expect(forC.invitations).toEqual({
      total: 1,
      items: [{ partyId: partyC.id, allianceId: invited.id, title: "Invitation", invitedBy: a.workspace.name }],
    });
    expect(forC.total).toBe(1);

    // Once B answers and agrees, its list empties.
    await adminB.alliances.approveAudience({
      workspaceSlug: B,
      allianceId: shared.id,
      revision: (await adminB.alliances.audience({ workspaceSlug: B, id: shared.id })).revision,
    });
    const after = await adminB.dashboards.myActions({ workspaceSlug: B });
    expect(after.audience.total).toBe(0);
    expect(after.cycles.total).toBe(1);

    // An archived alliance's cycle waits for no one.
    await ownerA.alliances.archive({ workspaceSlug: A, id: shared.id });
    expect((await adminB.dashboards.myActions({ workspaceSlug: B })).cycles).toEqual({ total: 0, items: [] });
  });

  it("is refused to a member of another workspace", async () => {
    const a = await createWorkspaceWithRoles(db);
    const stranger = await createWorkspaceWithRoles(db);
    expect(
      (await rejection(callerFor(db, stranger.users.owner).dashboards.myActions({ workspaceSlug: a.workspace.slug })))
        .code,
    ).toBe("NOT_FOUND");
  });

  it("shows at most five of a kind and counts them all", async () => {
    const a = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, a.users.owner);
    for (let i = 1; i <= 7; i++)
      await owner.alliances.create({
        workspaceSlug: a.workspace.slug,
        ...allianceInput({ title: `Fin ${i}`, endsOn: inDays(10 + i) }),
      });
    const actions = await owner.dashboards.myActions({ workspaceSlug: a.workspace.slug });
    expect(actions.ending.total).toBe(7);
    expect(actions.ending.items.map((e) => e.title)).toEqual(["Fin 1", "Fin 2", "Fin 3", "Fin 4", "Fin 5"]);
  });
});
