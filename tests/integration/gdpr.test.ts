import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resultRows } from "../../db/rows";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();

/** An alliance co-owned by two workspaces, each with a private note on it. */
async function shared() {
  const a = await createWorkspaceWithRoles(db);
  const b = await createWorkspaceWithRoles(db);
  const orgB = await giveOrganisation(db, b.workspace.id);
  const ownerA = callerFor(db, a.users.owner);
  const ownerB = callerFor(db, b.users.owner);
  const { id } = await ownerA.alliances.create({
    workspaceSlug: a.workspace.slug,
    ...allianceInput({ title: "Cantine partagée", partners: [{ organisationId: orgB, role: "partenaire" }] }),
  });
  const partyB = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
    (p) => p.organisationId === orgB,
  )!;
  await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
  await ownerB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });
  await ownerA.alliances.savePrivateNotes({
    workspaceSlug: a.workspace.slug,
    allianceId: id,
    notes: "Note privée de A",
    version: 0,
  });
  await ownerB.alliances.savePrivateNotes({
    workspaceSlug: b.workspace.slug,
    allianceId: id,
    notes: "Note privée de B",
    version: 0,
  });
  const solo = await ownerA.alliances.create({
    workspaceSlug: a.workspace.slug,
    ...allianceInput({ title: "Seulement chez A" }),
  });
  return { a, b, id, soloId: solo.id, ownerA, ownerB };
}

describe("GDPR: taking everything out, and erasure", () => {
  it("archives the workspace's data with its own private layer and never another party's", async () => {
    const { a, ownerA } = await shared();
    const files = await ownerA.workspaces.archive({ workspaceSlug: a.workspace.slug });
    const names = files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "workspaces.json",
        "members.json",
        "alliances.json",
        "alliance_private_notes.json",
        "audit_events.json",
        "alliances.csv",
        "contributions.csv",
        "organisations.csv",
      ]),
    );
    const all = files.map((f) => f.content).join("\n");
    expect(all).toContain("Note privée de A");
    expect(all).not.toContain("Note privée de B");
    expect(
      JSON.parse(files.find((f) => f.name === "alliances.json")!.content)
        .map((x: { title: string }) => x.title)
        .sort(),
    ).toEqual(["Cantine partagée", "Seulement chez A"]);
    expect(all).not.toContain("token_hash");
    expect(
      await rejection(callerFor(db, a.users.editor).workspaces.archive({ workspaceSlug: a.workspace.slug })),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("deletes a workspace: its private data and solo alliances go, the co-owner keeps the shared core", async () => {
    const { a, b, id, soloId, ownerA, ownerB } = await shared();
    expect(
      await rejection(
        callerFor(db, a.users.admin).workspaces.delete({
          workspaceSlug: a.workspace.slug,
          confirmName: a.workspace.name,
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await rejection(ownerA.workspaces.delete({ workspaceSlug: a.workspace.slug, confirmName: "autre" })),
    ).toMatchObject({ code: "BAD_REQUEST" });
    await ownerA.workspaces.delete({ workspaceSlug: a.workspace.slug, confirmName: a.workspace.name });

    const left = await ownerB.alliances.get({ workspaceSlug: b.workspace.slug, id });
    expect(left.title).toBe("Cantine partagée");
    expect((await ownerB.alliances.privateLayer({ workspaceSlug: b.workspace.slug, id })).notes).toBe(
      "Note privée de B",
    );
    const count = async (query: ReturnType<typeof sql>) =>
      Number(resultRows<{ n: string }>(await db.execute(query))[0]!.n);
    expect(await count(sql`select count(*) as n from workspaces where id = ${a.workspace.id}`)).toBe(0);
    expect(
      await count(sql`select count(*) as n from alliance_private_notes where workspace_id = ${a.workspace.id}`),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from alliances where id = ${soloId}`)).toBe(0);
    expect(await count(sql`select count(*) as n from memberships where workspace_id = ${a.workspace.id}`)).toBe(0);
    // B was told that A left.
    expect((await ownerB.alliances.history({ workspaceSlug: b.workspace.slug, id })).map((h) => h.action)).toContain(
      "share.leave",
    );
  });

  it("deletes an account: sessions and memberships go, audit stays without the person, owners must hand over first", async () => {
    const f = await createWorkspaceWithRoles(db);
    const editor = f.users.editor;
    const asEditor = callerFor(db, editor);
    await asEditor.alliances.create({
      workspaceSlug: f.workspace.slug,
      ...allianceInput({ title: "Créée par l'éditeur" }),
    });
    await db.execute(
      sql`insert into sessions (session_token, user_id, expires) values (${`s-${editor.id}`}, ${editor.id}, now() + interval '1 day')`,
    );

    expect(await rejection(asEditor.account.delete({ confirmEmail: "quelquun@example.org" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    const owner = callerFor(db, f.users.owner);
    expect(await rejection(owner.account.delete({ confirmEmail: f.users.owner.email }))).toMatchObject({
      code: "CONFLICT",
    });
    expect((await owner.account.ownedWorkspaces()).map((w) => w.slug)).toContain(f.workspace.slug);

    await asEditor.account.delete({ confirmEmail: editor.email.toUpperCase() });
    const count = async (query: ReturnType<typeof sql>) =>
      Number(resultRows<{ n: string }>(await db.execute(query))[0]!.n);
    expect(await count(sql`select count(*) as n from users where id = ${editor.id}`)).toBe(0);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${editor.id}`)).toBe(0);
    expect(await count(sql`select count(*) as n from memberships where user_id = ${editor.id}`)).toBe(0);
    const audit = await owner.audit.list({ workspaceSlug: f.workspace.slug, limit: 100 });
    const created = audit.items.find((e) => e.action === "alliance.create");
    expect(created).toBeDefined();
    expect(JSON.stringify(audit.items)).not.toContain(editor.email);
    expect(audit.items.map((e) => e.action)).toContain("account.delete");
    // Once gone, the user can no longer act.
    expect(await rejection(callerFor(db, editor).workspaces.get({ workspaceSlug: f.workspace.slug }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
