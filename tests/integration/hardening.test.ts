import { describe, expect, it } from "vitest";
import { isCalendarDate } from "../../domain/dates";
import { requestIdFrom } from "../../server/http/request-id";
import { forbiddenTextPath } from "../../server/trpc/input-guard";
import { callerFor, linkIn, RecordingMailer } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { createUser, createWorkspaceWithRoles, uniq } from "../factories";

const { db } = await openTestDatabase();

describe("inputs that used to end in a 500", () => {
  it("refuses a NUL or another control character in any text field, naming the field", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    for (const call of [
      () => owner.savedViews.save({ workspaceSlug: ws, name: `vue\u0000${uniq("n")}`, query: "sdgGoal=12" }),
      () => owner.organisations.suggest({ workspaceSlug: ws, query: "co\u0000op" }),
      () => owner.alliances.create({ workspaceSlug: ws, title: "Titre\u0007", summary: null } as never),
    ]) {
      const refused = await rejection(call());
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toContain("errors.input.controlCharacter");
    }
    // Ordinary text with line breaks, tabs, accents, right-to-left script and emoji passes the guard.
    expect(forbiddenTextPath({ a: "Ligne 1\nLigne 2\tfin — é ü 🌱 مرحبا" })).toBeNull();
    expect(forbiddenTextPath({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual(["a", "1", "c"]);
    expect(forbiddenTextPath({ "k\u0001": 1 })).toEqual(["k\u0001"]);
    expect(forbiddenTextPath({ a: "\uD800 seul" })).toEqual(["a"]);
  });

  it("refuses an out-of-range audit cursor with a 400, not a database error", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    for (const createdAt of [new Date(8.64e15), new Date(-8.64e15), new Date("1900-01-01")]) {
      const refused = await rejection(
        owner.audit.list({
          workspaceSlug: f.workspace.slug,
          limit: 10,
          cursor: { createdAt, id: crypto.randomUUID() },
        }),
      );
      expect(refused.code).toBe("BAD_REQUEST");
    }
    expect(
      (
        await owner.audit.list({
          workspaceSlug: f.workspace.slug,
          limit: 10,
          cursor: { createdAt: new Date(), id: crypto.randomUUID() },
        })
      ).items,
    ).toBeDefined();
  });
});

describe("the request id", () => {
  it("keeps a client's UUID or short token, and replaces anything else", () => {
    const uuid = crypto.randomUUID();
    expect(requestIdFrom(new Headers({ "x-request-id": uuid }))).toBe(uuid);
    expect(requestIdFrom(new Headers({ "x-request-id": "trace-01.a_b" }))).toBe("trace-01.a_b");
    for (const bad of ["x".repeat(8000), "<script>", "a b", "é", ""]) {
      const id = requestIdFrom(new Headers({ "x-request-id": bad }));
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("an invitation link in the wrong hands", () => {
  it("shows the invited address masked to anyone but the invitee", async () => {
    const f = await createWorkspaceWithRoles(db);
    const mailer = new RecordingMailer();
    const email = `${uniq("jeanne")}@asso-jardins.fr`;
    const invitee = await createUser(db, { email });
    await callerFor(db, f.users.owner, { mailer }).members.invite({
      workspaceSlug: f.workspace.slug,
      email,
      role: "editor",
    });
    const token = linkIn(mailer.lastTo(email), /http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]+/).split(
      "/invitations/",
    )[1]!;

    const seenByStranger = await callerFor(db, f.users.stranger).memberInvitations.preview({ token });
    expect(seenByStranger.email).toBe("j•••@a•••.fr");
    expect(JSON.stringify(seenByStranger)).not.toContain(email);
    const refused = await rejection(callerFor(db, f.users.stranger).memberInvitations.accept({ token }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(JSON.stringify(refused)).not.toContain(email);
    expect((await callerFor(db, invitee).memberInvitations.preview({ token })).email).toBe(email);
  });
});

describe("dates that do not exist", () => {
  it("are refused as a 400 in filters and records (they reached PostgreSQL, a 500)", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    for (const from of ["2024-13-45", "2023-02-30", "0001-01-01", "99999-01-01"]) {
      expect(
        (await rejection(owner.alliances.page({ workspaceSlug: f.workspace.slug, from } as never))).code,
        from,
      ).toBe("BAD_REQUEST");
    }
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
  });
});
