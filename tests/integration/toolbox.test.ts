import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resultRows } from "../../db/rows";
import { users } from "../../db/schema";
import { ensureStarterTools } from "../../db/seed-toolbox";
import { ENTRY_DOORS } from "../../domain/alliances";
import { TOOL_PURPOSES } from "../../domain/toolbox";
import { STARTER_TOOLS } from "../../domain/toolbox-starter";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, uniq } from "../factories";

const database = await openTestDatabase();
const { db } = database;

async function operatorCaller() {
  await db.insert(users).values({ email: "operator@maillage.test" }).onConflictDoNothing();
  const [op] = await db.select().from(users).where(eq(users.email, "operator@maillage.test"));
  return callerFor(db, { id: op!.id, email: op!.email, name: null });
}

const privateTool = (slug: string, title: string) => ({
  slug,
  door: "engagement_salaries" as const,
  purpose: "agir" as const,
  kind: "checklist" as const,
  audiences: ["association" as const],
  stages: ["pilotage" as const],
  position: 5,
  fr: { title, summary: "Notre liste pour accueillir les bénévoles.", helps: "", body: "[ ] Une case\n- Un point" },
});

describe("the toolbox", () => {
  it("starts with at least three tools for each door and purpose, in French and English, open to anyone", async () => {
    const anonymous = callerFor(db, null);
    const all = await anonymous.tools.catalogue({ locale: "fr" });
    for (const door of ENTRY_DOORS)
      for (const purpose of TOOL_PURPOSES)
        expect(all.filter((t) => t.door === door && t.purpose === purpose).length).toBeGreaterThanOrEqual(3);
    expect(all.every((t) => t.languages.includes("fr") && t.languages.includes("en"))).toBe(true);

    const english = await callerFor(db, null).tools.catalogue({
      door: "engagement_salaries",
      purpose: "agir",
      locale: "en",
    });
    expect(english.map((t) => t.title)).toContain("Preparing a first meeting with a company");
    expect(english.every((t) => t.door === "engagement_salaries" && t.purpose === "agir")).toBe(true);

    const found = await anonymous.tools.catalogue({ q: "premiere rencontre", locale: "fr" });
    expect(found.map((t) => t.slug)).toEqual(["preparer-premiere-rencontre-entreprise"]);

    const tool = await anonymous.tools.get({ slug: "preparer-premiere-rencontre-entreprise", locale: "fr" });
    expect(tool).toMatchObject({ kind: "checklist", title: "Préparer une première rencontre avec une entreprise" });
    expect(tool!.blocks.some((b) => b.kind === "checks" && b.items.length >= 3)).toBe(true);
    expect(await anonymous.tools.get({ slug: "no-such-tool" })).toBeNull();

    // Running the starter insertion again adds nothing: the catalogue is matched by slug.
    expect(await ensureStarterTools(database)).toBe(0);
    const [count] = resultRows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from tools where workspace_id is null`),
    );
    expect(count!.n).toBeGreaterThanOrEqual(STARTER_TOOLS.length);
  });

  it("keeps a workspace's private tools to its members: others, visitors and the public role never see them", async () => {
    const f = await createWorkspaceWithRoles(db);
    const admin = callerFor(db, f.users.admin);
    const viewer = callerFor(db, f.users.viewer);
    const stranger = callerFor(db, f.users.stranger);
    const slug = uniq("accueil-benevoles")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-");
    const title = uniq("Accueil des bénévoles");
    const saved = await admin.tools.save({ workspaceSlug: f.workspace.slug, ...privateTool(slug, title) });

    const mine = await viewer.tools.list({ workspaceSlug: f.workspace.slug, locale: "fr" });
    expect(mine.find((t) => t.slug === slug)).toMatchObject({ private: true, title });
    expect((await viewer.tools.find({ workspaceSlug: f.workspace.slug, slug }))?.title).toBe(title);

    const theirs = await stranger.tools.list({ workspaceSlug: f.otherWorkspace.slug, locale: "fr" });
    expect(theirs.some((t) => t.slug === slug)).toBe(false);
    expect(await stranger.tools.find({ workspaceSlug: f.otherWorkspace.slug, slug })).toBeNull();
    expect((await rejection(stranger.tools.list({ workspaceSlug: f.workspace.slug }))).code).toBe("NOT_FOUND");
    expect((await callerFor(db, null).tools.catalogue({ q: title })).length).toBe(0);
    expect(await callerFor(db, null).tools.get({ slug })).toBeNull();

    // Only admins write, and another workspace cannot touch it even by id.
    expect(
      (await rejection(viewer.tools.save({ workspaceSlug: f.workspace.slug, ...privateTool(`${slug}-2`, title) })))
        .code,
    ).toBe("FORBIDDEN");
    expect((await rejection(stranger.tools.delete({ workspaceSlug: f.otherWorkspace.slug, id: saved.id }))).code).toBe(
      "NOT_FOUND",
    );

    // A stale edit is refused, a fresh one saved; a feature is the catalogue's alone; all audited.
    const edited = await admin.tools.save({
      workspaceSlug: f.workspace.slug,
      ...privateTool(slug, `${title} (v2)`),
      id: saved.id,
      version: saved.version,
    });
    expect(edited.version).toBe(saved.version + 1);
    const stale = await rejection(
      admin.tools.save({
        workspaceSlug: f.workspace.slug,
        ...privateTool(slug, title),
        id: saved.id,
        version: saved.version,
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    const feature = await rejection(
      admin.tools.save({ workspaceSlug: f.workspace.slug, ...privateTool(`${slug}-f`, title), kind: "fonctionnalite" }),
    );
    expect(feature.code).toBe("BAD_REQUEST");
    const taken = await rejection(admin.tools.save({ workspaceSlug: f.workspace.slug, ...privateTool(slug, title) }));
    expect(taken.code).toBe("CONFLICT");
    await admin.tools.delete({ workspaceSlug: f.workspace.slug, id: saved.id });
    const audit = await admin.audit.list({ workspaceSlug: f.workspace.slug, limit: 20 });
    expect(audit.items.map((e) => e.action).filter((a) => a.startsWith("tool."))).toEqual([
      "tool.delete",
      "tool.update",
      "tool.create",
    ]);
  });

  it("lets operators alone edit, retire and restore the public catalogue, with a trail", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const operator = await operatorCaller();
    const slug = uniq("fiche-operateur")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-");
    const input = {
      slug,
      door: "contribution_odd" as const,
      purpose: "informer" as const,
      kind: "fiche" as const,
      audiences: [],
      stages: [],
      position: 999,
      fr: {
        title: "Fiche opérateur",
        summary: "Une fiche publique ajoutée par un opérateur.",
        helps: "",
        body: "Texte.",
      },
      en: { title: "Operator sheet", summary: "A public sheet added by an operator.", helps: "", body: "Text." },
    };
    expect((await rejection(owner.operator.saveTool(input))).code).toBe("FORBIDDEN");
    expect((await rejection(owner.operator.tools())).code).toBe("FORBIDDEN");
    const created = await operator.operator.saveTool(input);
    expect((await callerFor(db, null).tools.get({ slug, locale: "en" }))?.title).toBe("Operator sheet");

    const retired = await operator.operator.retireTool({ id: created.id, retired: true, version: created.version });
    expect(await callerFor(db, null).tools.get({ slug })).toBeNull();
    expect((await operator.operator.tools()).find((t) => t.id === created.id)).toMatchObject({ retired: true });
    // A workspace member sees no retired tool either.
    expect(await owner.tools.find({ workspaceSlug: f.workspace.slug, slug })).toBeNull();
    await operator.operator.retireTool({ id: created.id, retired: false, version: retired.version });
    expect(await callerFor(db, null).tools.get({ slug })).not.toBeNull();

    const trail = resultRows<{ action: string; actor_email: string }>(
      await db.execute(
        sql`select action, actor_email from tool_changes where tool_id = ${created.id} order by created_at`,
      ),
    );
    expect(trail).toEqual([
      { action: "tool.create", actor_email: "operator@maillage.test" },
      { action: "tool.retire", actor_email: "operator@maillage.test" },
      { action: "tool.restore", actor_email: "operator@maillage.test" },
    ]);
  });

  it("suggests tools for an alliance's stage, its doors and its partners, and only to its parties", async () => {
    const f = await createWorkspaceWithRoles(db);
    const editor = callerFor(db, f.users.editor);
    const { id } = await editor.alliances.create({
      workspaceSlug: f.workspace.slug,
      ...allianceInput({ stage: "preparation_partenaires", entryDoors: ["engagement_salaries"] }),
    });
    const suggested = await editor.tools.suggestions({ workspaceSlug: f.workspace.slug, allianceId: id, locale: "fr" });
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.length).toBeLessThanOrEqual(4);
    expect(suggested.every((t) => t.stages.length === 0 || t.stages.includes("preparation_partenaires"))).toBe(true);
    expect(suggested[0]!.door).toBe("engagement_salaries");
    const stranger = callerFor(db, f.users.stranger);
    const refused = await rejection(
      stranger.tools.suggestions({ workspaceSlug: f.otherWorkspace.slug, allianceId: id }),
    );
    expect(refused.code).toBe("NOT_FOUND");
  });
});
