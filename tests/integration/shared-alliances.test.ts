import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { allianceParties, alliances, allianceSdgClaims, memberships, notifications } from "../../db/schema";
import { withPublicScope, withScope } from "../../db/scope";
import { sqlState } from "../../server/errors";
import { consentCovers, effectiveAudience } from "../../domain/audience";
import { getPublished } from "../../server/services/library/get-published";
import { listPublished } from "../../server/services/library/list-published";
import { LibraryFilters } from "../../server/services/library/schemas";
import { dispatchNotificationEmails } from "../../server/services/notifications/dispatch-emails";
import { callerFor, RecordingMailer } from "../helpers/caller";
import { coOwnedAlliance } from "../factories/co-owned";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { hashInvitationToken } from "../../server/services/members/tokens";
import { allianceInput, createUser, createWorkspaceWithRoles, giveOrganisation, uniq } from "../factories";

const { db } = await openTestDatabase();

const attempt = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

/** A and B co-own one alliance (A created it and invited B, B's admin accepted). */
async function coOwned() {
  const { a, b, id, partyB } = await coOwnedAlliance(db, { keyResults: "40 familles accompagnées" });
  const ownerA = callerFor(db, a.users.owner);
  const ownerB = callerFor(db, b.users.owner);
  return {
    a,
    b,
    id,
    partyB,
    ownerA,
    ownerB,
    editorA: callerFor(db, a.users.editor),
    editorB: callerFor(db, b.users.editor),
    sa: a.workspace.slug,
    sb: b.workspace.slug,
  };
}

const allPublished = async () => (await listPublished(db, LibraryFilters.parse({}))).items.map((i) => i.id);

async function drainOutbox(mailer: RecordingMailer) {
  for (let i = 0; i < 50; i++) {
    const { notifications: n } = await dispatchNotificationEmails(db, mailer, "http://localhost:3000");
    if (n === 0) return;
  }
}

describe("the shared history and notifications", () => {
  it("shows every party which organisation and which person changed what, and tells the others", async () => {
    const { a, b, id, ownerA, editorB, sa, sb } = await coOwned();
    const detail = await editorB.alliances.get({ workspaceSlug: sb, id });
    const orgA = detail.parties.find((p) => !p.isMine)!.organisationId;
    await editorB.alliances.update({
      workspaceSlug: sb,
      ...allianceInput({
        title: "Titre revu par B",
        ownRole: "partenaire",
        partners: [{ organisationId: orgA, role: "porteur" }],
      }),
      id,
      version: detail.version,
    });

    const historyA = await ownerA.alliances.history({ workspaceSlug: sa, id });
    const update = historyA.find((h) => h.action === "alliance.update")!;
    expect(update).toMatchObject({ organisationName: b.workspace.name, actorName: b.users.editor.email, mine: false });
    expect((update.detail as { fields: string[] }).fields).toContain("title");
    expect(historyA.map((h) => h.action)).toEqual(
      expect.arrayContaining(["alliance.create", "share.invite", "share.accept", "alliance.update"]),
    );

    // A's members were told; B (who acted) was not told about its own change.
    const viewerA = callerFor(db, a.users.viewer);
    expect(await viewerA.notifications.unreadCount({ workspaceSlug: sa })).toBeGreaterThanOrEqual(2);
    const listA = await viewerA.notifications.list({ workspaceSlug: sa });
    expect(listA.map((n) => n.kind)).toEqual(expect.arrayContaining(["alliance.changed", "share.accepted"]));
    expect(listA.find((n) => n.kind === "alliance.changed")).toMatchObject({
      allianceId: id,
      unread: true,
      payload: { title: "Titre revu par B", organisation: b.workspace.name },
    });
    expect(
      (await callerFor(db, b.users.viewer).notifications.list({ workspaceSlug: sb })).filter(
        (n) => n.kind === "alliance.changed",
      ),
    ).toEqual([]);

    await viewerA.notifications.markAllRead({ workspaceSlug: sa });
    expect(await viewerA.notifications.unreadCount({ workspaceSlug: sa })).toBe(0);
    // Reading is per person: the owner's count did not move.
    expect(await ownerA.notifications.unreadCount({ workspaceSlug: sa })).toBeGreaterThan(0);
  });

  it("keeps admin-only notifications (invitations, audience requests) from editors and viewers", async () => {
    const { b, sb } = await coOwned();
    const adminKinds = (await callerFor(db, b.users.admin).notifications.list({ workspaceSlug: sb })).map(
      (n) => n.kind,
    );
    expect(adminKinds).toContain("share.invited");
    const viewerKinds = (await callerFor(db, b.users.viewer).notifications.list({ workspaceSlug: sb })).map(
      (n) => n.kind,
    );
    expect(viewerKinds).not.toContain("share.invited");
  });

  it("refuses, in the database, a notification addressed to a workspace that is no party", async () => {
    const { a, id } = await coOwned();
    const outsider = await createWorkspaceWithRoles(db);
    const forged = await attempt(
      withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
        tx.insert(notifications).values({
          workspaceId: outsider.workspace.id,
          allianceId: id,
          kind: "alliance.changed",
          payload: { title: "x", organisation: "x", actor: "x" },
          createdBy: a.users.owner.id,
        }),
      ),
    );
    expect(sqlState(forged)).toBe("42501");
  });

  it("emails invitations to the invited workspace's admins, and a burst of changes once", async () => {
    const mailer = new RecordingMailer();
    await drainOutbox(mailer);
    const { b, id, editorA, sa } = await coOwned();
    await drainOutbox(mailer);
    const invitation = mailer.sent.filter(
      (m) =>
        [b.users.owner.email, b.users.admin.email, b.users.editor.email].includes(m.to) && m.subject.includes("invite"),
    );
    expect(invitation.map((m) => m.to).sort()).toEqual([b.users.owner.email, b.users.admin.email].sort());
    expect(invitation[0]!.text).toContain(`/w/${b.workspace.slug}/notifications`);

    for (const entry of ["Réunion de lancement", "Visite du jardin"]) {
      await editorA.alliances.addTimelineEntry({
        workspaceSlug: sa,
        allianceId: id,
        kind: "meeting",
        title: entry,
        occurredOn: "2025-02-01",
      });
    }
    const before = mailer.sent.length;
    await drainOutbox(mailer);
    const changeMails = mailer.sent.slice(before).filter((m) => m.to === b.users.viewer.email);
    expect(changeMails).toHaveLength(1);
    expect(changeMails[0]!.text).toContain(`/w/${b.workspace.slug}/alliances/${id}`);
  });
});

describe("audience and the public library", () => {
  it("publishes only once every co-owner approved, hides again after an edit, and disappears on withdrawal", async () => {
    const { id, ownerA, ownerB, editorA, sa, sb, a } = await coOwned();
    await ownerA.alliances.requestAudience({ workspaceSlug: sa, allianceId: id, audience: "public" });
    let seenByB = await ownerB.alliances.audience({ workspaceSlug: sb, id });
    expect(seenByB).toMatchObject({ requested: "public", effective: "parties" });
    expect(seenByB.parties.map((p) => [p.isMine, p.agrees]).sort()).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(await allPublished()).not.toContain(id);
    expect(await getPublished(db, id)).toBeNull();
    expect((await callerFor(db, a.users.admin).notifications.list({ workspaceSlug: sa })).length).toBeGreaterThan(0);

    // B approves the revision it saw: published.
    await ownerB.alliances.approveAudience({ workspaceSlug: sb, allianceId: id, revision: seenByB.revision });
    expect((await ownerA.alliances.audience({ workspaceSlug: sa, id })).effective).toBe("public");
    expect(await allPublished()).toContain(id);
    const page = await getPublished(db, id);
    expect(page).toMatchObject({ id, keyResults: "40 familles accompagnées", mode: "mecenat" });
    expect(page!.parties).toHaveLength(2);
    expect(Object.keys(page!).sort()).toEqual([
      "endsOn",
      "id",
      "keyResults",
      "mode",
      "modes",
      "parties",
      "places",
      "sdgTargets",
      "startsOn",
      "summary",
      "territoryScope",
      "title",
      "updatedAt",
    ]);
    expect((await listPublished(db, LibraryFilters.parse({ goal: "2" }))).items.map((i) => i.id)).toContain(id);
    expect((await listPublished(db, LibraryFilters.parse({ goal: "9" }))).items.map((i) => i.id)).not.toContain(id);
    expect(
      (await listPublished(db, LibraryFilters.parse({ mode: "mecenat", region: "84" }))).items.map((i) => i.id),
    ).toContain(id);
    expect((await listPublished(db, LibraryFilters.parse({ region: "11" }))).items.map((i) => i.id)).not.toContain(id);

    // A stale approval is refused; an edit of a public field unpublishes until both approve again.
    const detail = await editorA.alliances.get({ workspaceSlug: sa, id });
    await editorA.alliances.update({
      workspaceSlug: sa,
      ...allianceInput({
        title: "Nouveau titre",
        partners: detail.parties
          .filter((p) => !p.isMine)
          .map((p) => ({ organisationId: p.organisationId, role: p.role })),
      }),
      id,
      version: detail.version,
    });
    expect(await allPublished()).not.toContain(id);
    expect(
      (
        await rejection(
          ownerB.alliances.approveAudience({ workspaceSlug: sb, allianceId: id, revision: seenByB.revision }),
        )
      ).code,
    ).toBe("CONFLICT");
    seenByB = await ownerB.alliances.audience({ workspaceSlug: sb, id });
    await ownerB.alliances.approveAudience({ workspaceSlug: sb, allianceId: id, revision: seenByB.revision });
    expect(await allPublished()).not.toContain(id);
    await ownerA.alliances.approveAudience({ workspaceSlug: sa, allianceId: id, revision: seenByB.revision });
    expect(await allPublished()).toContain(id);

    // Any party withdraws: gone at once.
    await ownerB.alliances.withdrawAudience({ workspaceSlug: sb, id });
    expect(await allPublished()).not.toContain(id);
    expect(await getPublished(db, id)).toBeNull();
  });

  it("lets only admins decide, and nobody consent for another party, even in SQL", async () => {
    const { a, b, id, editorA, ownerA, sa } = await coOwned();
    expect(
      (await rejection(editorA.alliances.requestAudience({ workspaceSlug: sa, allianceId: id, audience: "public" })))
        .code,
    ).toBe("FORBIDDEN");
    await ownerA.alliances.requestAudience({ workspaceSlug: sa, allianceId: id, audience: "public" });
    const [core] = await db.select({ revision: alliances.publicRevision }).from(alliances).where(eq(alliances.id, id));
    const forged = await attempt(
      withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
        tx
          .update(allianceParties)
          .set({ audienceConsent: "public", consentRevision: core!.revision })
          .where(eq(allianceParties.workspaceId, b.workspace.id)),
      ),
    );
    expect(sqlState(forged)).toBe("42501");
    const backwards = await attempt(
      withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
        tx.update(alliances).set({ publicRevision: 1 }).where(eq(alliances.id, id)),
      ),
    );
    expect(sqlState(backwards)).toBe("42501");
    // A title changed straight in SQL still moves the revision.
    await withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
      tx.update(alliances).set({ title: "Changé en SQL" }).where(eq(alliances.id, id)),
    );
    const [after] = await db.select({ revision: alliances.publicRevision }).from(alliances).where(eq(alliances.id, id));
    expect(after!.revision).toBe(core!.revision + 1);
    expect(await allPublished()).not.toContain(id);
  });

  it("gives the library role public columns of published alliances and nothing else", async () => {
    const { id, ownerA, ownerB, sa, sb } = await coOwned();
    await ownerA.alliances.savePrivateNotes({
      workspaceSlug: sa,
      allianceId: id,
      notes: "Budget confidentiel",
      tags: [],
      version: 0,
    });
    await ownerA.alliances.requestAudience({ workspaceSlug: sa, allianceId: id, audience: "public" });
    const { revision } = await ownerB.alliances.audience({ workspaceSlug: sb, id });
    await ownerB.alliances.approveAudience({ workspaceSlug: sb, allianceId: id, revision });

    const denied = async (query: ReturnType<typeof sql>) =>
      sqlState(await attempt(withPublicScope(db, (tx) => tx.execute(query))));
    expect(await denied(sql`select search_text from alliances`)).toBe("42501");
    expect(await denied(sql`select requested_audience from alliances`)).toBe("42501");
    expect(await denied(sql`select * from alliance_private_notes`)).toBe("42501");
    expect(await denied(sql`select * from alliance_contributions`)).toBe("42501");
    expect(await denied(sql`select invited_email, audience_consent from alliance_parties`)).toBe("42501");
    expect(await denied(sql`select siren from organisations`)).toBe("42501");
    expect(await denied(sql`select * from workspaces`)).toBe("42501");
    expect(await denied(sql`select * from users`)).toBe("42501");
    expect(await denied(sql`update alliances set title = 'x'`)).toBe("42501");

    const visible = await withPublicScope(db, (tx) =>
      sqlRows<{ id: string }>(tx.execute(sql`select id from alliances`)),
    );
    const published = new Set(
      await withPublicScope(db, (tx) =>
        sqlRows<{ ids: string[] }>(tx.execute(sql`select app_published_alliance_ids() as ids`)),
      ).then((r) => r[0]!.ids),
    );
    expect(visible.every((v) => published.has(v.id))).toBe(true);
    expect(visible.map((v) => v.id)).toContain(id);
    // Organisations seen by the library are those of published alliances only.
    const orgs = await withPublicScope(db, (tx) =>
      sqlRows<{ n: number }>(
        tx.execute(
          sql`select count(*)::int as n from organisations o where not exists (select 1 from alliance_parties p where p.organisation_id = o.id)`,
        ),
      ),
    );
    expect(orgs[0]!.n).toBe(0);
  });

  it("needs every party's consent for the territory audience too, given for that audience and revision", () => {
    expect(
      effectiveAudience("territory", 3, [
        { audience: "territory", revision: 3 },
        { audience: "territory", revision: 3 },
      ]),
    ).toBe("territory");
    // A consent to an earlier request, or to the public audience, does not carry over.
    expect(
      effectiveAudience("territory", 3, [
        { audience: "territory", revision: 3 },
        { audience: "public", revision: 3 },
      ]),
    ).toBe("parties");
    expect(
      effectiveAudience("territory", 3, [
        { audience: "territory", revision: 3 },
        { audience: "territory", revision: 1 },
      ]),
    ).toBe("parties");
    expect(
      effectiveAudience("public", 3, [
        { audience: "public", revision: 3 },
        { audience: "territory", revision: 3 },
      ]),
    ).toBe("parties");
    expect(
      effectiveAudience("territory", 3, [
        { audience: "territory", revision: 3 },
        { audience: null, revision: null },
      ]),
    ).toBe("parties");
    expect(
      effectiveAudience("public", 3, [
        { audience: "public", revision: 3 },
        { audience: "public", revision: 2 },
      ]),
    ).toBe("parties");
    expect(effectiveAudience("public", 3, [])).toBe("parties");
    expect(consentCovers("public", 4, { audience: "public", revision: 4 })).toBe(true);
  });
});

describe("SDG claims", () => {
  it("keeps every party's shares of a target within 100 %, each writing only its own", async () => {
    const { a, b, id, editorA, editorB, sa, sb, ownerB } = await coOwned();
    await editorA.alliances.saveSdgClaims({
      workspaceSlug: sa,
      allianceId: id,
      claims: [
        { target: "2.4", sharePercent: 70 },
        { target: "17.17", sharePercent: 50 },
      ],
    });
    const seenByB = await editorB.alliances.sdgClaims({ workspaceSlug: sb, id });
    expect(seenByB).toEqual([
      { target: "2.4", goal: 2, mine: 0, others: 70 },
      { target: "17.17", goal: 17, mine: 0, others: 50 },
    ]);
    const over = await rejection(
      editorB.alliances.saveSdgClaims({
        workspaceSlug: sb,
        allianceId: id,
        claims: [{ target: "2.4", sharePercent: 40 }],
      }),
    );
    expect(over.code).toBe("BAD_REQUEST");
    expect((over.cause as unknown as { params: Record<string, unknown> }).params).toMatchObject({
      field: "claims.0.sharePercent",
      left: 30,
    });
    expect(
      (
        await rejection(
          editorB.alliances.saveSdgClaims({
            workspaceSlug: sb,
            allianceId: id,
            claims: [{ target: "9.1", sharePercent: 10 }],
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    await editorB.alliances.saveSdgClaims({
      workspaceSlug: sb,
      allianceId: id,
      claims: [{ target: "2.4", sharePercent: 30 }],
    });
    expect(await editorA.alliances.sdgClaims({ workspaceSlug: sa, id })).toEqual([
      { target: "2.4", goal: 2, mine: 70, others: 30 },
      { target: "17.17", goal: 17, mine: 50, others: 0 },
    ]);
    // The database refuses a claim written in another workspace's name.
    const forged = await attempt(
      withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
        tx
          .insert(allianceSdgClaims)
          .values({ allianceId: id, workspaceId: b.workspace.id, target: "17.17", sharePercent: 50 }),
      ),
    );
    expect(sqlState(forged)).toBe("42501");
    // Leaving takes the party's claims with it.
    await ownerB.alliances.leave({ workspaceSlug: sb, id });
    expect(await editorA.alliances.sdgClaims({ workspaceSlug: sa, id })).toEqual([
      { target: "2.4", goal: 2, mine: 70, others: 0 },
      { target: "17.17", goal: 17, mine: 50, others: 0 },
    ]);
  });
});

describe("isolation of the new shared parts", () => {
  it("shows a stranger nothing of an alliance: not by id, not in lists or search, not its history, claims or audience", async () => {
    const { id, sa, ownerA } = await coOwned();
    const stranger = await createWorkspaceWithRoles(db);
    const them = callerFor(db, stranger.users.owner);
    const ws = stranger.workspace.slug;
    const title = (await ownerA.alliances.get({ workspaceSlug: sa, id })).title;
    for (const call of [
      () => them.alliances.get({ workspaceSlug: ws, id }),
      () => them.alliances.history({ workspaceSlug: ws, id }),
      () => them.alliances.sdgClaims({ workspaceSlug: ws, id }),
      () => them.alliances.audience({ workspaceSlug: ws, id }),
      () => them.alliances.privateLayer({ workspaceSlug: ws, id }),
    ]) {
      expect((await rejection(call())).code).toBe("NOT_FOUND");
    }
    expect((await them.alliances.list({ workspaceSlug: ws, q: title })).items).toEqual([]);
    expect(await them.notifications.list({ workspaceSlug: ws })).toEqual([]);
    // Nor can the stranger's own members reach A's workspace notifications.
    expect((await rejection(them.notifications.list({ workspaceSlug: sa }))).code).toBe("NOT_FOUND");
  });

  it("a party that left loses the shared history and cannot delete the alliance from under the others", async () => {
    const { id, ownerA, ownerB, sa, sb } = await coOwned();
    expect((await rejection(ownerA.alliances.delete({ workspaceSlug: sa, id }))).code).toBe("CONFLICT");
    await ownerB.alliances.leave({ workspaceSlug: sb, id });
    expect((await rejection(ownerB.alliances.history({ workspaceSlug: sb, id }))).code).toBe("NOT_FOUND");
    expect((await ownerA.alliances.history({ workspaceSlug: sa, id })).map((h) => h.action)).toContain("share.leave");
  });

  it("refuses an expired invitation, in code and in the database", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const orgB = await giveOrganisation(db, b.workspace.id);
    const ownerA = callerFor(db, a.users.owner);
    const { id } = await ownerA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ partners: [{ organisationId: orgB, role: "partenaire" }] }),
    });
    const party = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
      (p) => p.organisationId === orgB,
    )!;
    await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: party.id });
    await db
      .update(allianceParties)
      .set({ invitationExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(allianceParties.id, party.id));
    const adminB = callerFor(db, b.users.admin);
    expect(await adminB.alliances.incomingInvitations({ workspaceSlug: b.workspace.slug })).toEqual([]);
    expect(
      (
        await rejection(
          adminB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: party.id, accept: true }),
        )
      ).code,
    ).toBe("CONFLICT");
    const forced = await attempt(
      withScope(db, { userId: b.users.admin.id, workspaceId: b.workspace.id }, (tx) =>
        tx.update(allianceParties).set({ status: "accepted" }).where(eq(allianceParties.id, party.id)),
      ),
    );
    expect(sqlState(forced)).toBe("42501");
    // The inviter can send it again, with a fresh expiry.
    await ownerA.alliances.withdrawCoOwnerInvitation({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      partyId: party.id,
    });
    await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: party.id });
    expect(await adminB.alliances.incomingInvitations({ workspaceSlug: b.workspace.slug })).toHaveLength(1);
  });
});

describe("inviting a partner without a workspace, by email", () => {
  async function invitedByEmail(email: string) {
    const a = await createWorkspaceWithRoles(db);
    const mailer = new RecordingMailer();
    const ownerA = callerFor(db, a.users.owner, { mailer });
    const { id } = await ownerA.alliances.create({ workspaceSlug: a.workspace.slug, ...allianceInput() });
    const party = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find((p) => !p.isMine)!;
    expect(party).toMatchObject({ hasWorkspace: false, organisationHasWorkspace: false });
    await ownerA.alliances.inviteByEmail({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: party.id, email });
    const mail = mailer.lastTo(email.toLowerCase());
    const token = mail!.text.match(/alliance-invitations\/([A-Za-z0-9_-]{43})/)![1]!;
    return { a, ownerA, id, party, token, mail: mail! };
  }

  it("lets the invited person create its organisation's workspace and accept; the alliance is then shared", async () => {
    const invitee = await createUser(db);
    const { a, ownerA, id, party, token, mail } = await invitedByEmail(invitee.email);
    expect(mail.subject).toContain(a.workspace.name);
    // The row names the address but grants nothing yet.
    expect(
      (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find((p) => p.id === party.id),
    ).toMatchObject({ status: "invited", invitedEmail: invitee.email });

    const them = callerFor(db, invitee);
    let preview = await them.partyInvitations.preview({ token });
    expect(preview).toMatchObject({
      title: expect.any(String),
      organisationName: party.name,
      invitedBy: a.workspace.name,
      email: invitee.email,
      emailMatches: true,
      status: "pending",
      candidates: [],
    });
    // No workspace is verified for the invited organisation: the page says so.
    expect(preview.organisationVerified).toBe(false);
    const created = await them.workspaces.create({ name: party.name, kind: "entreprise", slug: `ws-${uniq("inv")}` });
    preview = await them.partyInvitations.preview({ token });
    expect(preview.candidates).toEqual([{ slug: created.slug, name: party.name, isOrganisation: false }]);

    const { allianceId } = await them.alliances.acceptEmailInvitation({ workspaceSlug: created.slug, token });
    expect(allianceId).toBe(id);
    expect((await them.alliances.get({ workspaceSlug: created.slug, id })).parties.find((p) => p.isMine)).toMatchObject(
      { status: "accepted", organisationId: party.organisationId },
    );
    expect(
      (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find((p) => p.id === party.id),
    ).toMatchObject({ status: "accepted", hasWorkspace: true });
    expect((await them.partyInvitations.preview({ token })).status).toBe("accepted");
    expect((await rejection(them.alliances.acceptEmailInvitation({ workspaceSlug: created.slug, token }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses another address, a workspace of another organisation, an editor, and a withdrawn or expired link", async () => {
    const invitee = await createUser(db);
    const { a, ownerA, id, party, token } = await invitedByEmail(invitee.email);

    // Someone else who got hold of the link.
    const intruder = await createWorkspaceWithRoles(db);
    const intruderCaller = callerFor(db, intruder.users.owner);
    expect((await intruderCaller.partyInvitations.preview({ token })).emailMatches).toBe(false);
    expect(
      (
        await rejection(
          intruderCaller.alliances.acceptEmailInvitation({ workspaceSlug: intruder.workspace.slug, token }),
        )
      ).code,
    ).toBe("FORBIDDEN");

    // The right person, but in a workspace that is another organisation's.
    const theirs = await createWorkspaceWithRoles(db);
    await db.insert(memberships).values({ workspaceId: theirs.workspace.id, userId: invitee.id, role: "owner" });
    await giveOrganisation(db, theirs.workspace.id);
    expect(
      (
        await rejection(
          callerFor(db, invitee).alliances.acceptEmailInvitation({ workspaceSlug: theirs.workspace.slug, token }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // As an editor of a fresh workspace.
    const fresh = await createWorkspaceWithRoles(db);
    await db.insert(memberships).values({ workspaceId: fresh.workspace.id, userId: invitee.id, role: "editor" });
    expect(
      (
        await rejection(
          callerFor(db, invitee).alliances.acceptEmailInvitation({ workspaceSlug: fresh.workspace.slug, token }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // The database function refuses the intruder too, when called straight.
    await db
      .insert(memberships)
      .values({ workspaceId: intruder.workspace.id, userId: intruder.users.admin.id, role: "admin" })
      .onConflictDoNothing();
    const forced = await attempt(
      withScope(
        db,
        {
          userId: intruder.users.owner.id,
          workspaceId: intruder.workspace.id,
          invitationTokenHash: hashInvitationToken(token),
        },
        (tx) => tx.execute(sql`select app_accept_party_invitation(${intruder.workspace.id})`),
      ),
    );
    expect(sqlState(forced)).toBe("42501");

    // Withdrawn: the link no longer opens anything, the partner is named again.
    await ownerA.alliances.withdrawCoOwnerInvitation({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      partyId: party.id,
    });
    expect((await rejection(callerFor(db, invitee).partyInvitations.preview({ token }))).code).toBe("NOT_FOUND");
    expect(
      (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find((p) => p.id === party.id),
    ).toMatchObject({ status: "accepted", hasWorkspace: false, invitedEmail: null });

    // Expired.
    const again = await invitedByEmail(invitee.email);
    await db
      .update(allianceParties)
      .set({ invitationExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(allianceParties.id, again.party.id));
    expect((await callerFor(db, invitee).partyInvitations.preview({ token: again.token })).status).toBe("expired");
    const mine = await createWorkspaceWithRoles(db);
    await db.insert(memberships).values({ workspaceId: mine.workspace.id, userId: invitee.id, role: "owner" });
    expect(
      (
        await rejection(
          callerFor(db, invitee).alliances.acceptEmailInvitation({
            workspaceSlug: mine.workspace.slug,
            token: again.token,
          }),
        )
      ).code,
    ).toBe("CONFLICT");
  });
});
