import type { Db } from "../../db/client";
import { callerFor } from "../helpers/caller";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "./index";

/**
 * An alliance recorded by workspace A with B's organisation as partner, which B accepted to
 * co-own (through the procedures, as the two workspaces would). `overrides` go to the alliance.
 */
export async function coOwnedAlliance(db: Db, overrides: Record<string, unknown> = {}) {
  const a = await createWorkspaceWithRoles(db);
  const b = await createWorkspaceWithRoles(db);
  const orgB = await giveOrganisation(db, b.workspace.id);
  const ownerA = callerFor(db, a.users.owner);
  const { id } = await ownerA.alliances.create({
    workspaceSlug: a.workspace.slug,
    ...allianceInput({ partners: [{ organisationId: orgB, role: "partenaire" }], ...overrides }),
  });
  const partyB = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
    (p) => p.organisationId === orgB,
  )!;
  await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
  await callerFor(db, b.users.admin).alliances.respondToCoOwnership({
    workspaceSlug: b.workspace.slug,
    partyId: partyB.id,
    accept: true,
  });
  return { a, b, id, partyB };
}
