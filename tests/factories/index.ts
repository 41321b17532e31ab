import { normalizeForSearch } from "../../domain/territory";
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { isValidSiret } from "../../domain/identifiers";
import { eq } from "drizzle-orm";
import { memberships, organisationClaims, organisations, users, workspaces } from "../../db/schema";
import type { Role } from "../../domain/roles";
import type { WorkspaceKind } from "../../domain/workspaces";
import type { SessionUser } from "../../server/trpc/init";

/** Unique per call, so test files can share one server database and run in parallel. */
export function uniq(prefix: string): string {
  // 12 hex digits (48 bits): 8 collided once in a CI run among the thousands of slugs a run creates.
  return `${prefix}-${randomUUID().replace(/-/g, "").slice(0, 12)}`;
}

/** A SIREN nobody else in the test database uses: eight random digits and the Luhn check digit. */
export function uniqueSiren(): string {
  const body = String(randomInt(10_000_000, 99_999_999));
  for (let check = 0; check < 10; check++) {
    const digits = `${body}${check}`;
    const sum = [...digits].reverse().reduce((total, c, i) => {
      const d = Number(c) * (i % 2 ? 2 : 1);
      return total + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable: one check digit always fits");
}

/** A valid SIRET of the given SIREN: the first establishment number whose Luhn sum fits. */
export function siretOf(siren: string): string {
  for (let nic = 10; nic < 100_000; nic++) {
    const siret = `${siren}${String(nic).padStart(5, "0")}`;
    if (isValidSiret(siret)) return siret;
  }
  throw new Error("no SIRET fits");
}

export async function createUser(db: Db, overrides: { email?: string; name?: string } = {}): Promise<SessionUser> {
  const email = overrides.email ?? `${uniq("user")}@example.org`;
  const [user] = await db
    .insert(users)
    .values({ email, name: overrides.name ?? null })
    .returning();
  if (!user) throw new Error("user not created");
  return { id: user.id, email: user.email, name: user.name };
}

/** A workspace with the given members (seeded as the database owner, bypassing the app). */
export async function createWorkspace(
  db: Db,
  options: { name?: string; kind?: WorkspaceKind; members?: Array<{ user: SessionUser; role: Role }> } = {},
) {
  const slug = uniq("ws");
  const [workspace] = await db
    .insert(workspaces)
    .values({ slug, name: options.name ?? `Espace ${slug}`, kind: options.kind ?? "association" })
    .returning();
  if (!workspace) throw new Error("workspace not created");
  for (const m of options.members ?? []) {
    await db.insert(memberships).values({ workspaceId: workspace.id, userId: m.user.id, role: m.role });
  }
  return workspace;
}

/** A workspace with one user per role, plus a stranger who belongs to another workspace. */
export async function createWorkspaceWithRoles(db: Db) {
  const owner = await createUser(db);
  const admin = await createUser(db);
  const editor = await createUser(db);
  const viewer = await createUser(db);
  const stranger = await createUser(db);
  const workspace = await createWorkspace(db, {
    members: [
      { user: owner, role: "owner" },
      { user: admin, role: "admin" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ],
  });
  const otherWorkspace = await createWorkspace(db, { members: [{ user: stranger, role: "owner" }] });
  return { workspace, otherWorkspace, users: { owner, admin, editor, viewer, stranger } };
}

/** A valid alliance as the create form would send it: one new partner, a mode, two SDG targets, a commune. */
export function allianceInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `Jardins partagés ${uniq("a")}`,
    summary: "Des potagers solidaires entretenus avec les salariés du partenaire.",
    stage: "pilotage" as const,
    startsOn: "2023-03-01",
    endsOn: null,
    ownRole: "porteur",
    partners: [
      { organisation: { name: `Coopérative ${uniq("org")}`, kind: "entreprise" as const }, role: "financeur" },
    ],
    modes: [{ mode: "mecenat" as const, mecenatForms: ["competences" as const], startsOn: "2023-03-01" }],
    sdgTargets: [
      { target: "2.4", isPrimary: true },
      { target: "17.17", isPrimary: false },
    ],
    territory: { scope: "commune" as const, codes: ["69123"] },
    entryDoors: ["engagement_salaries" as const],
    engagements: [{ scheme: "mecenat_competences", employees: 12, hours: 96 }],
    tags: ["potager"],
    ...overrides,
  };
}

/** Gives a workspace its own organisation in the directory (as the registry would on first use). */
export async function giveOrganisation(db: Db, workspaceId: string, name = `Organisation ${uniq("o")}`) {
  const [organisation] = await db
    .insert(organisations)
    .values({ name, searchName: normalizeForSearch(name), kind: "association" })
    .returning();
  await db.update(workspaces).set({ organisationId: organisation!.id }).where(eq(workspaces.id, workspaceId));
  // As if an operator had verified the claim: the workspace speaks for its organisation.
  await db
    .insert(organisationClaims)
    .values({
      workspaceId,
      organisationId: organisation!.id,
      status: "verified",
      method: "operator",
      note: "test",
      decidedBy: "tests",
      decidedAt: new Date(),
    })
    .onConflictDoUpdate({
      target: organisationClaims.workspaceId,
      set: { organisationId: organisation!.id, status: "verified" },
    });
  return organisation!.id;
}
