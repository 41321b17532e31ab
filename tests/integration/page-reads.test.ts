import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles } from "../factories";
import { eq } from "drizzle-orm";
import { memberships, notificationReads, notifications, territoryCoordinations } from "../../db/schema";

// The calls that read a whole page in one transaction (issue 27) answer what the separate
// procedures answer, and refuse whoever the separate ones refuse.
const { db } = await openTestDatabase();

async function workspaceWithAlliances() {
  const f = await createWorkspaceWithRoles(db);
  const owner = callerFor(db, f.users.owner);
  const ws = f.workspace.slug;
  const x = await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Alliance X" }) });
  const y = await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Alliance Y" }) });
  return { f, owner, ws, x: x.id, y: y.id };
}

describe("the workspace frame", () => {
  it("gives the workspace, the switcher, the unread count and coordination as the separate calls do", async () => {
    const { f, ws } = await workspaceWithAlliances();
    for (const user of [f.users.owner, f.users.viewer]) {
      const caller = callerFor(db, user);
      const frame = await caller.workspaces.frame({ workspaceSlug: ws });
      expect(frame.workspace).toEqual(await caller.workspaces.get({ workspaceSlug: ws }));
      expect(frame.mine).toEqual(await caller.workspaces.listMine());
      expect(frame.unread).toBe(await caller.notifications.unreadCount({ workspaceSlug: ws }));
      expect(frame.coordinating).toBe(
        (await caller.territories.coordinations({ workspaceSlug: ws })).some((c) => c.status === "approved"),
      );
      expect(frame.workspace.myRole).toBe(user === f.users.owner ? "owner" : "viewer");
    }
  });

  it("counts unread notifications per person and audience, lists every workspace, sees an approved coordination", async () => {
    const { f, ws } = await workspaceWithAlliances();
    const hour = 60 * 60 * 1000;
    const payload = { title: "Alliance X", organisation: "B", actor: "b@example.org" };
    await db.insert(notifications).values([
      {
        workspaceId: f.workspace.id,
        kind: "alliance.changed",
        audience: "members",
        payload,
        createdAt: new Date(Date.now() - 3 * hour),
      },
      {
        workspaceId: f.workspace.id,
        kind: "alliance.changed",
        audience: "members",
        payload,
        createdAt: new Date(Date.now() - hour),
      },
      {
        workspaceId: f.workspace.id,
        kind: "share.invited",
        audience: "admins",
        payload,
        createdAt: new Date(Date.now() - hour),
      },
    ]);
    // The viewer read up to two hours ago: one members' notification since; the admins' one is not theirs.
    await db
      .insert(notificationReads)
      .values({ workspaceId: f.workspace.id, userId: f.users.viewer.id, readThrough: new Date(Date.now() - 2 * hour) });
    await db.insert(territoryCoordinations).values({
      workspaceId: f.workspace.id,
      level: "departement",
      code: "35",
      status: "approved",
      decidedAt: new Date(),
    });
    // A second workspace of the owner's, for the switcher.
    await callerFor(db, f.users.owner).workspaces.create({
      name: "Autre espace",
      slug: `autre-${f.workspace.slug}`,
      kind: "association",
    });
    const expected = { [f.users.owner.id]: 3, [f.users.viewer.id]: 1 };
    const members = await db.select().from(memberships).where(eq(memberships.workspaceId, f.workspace.id));
    expect(members.length).toBeGreaterThan(1);
    for (const user of [f.users.owner, f.users.viewer]) {
      const caller = callerFor(db, user);
      const frame = await caller.workspaces.frame({ workspaceSlug: ws });
      expect(frame.unread).toBe(expected[user.id]);
      expect(frame.unread).toBe(await caller.notifications.unreadCount({ workspaceSlug: ws }));
      expect(frame.mine).toEqual(await caller.workspaces.listMine());
      expect(frame.mine.length).toBe(user === f.users.owner ? 2 : 1);
      expect(frame.coordinating).toBe(true);
      expect(frame.workspace).toEqual(await caller.workspaces.get({ workspaceSlug: ws }));
      expect(frame.workspace.memberCount).toBe(members.length);
    }
  });

  it("refuses another workspace's member as if the workspace did not exist", async () => {
    const { f, ws } = await workspaceWithAlliances();
    expect((await rejection(callerFor(db, f.users.stranger).workspaces.frame({ workspaceSlug: ws }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("the alliance list page in one call", () => {
  it("gives the page of alliances, views, requests, partner and at-risk count the separate calls give", async () => {
    const { f, owner, ws, x } = await workspaceWithAlliances();
    await owner.savedViews.save({ workspaceSlug: ws, name: "Les miennes", query: "stage=emergence" });
    const partnerId = (await owner.alliances.get({ workspaceSlug: ws, id: x })).parties.find(
      (p) => !p.isMine,
    )!.organisationId;
    for (const user of [f.users.owner, f.users.viewer]) {
      const caller = callerFor(db, user);
      const filters = { workspaceSlug: ws, partnerId, pageSize: 5 };
      const page = await caller.alliances.listPage(filters);
      expect(page.list).toEqual(await caller.alliances.list(filters));
      expect(page.list.items.map((a) => a.id)).toEqual([x]);
      expect(page.views).toEqual(await caller.savedViews.list({ workspaceSlug: ws }));
      // Saved views are each member's own.
      expect(page.views.length).toBe(user === f.users.owner ? 1 : 0);
      expect(page.incoming).toEqual(await caller.alliances.incomingInvitations({ workspaceSlug: ws }));
      expect(page.mentions).toEqual(await caller.alliances.mentionRequests({ workspaceSlug: ws }));
      expect(page.partner).toEqual(
        (await caller.organisations.searchPartners({ workspaceSlug: ws, id: partnerId }))[0] ?? null,
      );
      expect(page.partner?.id).toBe(partnerId);
      expect(page.atRisk).toBe((await caller.evaluation.atRisk({ workspaceSlug: ws, pageSize: 5 })).total);
    }
  });

  it("shows a change at once on a page it has read before (the page is kept until the data changes)", async () => {
    const { owner, ws, x, y } = await workspaceWithAlliances();
    const z = (await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Alliance Z" }) })).id;
    const ids = async (page: number) =>
      (await owner.alliances.listPage({ workspaceSlug: ws, page, pageSize: 5 })).list.items.map((a) => a.id);
    const titles = async () =>
      (await owner.alliances.list({ workspaceSlug: ws, sort: "title", direction: "asc" })).items.map((a) => a.id);
    // Most recently changed first, read twice (the second time from what the first kept).
    expect(await ids(1)).toEqual([z, y, x]);
    expect(await ids(1)).toEqual([z, y, x]);
    expect(await titles()).toEqual([x, y, z]);
    await owner.alliances.archive({ workspaceSlug: ws, id: y });
    expect(await ids(1)).toEqual([z, x]);
    expect(await titles()).toEqual([x, z]);
    expect(await ids(2)).toEqual([]);
    // Another workspace's list of the same shape keeps its own ids.
    const other = await workspaceWithAlliances();
    expect(
      (await other.owner.alliances.listPage({ workspaceSlug: other.ws, page: 1, pageSize: 5 })).list.items.map(
        (a) => a.id,
      ),
    ).toEqual([other.y, other.x]);
  });

  it("counts an alliance at risk as soon as its data puts it there", async () => {
    const { owner, ws, x } = await workspaceWithAlliances();
    const before = (await owner.alliances.listPage({ workspaceSlug: ws })).atRisk;
    expect(before).toBe((await owner.evaluation.atRisk({ workspaceSlug: ws })).total);
    // Money given 18 months ago and nothing since: a shrinking ledger.
    const partyId = (await owner.alliances.get({ workspaceSlug: ws, id: x })).parties.find((p) => p.isMine)!.id;
    const past = new Date(Date.now() - 540 * 86_400_000).toISOString().slice(0, 10);
    await owner.alliances.addContribution({
      workspaceSlug: ws,
      allianceId: x,
      partyId,
      kind: "argent",
      quantity: 900,
      valueEuros: 900,
      occurredOn: past,
    });
    const after = (await owner.alliances.listPage({ workspaceSlug: ws })).atRisk;
    expect(after).toBe(before + 1);
    expect(after).toBe((await owner.evaluation.atRisk({ workspaceSlug: ws })).total);
  });

  it("refuses another workspace's member, and a bad filter with the list's own message", async () => {
    const { f, ws } = await workspaceWithAlliances();
    expect((await rejection(callerFor(db, f.users.stranger).alliances.listPage({ workspaceSlug: ws }))).code).toBe(
      "NOT_FOUND",
    );
    const bad = await rejection(callerFor(db, f.users.owner).alliances.listPage({ workspaceSlug: ws, page: 0 }));
    expect(bad.code).toBe("BAD_REQUEST");
  });
});

describe("the workspace's home page in one call", () => {
  it("gives the dashboard for the filters and my actions the separate calls give", async () => {
    const { f, owner, ws } = await workspaceWithAlliances();
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: "Alliance W", endsOn: soon }) });
    for (const user of [f.users.owner, f.users.viewer]) {
      const caller = callerFor(db, user);
      for (const filters of [{}, { mode: "mecenat" as const }, { year: 2020 }]) {
        const home = await caller.dashboards.home({ workspaceSlug: ws, ...filters });
        expect(home.dashboard).toEqual(await caller.dashboards.workspace({ workspaceSlug: ws, ...filters }));
        expect(home.actions).toEqual(await caller.dashboards.myActions({ workspaceSlug: ws }));
      }
      const home = await caller.dashboards.home({ workspaceSlug: ws });
      expect(home.dashboard.key.alliances).toBe(3);
      expect(home.actions.ending.items.map((a) => a.title)).toEqual(["Alliance W"]);
    }
  });

  it("refuses another workspace's member, and drops an unknown filter as the dashboard does", async () => {
    const { f, owner, ws } = await workspaceWithAlliances();
    expect((await rejection(callerFor(db, f.users.stranger).dashboards.home({ workspaceSlug: ws }))).code).toBe(
      "NOT_FOUND",
    );
    const odd = await owner.dashboards.home({ workspaceSlug: ws, year: 1800 });
    expect(odd.dashboard.filters.year).toBeUndefined();
    expect(odd).toEqual(await owner.dashboards.home({ workspaceSlug: ws }));
  });
});
