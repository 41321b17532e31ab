import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { createUser, createWorkspaceWithRoles, uniq } from "../factories";

const { db } = await openTestDatabase();

describe("creating a workspace", () => {
  it("makes the creator its owner, lists it, and audits the creation", async () => {
    const user = await createUser(db);
    const caller = callerFor(db, user);
    const slug = uniq("jardins");
    const created = await caller.workspaces.create({
      name: "Les Jardins",
      kind: "association",
      slug,
      siren: "732 829 320",
      rna: "w262001234",
    });
    expect(created).toMatchObject({ slug, siren: "732829320", rna: "W262001234", kind: "association", version: 1 });

    const mine = await caller.workspaces.listMine();
    expect(mine).toEqual([expect.objectContaining({ slug, role: "owner" })]);

    const events = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, created.id));
    expect(events.map((e) => e.action).sort()).toEqual(["member.add", "workspace.create"]);
    expect(events.every((e) => e.actorUserId === user.id)).toBe(true);
  });

  it("refuses a taken slug as a conflict on the slug field", async () => {
    const caller = callerFor(db, await createUser(db));
    const slug = uniq("pris");
    await caller.workspaces.create({ name: "Premier", kind: "entreprise", slug });
    const error = await rejection(caller.workspaces.create({ name: "Second", kind: "entreprise", slug }));
    expect(error.code).toBe("CONFLICT");
  });

  it("validates SIREN, RNA and slug with a message per field", async () => {
    const caller = callerFor(db, await createUser(db));
    const error = await rejection(
      caller.workspaces.create({ name: "X", kind: "association", slug: "Bad Slug", siren: "123456789", rna: "123" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const paths = (error.cause as unknown as { issues: Array<{ path: string[] }> }).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "slug", "siren", "rna"]));
  });

  it("requires a signed-in user", async () => {
    const error = await rejection(callerFor(db, null).workspaces.listMine());
    expect(error.code).toBe("UNAUTHORIZED");
  });
});

describe("reading and updating a workspace", () => {
  it("hides a workspace from a member of another workspace (NOT_FOUND, not FORBIDDEN)", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const error = await rejection(callerFor(db, users.stranger).workspaces.get({ workspaceSlug: workspace.slug }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("detects a concurrent edit through the version instead of overwriting it", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, users.owner);
    const admin = callerFor(db, users.admin);
    const first = await owner.workspaces.update({
      workspaceSlug: workspace.slug,
      name: "Nom A",
      kind: "association",
      version: 1,
    });
    expect(first.version).toBe(2);
    const stale = await rejection(
      admin.workspaces.update({ workspaceSlug: workspace.slug, name: "Nom B", kind: "association", version: 1 }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect((await owner.workspaces.get({ workspaceSlug: workspace.slug })).name).toBe("Nom A");
    const events = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspace.id));
    const update = events.find((e) => e.action === "workspace.update");
    expect(update?.before).toMatchObject({ version: 1 });
    expect(update?.after).toMatchObject({ name: "Nom A", version: 2 });
  });

  it("lets a viewer read but not update", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const viewer = callerFor(db, users.viewer);
    expect((await viewer.workspaces.get({ workspaceSlug: workspace.slug })).myRole).toBe("viewer");
    const error = await rejection(
      viewer.workspaces.update({ workspaceSlug: workspace.slug, name: "Pirate", kind: "autre", version: 1 }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});
