import { describe, expect, it } from "vitest";
import { territoryCoordinations } from "../../db/schema";
import { summarizeNetwork } from "../../domain/network";
import { territory } from "../../domain/territory-data";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation, uniq } from "../factories";

const { db } = await openTestDatabase();
// Haute-Corse: its communes, for the coordinator's network.
const HAUTE_CORSE = "2B";
const commune = [...territory().communes.values()].find((c) => c.departement === HAUTE_CORSE)!.code;

const newPartner = (name: string, kind: "association" | "entreprise" = "association") => ({
  organisation: { name, kind },
  role: "partenaire",
});

/**
 * A workspace with four alliances: "Tri" with partners P1 and P2, "Duo" with P1 again, "Seule"
 * with P3 only, and "Coop" (coopération économique) with P4. P1 is the hub; P1 and P2 link to
 * each other; "Seule" and "Coop" stand alone.
 */
async function workspaceWithNetwork() {
  const w = await createWorkspaceWithRoles(db);
  const own = await giveOrganisation(db, w.workspace.id, `Espace ${uniq("w")}`);
  const owner = callerFor(db, w.users.owner);
  const create = (title: string, partners: unknown[], mode = "mecenat") =>
    owner.alliances.create({
      workspaceSlug: w.workspace.slug,
      ...allianceInput({ title, partners, modes: [{ mode, mecenatForms: [], startsOn: "2024-01-01" }] }),
    });
  const names = { p1: `P1 ${uniq("o")}`, p2: `P2 ${uniq("o")}`, p3: `P3 ${uniq("o")}`, p4: `P4 ${uniq("o")}` };
  const tri = await create("Tri", [newPartner(names.p1), newPartner(names.p2, "entreprise")]);
  const detail = await owner.alliances.get({ workspaceSlug: w.workspace.slug, id: tri.id });
  const p1 = detail.parties.find((p) => p.name === names.p1)!.organisationId;
  await create("Duo", [{ organisationId: p1, role: "partenaire" }]);
  await create("Seule", [newPartner(names.p3)]);
  await create("Coop", [newPartner(names.p4)], "cooperation_economique");
  return { w, owner, own, names, tri };
}

describe("the network view", () => {
  it("draws the workspace's organisations and alliances, with its hubs, bridges and lone alliances", async () => {
    const { w, owner, own, names } = await workspaceWithNetwork();
    const network = await owner.network.workspace({ workspaceSlug: w.workspace.slug });
    const named = (name: string) => network.organisations.findIndex((o) => o.name === name);
    expect(network.alliances.map((a) => a.title).sort()).toEqual(["Coop", "Duo", "Seule", "Tri"]);
    expect(network.own).not.toBeNull();
    expect(network.organisations[network.own!]!.id).toBe(own);
    expect(network.organisations[network.own!]!.alliances).toBe(4);
    const p1 = named(names.p1);
    expect(network.organisations[p1]!.alliances).toBe(2);
    const tri = network.alliances.find((a) => a.title === "Tri")!;
    expect(tri.parties.sort()).toEqual([network.own!, p1, named(names.p2)].sort());
    // The summary: P1 first among the hubs, P1 and P2 the bridges, Seule and Coop standing alone.
    expect(network.summary.hubs[0]).toEqual({ index: p1, alliances: 2 });
    expect(network.summary.bridges.map((b) => b.index).sort()).toEqual([p1, named(names.p2)].sort());
    expect(network.summary.standalone.map((i) => network.alliances[i]!.title).sort()).toEqual(["Coop", "Seule"]);
    expect(network.summary.kinds).toMatchObject({ entreprise: 1 });
    expect(summarizeNetwork(network)).toEqual(network.summary);

    // The values come apart: the contributions of each alliance, in euro cents.
    const triDetail = await owner.alliances.get({
      workspaceSlug: w.workspace.slug,
      id: network.alliances.find((a) => a.title === "Tri")!.id,
    });
    await owner.alliances.addContribution({
      workspaceSlug: w.workspace.slug,
      allianceId: triDetail.id,
      partyId: triDetail.parties.find((p) => p.isMine)!.id,
      kind: "argent",
      quantity: 4_000,
      occurredOn: "2024-03-01",
    });
    expect(await owner.network.values({ workspaceSlug: w.workspace.slug })).toEqual([[triDetail.id, 400_000]]);

    // Filtered like the list: by mode.
    const coop = await owner.network.workspace({ workspaceSlug: w.workspace.slug, mode: "cooperation_economique" });
    expect(coop.alliances.map((a) => a.title)).toEqual(["Coop"]);
    expect(coop.organisations.map((o) => o.name).sort()).toEqual(
      [network.organisations[network.own!]!.name, names.p4].sort(),
    );
  });

  it("shows nothing of another workspace, and refuses its members", async () => {
    const { w } = await workspaceWithNetwork();
    const other = await createWorkspaceWithRoles(db);
    const stranger = callerFor(db, other.users.owner);
    expect((await rejection(stranger.network.workspace({ workspaceSlug: w.workspace.slug }))).code).toBe("NOT_FOUND");
    const theirs = await stranger.network.workspace({ workspaceSlug: other.workspace.slug });
    expect(theirs.alliances).toEqual([]);
  });

  it("gives a coordinator the consenting alliances of its territory, partners without a workspace unnamed", async () => {
    const w = await createWorkspaceWithRoles(db);
    await giveOrganisation(db, w.workspace.id, `Porteur ${uniq("w")}`);
    const owner = callerFor(db, w.users.owner);
    const partner = `Partenaire discret ${uniq("o")}`;
    const create = (title: string) =>
      owner.alliances.create({
        workspaceSlug: w.workspace.slug,
        ...allianceInput({
          title,
          partners: [newPartner(partner, "entreprise")],
          territory: { scope: "commune", codes: [commune] },
        }),
      });
    const shown = await create(`Montrée ${uniq("a")}`);
    const hidden = await create(`Non montrée ${uniq("a")}`);
    await owner.alliances.requestAudience({
      workspaceSlug: w.workspace.slug,
      allianceId: shown.id,
      audience: "territory",
    });

    const coordinator = await createWorkspaceWithRoles(db);
    await db.insert(territoryCoordinations).values({
      workspaceId: coordinator.workspace.id,
      level: "departement",
      code: HAUTE_CORSE,
      status: "approved",
      decidedAt: new Date(),
    });
    const viewer = callerFor(db, coordinator.users.viewer);
    const network = await viewer.network.territory({
      workspaceSlug: coordinator.workspace.slug,
      level: "departement",
      code: HAUTE_CORSE,
    });
    const ids = network.alliances.map((a) => a.id);
    expect(ids).toContain(shown.id);
    expect(ids).not.toContain(hidden.id);
    const alliance = network.alliances.find((a) => a.id === shown.id)!;
    const parties = alliance.parties.map((i) => network.organisations[i]!);
    // The holder (a workspace that consented) is named; the partner company (no workspace) is not, nor identified.
    expect(parties.filter((o) => o.name !== null)).toHaveLength(1);
    expect(parties.find((o) => o.kind === "entreprise")).toMatchObject({ id: null, name: null });
    expect(JSON.stringify(network)).not.toContain(partner);
    expect(network.unnamed).toBeGreaterThanOrEqual(1);
    expect(network.summary.kinds.entreprise).toBeGreaterThanOrEqual(1);

    // Outside its territories, or without an approved coordination, refused.
    expect(
      (
        await rejection(
          viewer.network.territory({ workspaceSlug: coordinator.workspace.slug, level: "departement", code: "2A" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const plain = await createWorkspaceWithRoles(db);
    expect(
      (
        await rejection(
          callerFor(db, plain.users.owner).network.territory({
            workspaceSlug: plain.workspace.slug,
            level: "departement",
            code: HAUTE_CORSE,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
