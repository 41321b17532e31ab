import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resultRows } from "../../db/rows";
import { createCallerFactory, router, workspaceProcedure } from "../../server/trpc/procedures";
import { testContext } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { createWorkspaceWithRoles } from "../factories";

// A workspace call that declares `plans: "generic"` has its statements planned once and reused,
// for its own transaction only; every other call keeps planning for its values.
const { db } = await openTestDatabase();

const mode = async (tx: typeof db) =>
  resultRows<{ mode: string }>(await tx.execute(sql`select current_setting('plan_cache_mode') as mode`))[0]!.mode;

const probe = router({
  generic: workspaceProcedure
    .meta({ permission: "alliances.read", plans: "generic" })
    .query(({ ctx }) => mode(ctx.workspace.tx)),
  custom: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => mode(ctx.workspace.tx)),
  /** The workspace the transaction is narrowed to, and its plan mode, as row-level security sees them. */
  settings: workspaceProcedure.meta({ permission: "alliances.read", plans: "generic" }).query(async ({ ctx }) => ({
    workspace: resultRows<{ id: string }>(
      await ctx.workspace.tx.execute(sql`select current_setting('app.workspace_id') as id`),
    )[0]!.id,
    mode: await mode(ctx.workspace.tx),
  })),
  write: workspaceProcedure.meta({ permission: "alliances.write" }).query(({ ctx }) => mode(ctx.workspace.tx)),
});
const callProbe = createCallerFactory(probe);

describe("plans of a workspace call", () => {
  it("are generic inside a call that asks for it, and for that transaction only", async () => {
    const f = await createWorkspaceWithRoles(db);
    const context = testContext(db, { id: f.users.viewer.id, email: f.users.viewer.email } as never);
    const caller = callProbe(context);
    expect(await caller.generic({ workspaceSlug: f.workspace.slug })).toBe("force_generic_plan");
    // The next call reuses the batch's membership lookup (another statement sets the mode).
    expect(await caller.custom({ workspaceSlug: f.workspace.slug })).toBe("force_custom_plan");
    expect(await caller.generic({ workspaceSlug: f.workspace.slug })).toBe("force_generic_plan");
    // A fresh context resolves the membership itself.
    expect(await callProbe(testContext(db, context.user)).custom({ workspaceSlug: f.workspace.slug })).toBe(
      "force_custom_plan",
    );
    // Outside any call, the connection's own setting is back.
    expect(await mode(db)).not.toBe("force_generic_plan");
  });

  it("does not let another workspace's member in, generic or not", async () => {
    const f = await createWorkspaceWithRoles(db);
    const stranger = callProbe(testContext(db, { id: f.users.stranger.id, email: f.users.stranger.email } as never));
    await expect(stranger.generic({ workspaceSlug: f.workspace.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("enters the workspace with the scope when an earlier call of the request found the membership", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    // The viewer of A is also a viewer of B.
    await db.execute(
      sql`insert into memberships (workspace_id, user_id, role) values (${b.workspace.id}, ${a.users.viewer.id}, 'viewer')`,
    );
    const caller = callProbe(testContext(db, { id: a.users.viewer.id, email: a.users.viewer.email } as never));
    for (const [slug, id] of [
      [a.workspace.slug, a.workspace.id],
      [b.workspace.slug, b.workspace.id],
      [a.workspace.slug, a.workspace.id],
      [b.workspace.slug, b.workspace.id],
    ] as const) {
      expect(await caller.settings({ workspaceSlug: slug })).toEqual({ workspace: id, mode: "force_generic_plan" });
      expect(await caller.custom({ workspaceSlug: slug })).toBe("force_custom_plan");
    }
    // A slug written otherwise (spaces, capitals) names the same workspace once parsed.
    expect(await caller.settings({ workspaceSlug: ` ${b.workspace.slug.toUpperCase()} ` })).toEqual({
      workspace: b.workspace.id,
      mode: "force_generic_plan",
    });
    // The known membership does not lift the permission check, nor open another workspace.
    await expect(caller.write({ workspaceSlug: a.workspace.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const stranger = await createWorkspaceWithRoles(db);
    await expect(caller.settings({ workspaceSlug: stranger.workspace.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.settings({ workspaceSlug: stranger.workspace.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
