import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users, workspaces } from "../../db/schema";
import { withScope } from "../../db/scope";
import { callerFor } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, uniqueSiren } from "../factories";

const { db } = await openTestDatabase();

async function operator() {
  // OPERATOR_EMAILS is set for the test run (vitest.config.ts).
  await db.insert(users).values({ email: "operator@maillage.test" }).onConflictDoNothing();
  const [op] = await db.select().from(users).where(eq(users.email, "operator@maillage.test"));
  return callerFor(db, { id: op!.id, email: op!.email, name: null });
}

/** A workspace whose settings carry `siren` (the organisation it says it is). */
async function workspaceFor(siren: string) {
  const f = await createWorkspaceWithRoles(db);
  await db.update(workspaces).set({ siren }).where(eq(workspaces.id, f.workspace.id));
  return f;
}

const NOTE = "Je suis la directrice, joignable au standard de l'entreprise.";

describe("who speaks for an organisation: verified claims", () => {
  it("is requested by an admin, verified by an operator, and then no second workspace is verified for the same organisation", async () => {
    const siren = uniqueSiren();
    const real = await workspaceFor(siren);
    const admin = callerFor(db, real.users.admin);
    const ws = real.workspace.slug;
    expect(await admin.workspaces.verification({ workspaceSlug: ws })).toMatchObject({
      status: "none",
      hasIdentifier: true,
    });
    expect((await rejection(admin.workspaces.requestVerification({ workspaceSlug: ws, note: "court" }))).code).toBe(
      "BAD_REQUEST",
    );
    await admin.workspaces.requestVerification({ workspaceSlug: ws, note: NOTE });
    expect(await admin.workspaces.verification({ workspaceSlug: ws })).toMatchObject({
      status: "requested",
      note: NOTE,
    });
    // Nobody but an operator decides.
    const [claim] = await sqlRows<{ id: string }>(
      db.execute(sql`select id from organisation_claims where workspace_id = ${real.workspace.id}`),
    );
    expect((await rejection(admin.operator.decideVerification({ id: claim!.id, decision: "verify" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await rejection(admin.operator.verifications())).code).toBe("FORBIDDEN");

    const op = await operator();
    const listed = (await op.operator.verifications()).find((c) => c.id === claim!.id);
    expect(listed).toMatchObject({
      status: "requested",
      workspaceName: real.workspace.name,
      siren,
      note: NOTE,
      verifiedElsewhere: null,
    });
    await op.operator.decideVerification({ id: claim!.id, decision: "verify" });
    expect(await admin.workspaces.verification({ workspaceSlug: ws })).toMatchObject({
      status: "verified",
      method: "operator",
    });
    expect((await rejection(admin.workspaces.requestVerification({ workspaceSlug: ws, note: NOTE }))).code).toBe(
      "CONFLICT",
    );

    // A second workspace naming the same SIREN (a squatter) may ask, but waits.
    const squatter = await workspaceFor(siren);
    await callerFor(db, squatter.users.owner).workspaces.requestVerification({
      workspaceSlug: squatter.workspace.slug,
      note: "C'est nous, promis juré.",
    });
    const [second] = await sqlRows<{ id: string }>(
      db.execute(sql`select id from organisation_claims where workspace_id = ${squatter.workspace.id}`),
    );
    expect((await op.operator.verifications()).find((c) => c.id === second!.id)).toMatchObject({
      verifiedElsewhere: real.workspace.name,
    });
    expect((await rejection(op.operator.decideVerification({ id: second!.id, decision: "verify" }))).code).toBe(
      "CONFLICT",
    );
    await op.operator.decideVerification({ id: second!.id, decision: "refuse" });
    expect(
      await callerFor(db, squatter.users.owner).workspaces.verification({ workspaceSlug: squatter.workspace.slug }),
    ).toMatchObject({ status: "refused" });
    // A refused claim cannot be refused twice; revoking the first one frees the organisation.
    expect((await rejection(op.operator.decideVerification({ id: second!.id, decision: "refuse" }))).code).toBe(
      "CONFLICT",
    );
    await op.operator.decideVerification({ id: claim!.id, decision: "revoke" });
    await op.operator.decideVerification({ id: second!.id, decision: "verify" });
    expect(await admin.workspaces.verification({ workspaceSlug: ws })).toMatchObject({ status: "revoked" });

    // Every step is in the workspaces' audit logs.
    const log = JSON.stringify(await admin.audit.list({ workspaceSlug: ws, limit: 20 }));
    for (const action of ["verification.request", "verification.verify", "verification.revoke"])
      expect(log).toContain(action);
  });

  it("needs a SIREN or RNA, and leaves editors, viewers and other workspaces out", async () => {
    const f = await createWorkspaceWithRoles(db);
    expect(
      (
        await rejection(
          callerFor(db, f.users.owner).workspaces.requestVerification({ workspaceSlug: f.workspace.slug, note: NOTE }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    const g = await workspaceFor(uniqueSiren());
    expect(
      (
        await rejection(
          callerFor(db, g.users.editor).workspaces.requestVerification({ workspaceSlug: g.workspace.slug, note: NOTE }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (await rejection(callerFor(db, g.users.stranger).workspaces.verification({ workspaceSlug: g.workspace.slug })))
        .code,
    ).toBe("NOT_FOUND");
  });

  it("cannot be verified by the request role itself, nor read across workspaces, even in SQL", async () => {
    const a = await workspaceFor(uniqueSiren());
    const b = await workspaceFor(uniqueSiren());
    await callerFor(db, a.users.owner).workspaces.requestVerification({ workspaceSlug: a.workspace.slug, note: NOTE });
    await callerFor(db, b.users.owner).workspaces.requestVerification({ workspaceSlug: b.workspace.slug, note: NOTE });
    const asB = (statement: ReturnType<typeof sql>) =>
      withScope(db, { userId: b.users.owner.id, workspaceId: b.workspace.id }, (tx) =>
        sqlRows<{ n: number }>(tx.execute(statement)),
      );
    // B sees its own claim only.
    expect((await asB(sql`select count(*)::int as n from organisation_claims`))[0]!.n).toBe(1);
    // B cannot mark itself verified, nor touch A's claim.
    await expect(
      asB(
        sql`update organisation_claims set status = 'verified' where workspace_id = ${b.workspace.id} returning 1 as n`,
      ),
    ).rejects.toThrow();
    expect(
      await asB(sql`update organisation_claims set note = 'x' where workspace_id = ${a.workspace.id} returning 1 as n`),
    ).toEqual([]);
    await expect(
      asB(
        sql`insert into organisation_claims (workspace_id, organisation_id, status) select ${b.workspace.id}, organisation_id, 'verified' from organisation_claims returning 1 as n`,
      ),
    ).rejects.toThrow();
  });
});

describe("invitations to co-own follow the verified claim, so a SIREN squatter gets none", () => {
  /** A partner organisation named in A's alliance, and two workspaces that say they are it. */
  async function scene() {
    const siren = uniqueSiren();
    const a = await createWorkspaceWithRoles(db);
    const ownerA = callerFor(db, a.users.owner);
    const { id: allianceId } = await ownerA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({
        partners: [{ organisation: { name: "Entreprise Réelle", kind: "entreprise", siren }, role: "partenaire" }],
      }),
    });
    const party = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id: allianceId })).parties.find(
      (p) => !p.isMine,
    )!;
    const bind = async () => {
      const f = await workspaceFor(siren);
      await db
        .update(workspaces)
        .set({ organisationId: party.organisationId })
        .where(eq(workspaces.id, f.workspace.id));
      return f;
    };
    // The squatter arrives first, names the SIREN and asks to be verified; nobody verified it.
    const squatter = await bind();
    await callerFor(db, squatter.users.owner).workspaces.requestVerification({
      workspaceSlug: squatter.workspace.slug,
      note: "C'est bien nous, vraiment.",
    });
    return { a, ownerA, allianceId, party, squatter, bind };
  }

  it("never reach a workspace that is not verified: the inviter is sent to the email invitation", async () => {
    const { a, ownerA, allianceId, party, squatter } = await scene();
    const detail = await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id: allianceId });
    expect(detail.parties.find((p) => p.id === party.id)).toMatchObject({ organisationHasWorkspace: false });
    const refused = await rejection(
      ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId, partyId: party.id }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("errors.share.notVerified");
    expect(
      await callerFor(db, squatter.users.owner).alliances.incomingInvitations({
        workspaceSlug: squatter.workspace.slug,
      }),
    ).toEqual([]);
    expect(
      (
        await rejection(
          callerFor(db, squatter.users.owner).alliances.get({ workspaceSlug: squatter.workspace.slug, id: allianceId }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("reach the verified workspace only, and lapse when its verification is withdrawn", async () => {
    const { a, ownerA, allianceId, party, squatter, bind } = await scene();
    const real = await bind();
    await callerFor(db, real.users.owner).workspaces.requestVerification({
      workspaceSlug: real.workspace.slug,
      note: "Directrice générale de l'entreprise.",
    });
    const op = await operator();
    const [claim] = await sqlRows<{ id: string }>(
      db.execute(sql`select id from organisation_claims where workspace_id = ${real.workspace.id}`),
    );
    await op.operator.decideVerification({ id: claim!.id, decision: "verify" });

    await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId, partyId: party.id });
    const realOwner = callerFor(db, real.users.owner);
    expect(
      (await realOwner.alliances.incomingInvitations({ workspaceSlug: real.workspace.slug })).map((i) => i.allianceId),
    ).toEqual([allianceId]);
    // The invitation says whether the inviting workspace is verified for its organisation: A is not yet.
    expect(await realOwner.alliances.incomingInvitations({ workspaceSlug: real.workspace.slug })).toMatchObject([
      { allianceId, inviterVerified: false },
    ]);
    const squatterOwner = callerFor(db, squatter.users.owner);
    expect(await squatterOwner.alliances.incomingInvitations({ workspaceSlug: squatter.workspace.slug })).toEqual([]);
    expect(
      (
        await rejection(
          squatterOwner.alliances.respondToCoOwnership({
            workspaceSlug: squatter.workspace.slug,
            partyId: party.id,
            accept: true,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    // The operator withdraws the verification: the invitation is withdrawn, and the inviter sees it.
    const decided = await op.operator.decideVerification({ id: claim!.id, decision: "revoke" });
    expect(decided.invitationsWithdrawn).toBe(1);
    expect(await realOwner.alliances.incomingInvitations({ workspaceSlug: real.workspace.slug })).toEqual([]);
    expect(
      (
        await rejection(
          realOwner.alliances.respondToCoOwnership({
            workspaceSlug: real.workspace.slug,
            partyId: party.id,
            accept: true,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const inviterView = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id: allianceId })).parties.find(
      (p) => p.id === party.id,
    );
    expect(inviterView?.status).toBe("withdrawn");
    const inviterLog = await sqlRows<{ action: string; after: { reason?: string } }>(
      db.execute(
        sql`select action, after from audit_events where workspace_id = ${a.workspace.id} and entity_id = ${allianceId} and action = 'share.withdraw'`,
      ),
    );
    expect(inviterLog.map((e) => e.after.reason)).toEqual(["verification.revoke"]);
    // Verified again, the old invitation stays withdrawn; a new one may be accepted.
    await op.operator.decideVerification({ id: claim!.id, decision: "verify" });
    expect(await realOwner.alliances.incomingInvitations({ workspaceSlug: real.workspace.slug })).toEqual([]);
    await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId, partyId: party.id });
    await realOwner.alliances.respondToCoOwnership({
      workspaceSlug: real.workspace.slug,
      partyId: party.id,
      accept: true,
    });
    expect((await realOwner.alliances.get({ workspaceSlug: real.workspace.slug, id: allianceId })).title).toBeTruthy();
    // The other parties see whether the co-owner speaking for the organisation is verified.
    const seen = async () =>
      (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id: allianceId })).parties.find(
        (p) => p.id === party.id,
      )!;
    expect(await seen()).toMatchObject({ status: "accepted", isVerified: true });
    await op.operator.decideVerification({ id: claim!.id, decision: "revoke" });
    expect(await seen()).toMatchObject({ status: "accepted", isVerified: false });
  });
});
