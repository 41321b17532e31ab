import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { eq } from "drizzle-orm";
import {
  exportJobs,
  invitations,
  memberships,
  organisationContacts,
  savedViews,
  tools,
  territoryCoordinations,
  workspaces,
} from "../../db/schema";
import { DEFAULT_QUESTIONS } from "../../domain/evaluation";
import { PERMISSIONS, type Role, ROLES } from "../../domain/roles";
import { wire } from "../../domain/wire";
import { procedurePermissions } from "../../server/trpc/permissions";

const PROCEDURE_PERMISSIONS = procedurePermissions();
import type { SessionUser } from "../../server/trpc/init";
import { appRouter } from "../../server/trpc/root";
import { callerFor, linkIn, RecordingMailer } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { allianceInput, createUser, createWorkspaceWithRoles, giveOrganisation, uniq, uniqueSiren } from "../factories";

const { db } = await openTestDatabase();

type Fixture = Awaited<ReturnType<typeof createWorkspaceWithRoles>>;

async function addMember(db: Db, fixture: Fixture, role: Role) {
  const user = await createUser(db);
  await db.insert(memberships).values({ workspaceId: fixture.workspace.id, userId: user.id, role });
  return user;
}

const IMPORT_FILE = Buffer.from("Titre;Partenaires;Mode\r\nJardin;Les Potagers;Mécénat\r\n").toString("base64");

async function uploaded(f: Fixture) {
  return (
    await callerFor(db, f.users.owner).imports.upload({
      workspaceSlug: f.workspace.slug,
      fileName: "a.csv",
      content: IMPORT_FILE,
    })
  ).id;
}

/** An export asked for by the role's member (by the owner for a stranger, who must not see it). */
async function exportOf(f: Fixture, who: Role | "stranger") {
  const user = who === "stranger" ? f.users.owner : f.users[who];
  return (
    await callerFor(db, user).exports.request({ workspaceSlug: f.workspace.slug, kind: "alliances", format: "csv" })
  ).id;
}

/**
 * A valid input for each workspace procedure, built on a fresh fixture so that every call
 * would succeed for a role that holds the permission. A procedure missing here fails the test.
 */
const SAMPLES: Record<string, (f: Fixture, who: Role | "stranger") => Promise<Record<string, unknown>>> = {
  "workspaces.get": async () => ({}),
  "workspaces.frame": async () => ({}),
  "workspaces.ping": async () => ({}),
  "workspaces.update": async () => ({ name: "Nouveau nom", kind: "fondation", version: 1 }),
  "workspaces.archive": async () => ({}),
  "workspaces.delete": async (f) => ({ confirmName: f.workspace.name }),
  "members.list": async () => ({}),
  "members.invite": async () => ({ email: `${uniq("invitee")}@example.org`, role: "viewer" }),
  "members.changeRole": async (f) => ({ userId: (await addMember(db, f, "viewer")).id, role: "editor", version: 1 }),
  "members.remove": async (f) => ({ userId: (await addMember(db, f, "viewer")).id }),
  "members.leave": async (f) => {
    await addMember(db, f, "owner");
    return {};
  },
  "memberInvitations.list": async () => ({}),
  "memberInvitations.revoke": async (f) => {
    const [row] = await db
      .insert(invitations)
      .values({
        workspaceId: f.workspace.id,
        email: `${uniq("pending")}@example.org`,
        role: "viewer",
        tokenHash: uniq("hash"),
        expiresAt: new Date(Date.now() + 3600_000),
      })
      .returning();
    return { invitationId: row!.id };
  },
  "audit.list": async () => ({ limit: 10 }),
  "alliances.list": async () => ({}),
  "alliances.listPage": async () => ({}),
  "alliances.get": async (f) => ({ id: await newAlliance(f) }),
  "alliances.view": async (f) => ({ id: await newAlliance(f) }),
  "alliances.history": async (f) => ({ id: await newAlliance(f) }),
  "alliances.create": async () => allianceInput(),
  "alliances.update": async (f) => ({
    ...allianceInput({ title: "Titre revu" }),
    id: await newAlliance(f),
    version: 1,
  }),
  "alliances.archive": async (f) => ({ id: await newAlliance(f) }),
  "alliances.restore": async (f) => {
    const id = await newAlliance(f);
    await callerFor(db, f.users.owner).alliances.archive({ workspaceSlug: f.workspace.slug, id });
    return { id };
  },
  "alliances.delete": async (f) => ({ id: await newAlliance(f) }),
  "alliances.addContribution": async (f) => {
    const id = await newAlliance(f);
    const detail = await callerFor(db, f.users.owner).alliances.get({ workspaceSlug: f.workspace.slug, id });
    return { allianceId: id, partyId: detail.parties[0]!.id, kind: "argent", quantity: 1000, occurredOn: "2024-05-01" };
  },
  "alliances.deleteContribution": async (f) => {
    const id = await newAlliance(f);
    const owner = callerFor(db, f.users.owner);
    const detail = await owner.alliances.get({ workspaceSlug: f.workspace.slug, id });
    const entry = await owner.alliances.addContribution({
      workspaceSlug: f.workspace.slug,
      allianceId: id,
      partyId: detail.parties[0]!.id,
      kind: "argent",
      quantity: 10,
      occurredOn: "2024-05-01",
    });
    return { allianceId: id, contributionId: entry.id };
  },
  "alliances.addTimelineEntry": async (f) => ({
    allianceId: await newAlliance(f),
    kind: "meeting",
    title: "Comité de pilotage",
    occurredOn: "2024-06-01",
  }),
  "organisations.suggest": async () => ({ query: "coop" }),
  "organisations.searchPartners": async () => ({ query: "coop" }),
  "workspaces.verification": async () => ({}),
  "workspaces.requestVerification": async (f) => {
    await db.update(workspaces).set({ siren: uniqueSiren() }).where(eq(workspaces.id, f.workspace.id));
    return { note: "Je suis la présidente de l'association." };
  },
  "organisations.matchIdentifiers": async () => ({ siren: "552100554" }),
  "alliances.inviteCoOwner": async (f) => {
    const other = await createWorkspaceWithRoles(db);
    const orgOther = await giveOrganisation(db, other.workspace.id);
    const id = await newAlliance(f, [{ organisationId: orgOther, role: "partenaire" }]);
    const detail = await callerFor(db, f.users.owner).alliances.get({ workspaceSlug: f.workspace.slug, id });
    return { allianceId: id, partyId: detail.parties.find((p) => p.organisationId === orgOther)!.id };
  },
  "alliances.withdrawCoOwnerInvitation": async (f) => {
    const invitation = await SAMPLES["alliances.inviteCoOwner"]!(f, "owner");
    await callerFor(db, f.users.owner).alliances.inviteCoOwner({
      workspaceSlug: f.workspace.slug,
      ...(invitation as { allianceId: string; partyId: string }),
    });
    return invitation;
  },
  "alliances.incomingInvitations": async () => ({}),
  "alliances.privateLayer": async (f) => ({ id: await newAlliance(f) }),
  "alliances.savePrivateNotes": async (f) => ({
    allianceId: await newAlliance(f),
    notes: "Budget à confirmer",
    tags: [],
    version: 0,
  }),
  "alliances.addPrivateEntry": async (f) => ({
    allianceId: await newAlliance(f),
    kind: "budget",
    title: "Subvention interne",
    amountEuros: 1200,
    occurredOn: "2025-01-10",
  }),
  "alliances.respondToCoOwnership": async (f) => ({ partyId: (await invitedBy(f)).partyId, accept: true }),
  "alliances.mentionRequests": async () => ({}),
  "alliances.answerMention": async (f) => ({ partyId: (await mentionedBy(f)).partyId, appear: true }),
  "alliances.leave": async (f) => {
    const { allianceId, partyId } = await invitedBy(f);
    await callerFor(db, f.users.owner).alliances.respondToCoOwnership({
      workspaceSlug: f.workspace.slug,
      partyId,
      accept: true,
    });
    return { id: allianceId };
  },
  "alliances.audience": async (f) => ({ id: await newAlliance(f) }),
  "alliances.requestAudience": async (f) => ({ allianceId: await newAlliance(f), audience: "public" }),
  "alliances.approveAudience": async (f) => {
    const id = await newAlliance(f);
    await callerFor(db, f.users.owner).alliances.requestAudience({
      workspaceSlug: f.workspace.slug,
      allianceId: id,
      audience: "public",
    });
    const { revision } = await callerFor(db, f.users.owner).alliances.audience({ workspaceSlug: f.workspace.slug, id });
    return { allianceId: id, revision };
  },
  "alliances.withdrawAudience": async (f) => {
    const id = await newAlliance(f);
    await callerFor(db, f.users.owner).alliances.requestAudience({
      workspaceSlug: f.workspace.slug,
      allianceId: id,
      audience: "territory",
    });
    return { id };
  },
  "alliances.inviteByEmail": async (f) => {
    const id = await newAlliance(f);
    const detail = await callerFor(db, f.users.owner).alliances.get({ workspaceSlug: f.workspace.slug, id });
    return {
      allianceId: id,
      partyId: detail.parties.find((p) => !p.isMine)!.id,
      email: `${uniq("partner")}@example.org`,
    };
  },
  "alliances.acceptEmailInvitation": async (f, who) => ({ token: await emailInvitationFor(f.users[who].email) }),
  "alliances.sdgClaims": async (f) => ({ id: await newAlliance(f) }),
  "alliances.exportRows": async () => ({ sdgGoal: 2 }),
  "alliances.exportLedger": async () => ({}),
  "organisations.exportDirectory": async () => ({}),
  "alliances.page": async () => ({ limit: 10 }),
  "organisations.page": async () => ({ limit: 10 }),
  "webhooks.list": async () => ({}),
  "webhooks.create": async () => ({ url: "https://crm.example.org/hooks/maillage", events: ["alliance.created"] }),
  "webhooks.delete": async (f) => ({
    id: (
      await callerFor(db, f.users.owner).webhooks.create({
        workspaceSlug: f.workspace.slug,
        url: "https://crm.example.org/h",
        events: ["cycle.closed"],
      })
    ).id,
  }),
  "apiTokens.list": async () => ({}),
  "apiTokens.create": async () => ({ name: "Intégration CRM", scope: "read", days: 30 }),
  "apiTokens.revoke": async (f) => ({
    id: (
      await callerFor(db, f.users.owner).apiTokens.create({
        workspaceSlug: f.workspace.slug,
        name: "À révoquer",
        scope: "read",
        days: 1,
      })
    ).id,
  }),
  "exports.request": async () => ({ kind: "alliances", format: "csv" }),
  "exports.get": async (f, who) => ({ id: await exportOf(f, who) }),
  "exports.file": async (f, who) => {
    const id = await exportOf(f, who);
    await db
      .update(exportJobs)
      .set({ status: "done", content: Buffer.from("Référence;Titre\r\n") })
      .where(eq(exportJobs.id, id));
    return { id };
  },
  "imports.list": async () => ({}),
  "imports.upload": async () => ({ fileName: "a.csv", content: IMPORT_FILE }),
  "imports.get": async (f) => ({ id: await uploaded(f) }),
  "imports.preview": async (f) => ({ id: await uploaded(f), mapping: ["title", "partners", "mode"] }),
  "imports.start": async (f) => {
    const id = await uploaded(f);
    await callerFor(db, f.users.owner).imports.preview({
      workspaceSlug: f.workspace.slug,
      id,
      mapping: ["title", "partners", "mode"],
    });
    return { id };
  },
  "alliances.saveSdgClaims": async (f) => ({
    allianceId: await newAlliance(f),
    claims: [{ target: "2.4", sharePercent: 60 }],
  }),
  "evaluation.cycles": async (f) => ({ allianceId: await newAlliance(f) }),
  "evaluation.cycle": async (f) => ({ cycleId: await openedCycle(f) }),
  "evaluation.openCycle": async (f) => ({ allianceId: await newAlliance(f), period: "2026", dueOn: TODAY }),
  "evaluation.submitAnswers": async (f) => ({
    cycleId: await openedCycle(f),
    answers: DEFAULT_QUESTIONS.map((q) => ({ questionKey: q.key, score: 4, justification: "Constaté en comité" })),
  }),
  "evaluation.closeCycle": async (f) => ({ cycleId: await openedCycle(f) }),
  "evaluation.questionnaire": async () => ({}),
  "evaluation.saveQuestionnaire": async () => ({ questions: DEFAULT_QUESTIONS.slice(0, 3) }),
  "evaluation.indicators": async (f) => ({ allianceId: await newAlliance(f) }),
  "evaluation.addIndicator": async (f) => ({
    allianceId: await newAlliance(f),
    name: "Familles accompagnées",
    unit: "familles",
    dimension: "innovation",
    direction: "higher",
    frequency: "yearly",
    baseline: 10,
    target: 50,
  }),
  "evaluation.addResult": async (f) => ({
    ...(await newIndicator(f)),
    period: "2025",
    periodEnd: "2025-12-31",
    value: 20,
  }),
  "evaluation.deleteResult": async (f) => {
    const { allianceId, indicatorId } = await newIndicator(f);
    const result = await callerFor(db, f.users.owner).evaluation.addResult({
      workspaceSlug: f.workspace.slug,
      allianceId,
      indicatorId,
      period: "2025",
      periodEnd: "2025-12-31",
      value: 20,
    });
    return { allianceId, resultId: result.id };
  },
  "evaluation.atRisk": async () => ({}),
  "dashboards.workspace": async () => ({ year: 2025 }),
  "dashboards.myActions": async () => ({}),
  "dashboards.home": async () => ({ year: 2025 }),
  "dashboards.sdgReport": async () => ({ year: 2025 }),
  "dashboards.saveNarrative": async () => ({
    year: 2025,
    goal: 12,
    text: "Nos achats responsables ont progressé.",
    version: 0,
  }),
  "territories.coordinations": async () => ({}),
  "territories.requestCoordination": async () => ({
    level: "region",
    code: "84",
    reason: "Nous animons le réseau régional.",
  }),
  "territories.setStatistics": async () => ({ enabled: false }),
  "territories.dashboard": async (f) => {
    await db.insert(territoryCoordinations).values({
      workspaceId: f.workspace.id,
      level: "departement",
      code: "69",
      status: "approved",
      decidedAt: new Date(),
    });
    return { level: "departement", code: "69" };
  },
  "network.workspace": async () => ({ mode: "mecenat" }),
  "network.values": async () => ({ year: 2025 }),
  "network.territory": async (f) => {
    await db.insert(territoryCoordinations).values({
      workspaceId: f.workspace.id,
      level: "departement",
      code: "69",
      status: "approved",
      decidedAt: new Date(),
    });
    return { level: "departement", code: "69" };
  },
  "notifications.list": async () => ({}),
  "notifications.unreadCount": async () => ({}),
  "notifications.markAllRead": async () => ({}),
  "organisations.list": async () => ({}),
  "organisations.get": async (f) => ({ id: await partnerOf(f) }),
  "organisations.saveNotes": async (f) => ({
    organisationId: await partnerOf(f),
    notes: "Interlocutrice très réactive",
    tags: ["fidèle"],
    version: 0,
  }),
  "organisations.addContact": async (f) => ({
    organisationId: await partnerOf(f),
    name: "Claire Dupont",
    email: "claire@example.org",
  }),
  "organisations.deleteContact": async (f) => {
    const organisationId = await partnerOf(f);
    const [contact] = await db
      .insert(organisationContacts)
      .values({ workspaceId: f.workspace.id, organisationId, name: "Paul Durand" })
      .returning();
    return { contactId: contact!.id };
  },
  "savedViews.list": async () => ({}),
  "savedViews.save": async () => ({ name: uniq("vue"), query: "sdgGoal=12" }),
  "savedViews.delete": async (f, who) => {
    const [view] = await db
      .insert(savedViews)
      .values({ workspaceId: f.workspace.id, userId: f.users[who].id, name: uniq("vue"), query: "" })
      .returning();
    return { id: view!.id };
  },
  "guide.get": async (f) => ({ allianceId: await newAlliance(f) }),
  "guide.answer": async (f) => ({
    allianceId: await newAlliance(f),
    stage: "pilotage",
    questionKey: "progress",
    answer: "Dans les temps.",
    basedOn: null,
  }),
  "guide.wording": async () => ({}),
  "guide.saveWording": async (f) => ({
    wording: { "pilotage.progress": "Où en sommes-nous ?" },
    version: (await callerFor(db, f.users.owner).guide.wording({ workspaceSlug: f.workspace.slug })).version,
  }),
  "maturity.get": async () => ({}),
  "maturity.open": async () => ({}),
  "maturity.answer": async (f) => ({
    assessmentId: (await callerFor(db, f.users.owner).maturity.open({ workspaceSlug: f.workspace.slug })).id,
    levels: { strategie: 3 },
  }),
  "maturity.close": async (f) => {
    const owner = callerFor(db, f.users.owner);
    const { id } = await owner.maturity.open({ workspaceSlug: f.workspace.slug });
    await owner.maturity.answer({ workspaceSlug: f.workspace.slug, assessmentId: id, levels: { mesure: 2 } });
    return { assessmentId: id, version: 1 };
  },
  "tools.list": async () => ({ door: "contribution_odd" }),
  "tools.find": async () => ({ slug: "evaluer-ensemble" }),
  "tools.suggestions": async (f) => ({ allianceId: await newAlliance(f) }),
  "tools.save": async () => ({
    slug: uniq("outil")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-"),
    door: "innovation_societale",
    purpose: "former",
    kind: "guide",
    fr: { title: "Un guide maison", summary: "Pour les membres de l'espace.", body: "Une ligne." },
  }),
  "tools.delete": async (f) => {
    const [tool] = await db
      .insert(tools)
      .values({
        workspaceId: f.workspace.id,
        slug: uniq("outil")
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, "-"),
        door: "innovation_societale",
        purpose: "former",
        kind: "guide",
        languages: ["fr"],
        content: { fr: { title: "À supprimer", summary: "Un outil de l'espace.", helps: "", body: [] } },
      })
      .returning();
    return { id: tool!.id };
  },
};

async function partnerOf(f: Fixture): Promise<string> {
  const id = await newAlliance(f);
  const detail = await callerFor(db, f.users.owner).alliances.get({ workspaceSlug: f.workspace.slug, id });
  return detail.parties.find((p) => !p.isMine)!.organisationId;
}

async function newAlliance(f: Fixture, partners?: Array<{ organisationId: string; role: string }>): Promise<string> {
  const { id } = await callerFor(db, f.users.owner).alliances.create({
    workspaceSlug: f.workspace.slug,
    ...allianceInput(partners ? { partners } : {}),
  });
  return id;
}

/** Another workspace's alliance names the fixture workspace's organisation and invites it to co-own it. */
async function invitedBy(f: Fixture): Promise<{ allianceId: string; partyId: string }> {
  const mine = await giveOrganisation(db, f.workspace.id);
  const other = await createWorkspaceWithRoles(db);
  const otherOwner = callerFor(db, other.users.owner);
  const { id } = await otherOwner.alliances.create({
    workspaceSlug: other.workspace.slug,
    ...allianceInput({ partners: [{ organisationId: mine, role: "partenaire" }] }),
  });
  const party = (await otherOwner.alliances.get({ workspaceSlug: other.workspace.slug, id })).parties.find(
    (p) => p.organisationId === mine,
  )!;
  await otherOwner.alliances.inviteCoOwner({ workspaceSlug: other.workspace.slug, allianceId: id, partyId: party.id });
  return { allianceId: id, partyId: party.id };
}

/** An alliance of another workspace, asking for the public library, that names this workspace's (verified) organisation. */
async function mentionedBy(f: Fixture): Promise<{ allianceId: string; partyId: string }> {
  const mine = await giveOrganisation(db, f.workspace.id);
  const other = await createWorkspaceWithRoles(db);
  const otherOwner = callerFor(db, other.users.owner);
  const { id } = await otherOwner.alliances.create({
    workspaceSlug: other.workspace.slug,
    ...allianceInput({ partners: [{ organisationId: mine, role: "partenaire" }] }),
  });
  await otherOwner.alliances.requestAudience({
    workspaceSlug: other.workspace.slug,
    allianceId: id,
    audience: "public",
  });
  const party = (await otherOwner.alliances.get({ workspaceSlug: other.workspace.slug, id })).parties.find(
    (p) => p.organisationId === mine,
  )!;
  return { allianceId: id, partyId: party.id };
}

const TODAY = new Date().toISOString().slice(0, 10);

async function openedCycle(f: Fixture): Promise<string> {
  const allianceId = await newAlliance(f);
  return (
    await callerFor(db, f.users.owner).evaluation.openCycle({
      workspaceSlug: f.workspace.slug,
      allianceId,
      period: "2026",
      dueOn: TODAY,
    })
  ).id;
}

async function newIndicator(f: Fixture) {
  const allianceId = await newAlliance(f);
  const indicator = await callerFor(db, f.users.owner).evaluation.addIndicator({
    workspaceSlug: f.workspace.slug,
    allianceId,
    name: "Heures de bénévolat",
    unit: "heures",
    dimension: "performance",
    direction: "higher",
    frequency: "yearly",
  });
  return { allianceId, indicatorId: indicator.id };
}

/** Another workspace's alliance names a partner without a workspace and invites `email` to co-own it; returns the link's token. */
async function emailInvitationFor(email: string): Promise<string> {
  const other = await createWorkspaceWithRoles(db);
  const mailer = new RecordingMailer();
  const owner = callerFor(db, other.users.owner, { mailer });
  const { id } = await owner.alliances.create({ workspaceSlug: other.workspace.slug, ...allianceInput() });
  const party = (await owner.alliances.get({ workspaceSlug: other.workspace.slug, id })).parties.find(
    (p) => !p.isMine,
  )!;
  await owner.alliances.inviteByEmail({
    workspaceSlug: other.workspace.slug,
    allianceId: id,
    partyId: party.id,
    email,
  });
  return linkIn(mailer.lastTo(email), /alliance-invitations\/[A-Za-z0-9_-]{43}/).split("/")[1]!;
}

const AUTHED_SAMPLES: Record<string, Record<string, unknown>> = {
  "workspaces.listMine": {},
  "workspaces.create": { name: "Espace", kind: "association", slug: "espace-test" },
  "memberInvitations.preview": { token: "A".repeat(43) },
  "memberInvitations.accept": { token: "A".repeat(43) },
  "places.searchCommunes": { query: "lyon" },
  "partyInvitations.preview": { token: "A".repeat(43) },
  "operator.requests": {},
  "operator.decide": { id: "00000000-0000-4000-8000-000000000000", approve: true },
  "operator.verifications": {},
  "operator.decideVerification": { id: "00000000-0000-4000-8000-000000000000", decision: "verify" },
  "operator.tools": {},
  "operator.saveTool": {
    slug: "outil-matrice",
    door: "contribution_odd",
    purpose: "agir",
    kind: "fiche",
    fr: { title: "Outil de la matrice", summary: "Jamais enregistré : refusé avant.", body: "" },
  },
  "operator.retireTool": { id: "00000000-0000-4000-8000-000000000000", retired: true, version: 1 },
  "operator.jobs": {},
  "operator.retryJob": { name: "import", id: "00000000-0000-4000-8000-000000000000" },
  "account.ownedWorkspaces": {},
  "account.delete": { confirmEmail: "nobody@example.org" },
};

const allPaths = Object.keys(appRouter._def.procedures).sort();

function call(user: SessionUser | null, path: string, input: Record<string, unknown>): Promise<unknown> {
  const caller = callerFor(db, user) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [group, name] = path.split(".") as [string, string];
  return caller[group]![name]!(input);
}

/** What the procedure answered, as the browser reads it after the wire format (domain/wire.ts). */
function overTheWire(value: unknown): unknown {
  return wire.deserialize(JSON.parse(JSON.stringify(wire.serialize(value))));
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    const value = await promise;
    // Every answer must cross to the browser intact (dates stay dates, nothing is refused).
    expect(overTheWire(value)).toEqual(value);
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("authorization matrix", () => {
  it("declares a permission next to every procedure of the root router", () => {
    expect(Object.keys(PROCEDURE_PERMISSIONS).sort()).toEqual(allPaths);
    expect(Object.entries(PROCEDURE_PERMISSIONS).filter(([, permission]) => permission === null)).toEqual([]);
  });

  it("has a sample input for every procedure", () => {
    const workspacePaths = allPaths.filter((p) => !["public", "authed"].includes(PROCEDURE_PERMISSIONS[p]!));
    expect(Object.keys(SAMPLES).sort()).toEqual(workspacePaths);
    const authedPaths = allPaths.filter((p) => PROCEDURE_PERMISSIONS[p] === "authed");
    expect(Object.keys(AUTHED_SAMPLES).sort()).toEqual(authedPaths);
  });

  it.each(allPaths.filter((p) => PROCEDURE_PERMISSIONS[p] !== "public"))(
    "%s refuses anonymous callers",
    async (path) => {
      const input = AUTHED_SAMPLES[path] ?? {
        workspaceSlug: "anything",
        ...(await SAMPLES[path]!(await createWorkspaceWithRoles(db), "owner")),
      };
      expect(await outcome(call(null, path, input))).toBe("UNAUTHORIZED");
    },
  );

  const workspaceCases = allPaths
    .filter((p) => !["public", "authed"].includes(PROCEDURE_PERMISSIONS[p]!))
    .flatMap((path) => [...ROLES, "stranger" as const].map((who) => [path, who] as const));

  it.each(workspaceCases)("%s as %s", async (path, who) => {
    const fixture = await createWorkspaceWithRoles(db);
    const input = { workspaceSlug: fixture.workspace.slug, ...(await SAMPLES[path]!(fixture, who)) };
    const result = await outcome(call(fixture.users[who], path, input));
    const permission = PROCEDURE_PERMISSIONS[path] as keyof typeof PERMISSIONS;
    const expected =
      who === "stranger"
        ? "NOT_FOUND"
        : (PERMISSIONS[permission] as readonly Role[]).includes(who)
          ? "OK"
          : "FORBIDDEN";
    expect(result).toBe(expected);
  });
});
