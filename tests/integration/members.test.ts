import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations } from "../../db/schema";
import { callerFor, linkIn, RecordingMailer } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { createUser, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();

const tokenOf = (link: string) => link.split("/invitations/")[1]!;

async function invite(
  workspaceSlug: string,
  inviter: Parameters<typeof callerFor>[1],
  email: string,
  role: "owner" | "admin" | "editor" | "viewer" = "editor",
) {
  const mailer = new RecordingMailer();
  const invitation = await callerFor(db, inviter, { mailer }).members.invite({ workspaceSlug, email, role });
  const link = linkIn(mailer.lastTo(email.toLowerCase()), /http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]+/);
  return { invitation, link, token: tokenOf(link), mail: mailer.lastTo(email.toLowerCase())! };
}

async function actions(workspaceId: string) {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId));
  return rows.map((r) => r.action);
}

describe("inviting and accepting", () => {
  it("sends a single-use link, stores only its hash, and makes the invitee a member", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const newcomer = await createUser(db);
    const { token, mail } = await invite(workspace.slug, users.admin, newcomer.email.toUpperCase(), "viewer");
    expect(mail.subject).toContain(workspace.name);

    const [stored] = await db.select().from(invitations).where(eq(invitations.workspaceId, workspace.id));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.tokenHash).not.toContain(token);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const newcomerCaller = callerFor(db, newcomer);
    const preview = await newcomerCaller.memberInvitations.preview({ token });
    expect(preview).toMatchObject({
      status: "pending",
      role: "viewer",
      workspaceName: workspace.name,
      emailMatches: true,
    });

    const accepted = await newcomerCaller.memberInvitations.accept({ token });
    expect(accepted.workspaceSlug).toBe(workspace.slug);
    expect((await newcomerCaller.workspaces.get({ workspaceSlug: workspace.slug })).myRole).toBe("viewer");

    const again = await rejection(newcomerCaller.memberInvitations.accept({ token }));
    expect(again.code).toBe("CONFLICT");
    expect(await actions(workspace.id)).toEqual(
      expect.arrayContaining(["invitation.create", "invitation.accept", "member.add"]),
    );
  });

  it("refuses the link to someone signed in with another address", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const { token } = await invite(workspace.slug, users.owner, "someone.else@example.org");
    const error = await rejection(callerFor(db, users.stranger).memberInvitations.accept({ token }));
    expect(error.code).toBe("FORBIDDEN");
    const stillOut = await rejection(callerFor(db, users.stranger).workspaces.get({ workspaceSlug: workspace.slug }));
    expect(stillOut.code).toBe("NOT_FOUND");
  });

  it("refuses an expired or revoked invitation", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const late = await createUser(db);
    const { token, invitation } = await invite(workspace.slug, users.owner, late.email);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id));
    expect((await rejection(callerFor(db, late).memberInvitations.accept({ token }))).code).toBe("CONFLICT");

    const revokedUser = await createUser(db);
    const second = await invite(workspace.slug, users.owner, revokedUser.email);
    await callerFor(db, users.admin).memberInvitations.revoke({
      workspaceSlug: workspace.slug,
      invitationId: second.invitation.id,
    });
    expect((await callerFor(db, revokedUser).memberInvitations.preview({ token: second.token })).status).toBe(
      "revoked",
    );
    expect((await rejection(callerFor(db, revokedUser).memberInvitations.accept({ token: second.token }))).code).toBe(
      "CONFLICT",
    );
  });

  it("refuses to invite an existing member or an address already invited", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, users.owner);
    expect(
      (
        await rejection(
          owner.members.invite({ workspaceSlug: workspace.slug, email: users.viewer.email, role: "viewer" }),
        )
      ).code,
    ).toBe("CONFLICT");
    await owner.members.invite({ workspaceSlug: workspace.slug, email: "twice@example.org", role: "viewer" });
    expect(
      (
        await rejection(
          owner.members.invite({ workspaceSlug: workspace.slug, email: "twice@example.org", role: "viewer" }),
        )
      ).code,
    ).toBe("CONFLICT");
  });

  it("lets only owners invite owners, and never viewers or editors invite anyone", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    expect(
      (
        await rejection(
          callerFor(db, users.admin).members.invite({
            workspaceSlug: workspace.slug,
            email: "boss@example.org",
            role: "owner",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await rejection(
          callerFor(db, users.editor).members.invite({
            workspaceSlug: workspace.slug,
            email: "x@example.org",
            role: "viewer",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await callerFor(db, users.owner).members.invite({
      workspaceSlug: workspace.slug,
      email: "boss@example.org",
      role: "owner",
    });
  });

  it("gives nothing away to a bogus token", async () => {
    const stranger = await createUser(db);
    const error = await rejection(callerFor(db, stranger).memberInvitations.preview({ token: "A".repeat(43) }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("roles, removal and leaving", () => {
  it("changes a role with the version read, and refuses a stale one", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const admin = callerFor(db, users.admin);
    const members = await admin.members.list({ workspaceSlug: workspace.slug });
    const editor = members.find((m) => m.userId === users.editor.id)!;
    const updated = await admin.members.changeRole({
      workspaceSlug: workspace.slug,
      userId: editor.userId,
      role: "viewer",
      version: editor.version,
    });
    expect(updated).toMatchObject({ role: "viewer", version: editor.version + 1 });
    const stale = await rejection(
      admin.members.changeRole({
        workspaceSlug: workspace.slug,
        userId: editor.userId,
        role: "admin",
        version: editor.version,
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspace.id), eq(auditEvents.action, "member.role_change")));
    expect(event).toMatchObject({ actorUserId: users.admin.id, before: { role: "editor" }, after: { role: "viewer" } });
  });

  it("never leaves a workspace without an owner", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, users.owner);
    const me = (await owner.members.list({ workspaceSlug: workspace.slug })).find((m) => m.userId === users.owner.id)!;
    expect(
      (
        await rejection(
          owner.members.changeRole({
            workspaceSlug: workspace.slug,
            userId: me.userId,
            role: "admin",
            version: me.version,
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect((await rejection(owner.members.leave({ workspaceSlug: workspace.slug }))).code).toBe("CONFLICT");

    const admin = (await owner.members.list({ workspaceSlug: workspace.slug })).find(
      (m) => m.userId === users.admin.id,
    )!;
    await owner.members.changeRole({
      workspaceSlug: workspace.slug,
      userId: admin.userId,
      role: "owner",
      version: admin.version,
    });
    await owner.members.leave({ workspaceSlug: workspace.slug });
    // A new request (the membership lookup is memoised per request only).
    expect((await rejection(callerFor(db, users.owner).workspaces.get({ workspaceSlug: workspace.slug }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await actions(workspace.id)).toContain("member.leave");
  });

  it("lets admins remove editors but not owners, and not themselves", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const admin = callerFor(db, users.admin);
    expect(
      (await rejection(admin.members.remove({ workspaceSlug: workspace.slug, userId: users.owner.id }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await rejection(admin.members.remove({ workspaceSlug: workspace.slug, userId: users.admin.id }))).code,
    ).toBe("BAD_REQUEST");
    await admin.members.remove({ workspaceSlug: workspace.slug, userId: users.editor.id });
    expect((await rejection(callerFor(db, users.editor).members.list({ workspaceSlug: workspace.slug }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await actions(workspace.id)).toContain("member.remove");
  });

  it("does not let one workspace's admin act on another workspace's members", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const adminA = callerFor(db, a.users.admin);
    // Naming workspace B: refused as if it did not exist.
    expect(
      (await rejection(adminA.members.remove({ workspaceSlug: b.workspace.slug, userId: b.users.editor.id }))).code,
    ).toBe("NOT_FOUND");
    // Naming its own workspace but B's member: that member is not found there.
    expect(
      (await rejection(adminA.members.remove({ workspaceSlug: a.workspace.slug, userId: b.users.editor.id }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await callerFor(db, b.users.owner).members.list({ workspaceSlug: b.workspace.slug })).map((m) => m.userId),
    ).toContain(b.users.editor.id);
  });
});

describe("audit log", () => {
  it("is paginated newest first and readable by admins only", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, users.owner);
    for (let i = 0; i < 3; i++)
      await owner.members.invite({ workspaceSlug: workspace.slug, email: `page${i}@example.org`, role: "viewer" });
    const first = await owner.audit.list({ workspaceSlug: workspace.slug, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await owner.audit.list({ workspaceSlug: workspace.slug, limit: 2, cursor: first.nextCursor });
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]!.id);
    expect(first.items[0]!.actorEmail).toBe(users.owner.email);
    expect(
      (await rejection(callerFor(db, users.editor).audit.list({ workspaceSlug: workspace.slug, limit: 10 }))).code,
    ).toBe("FORBIDDEN");
  });
});
