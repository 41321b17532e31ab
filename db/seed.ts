import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Role } from "../domain/roles";
import { DEMO_PERSONAS, DEMO_WORKSPACES } from "../domain/demo";
import type { Db } from "./client";
import { resultRows } from "./rows";
import { DEFAULT_QUESTIONS } from "../domain/evaluation";
import {
  allianceIndicators,
  allianceParties,
  alliances,
  auditEvents,
  evaluationAnswers,
  evaluationCycles,
  evaluationParticipants,
  indicatorResults,
  memberships,
  organisationClaims,
  territoryCoordinations,
  users,
  workspaces,
} from "./schema";
import { seedDemoAlliances } from "./seed-alliances";

const EXTRA_MEMBERS: Array<{ email: string; name: string; workspace: string; role: Role }> = [
  { email: "louis.petit@demo.maillage.test", name: "Louis Petit", workspace: "jardins-du-lien", role: "editor" },
  { email: "sarah.roux@demo.maillage.test", name: "Sarah Roux", workspace: "boulangeries-du-val", role: "viewer" },
];

/**
 * Loads the demo data once (it does nothing when the demo workspaces exist). Runs as the
 * database owner, outside the request role, like a migration.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean; alliances: number }> {
  const created = await seedDemoWorkspaces(db);
  const alliances = await seedDemoAlliances(db, [
    { slug: "jardins-du-lien", count: 25 },
    { slug: "boulangeries-du-val", count: 20 },
    { slug: "departement-val-clair", count: 15 },
  ]);
  await seedDemoSharing(db);
  await seedDemoVerification(db);
  await seedDemoCoordination(db);
  return { created, alliances };
}

const DEMO_RESULTS = [
  "85 familles ont cultivé une parcelle ; 2,4 tonnes de légumes partagées ; 30 salariés bénévoles mobilisés.",
  "12 jeunes formés aux métiers de la boulangerie, dont 8 en emploi six mois après.",
  "Un local partagé ouvert quatre jours par semaine ; 1 200 heures de bénévolat valorisées.",
];

/**
 * Makes the demo show what sharing looks like: four alliances of Les Jardins du Lien are
 * co-owned with Les Boulangeries du Val, and three of them are published in the library with
 * both workspaces' approval. Runs once (it looks for the co-owned rows first).
 */
async function seedDemoSharing(db: Db) {
  await db.transaction(async (tx) => {
    const [jardins] = await tx.select().from(workspaces).where(eq(workspaces.slug, "jardins-du-lien"));
    const [boulangeries] = await tx.select().from(workspaces).where(eq(workspaces.slug, "boulangeries-du-val"));
    if (!jardins || !boulangeries?.organisationId) return;
    const shared = resultRows<{ id: string }>(
      await tx.execute(sql`select a.id from alliances a
        join alliance_parties mine on mine.alliance_id = a.id and mine.workspace_id = ${jardins.id}
        where a.archived_at is null order by a.created_at, a.id limit 4`),
    );
    const already = resultRows(
      await tx.execute(
        sql`select 1 from alliance_parties where workspace_id = ${boulangeries.id} and alliance_id in (select alliance_id from alliance_parties where workspace_id = ${jardins.id}) limit 1`,
      ),
    );
    if (shared.length === 0) return;
    const evaluate = () =>
      seedDemoEvaluation(
        tx as unknown as Db,
        shared.map((s) => s.id),
        [
          { id: jardins.id, name: jardins.name },
          { id: boulangeries.id, name: boulangeries.name },
        ],
      );
    if (already.length > 0) {
      // Shared by an earlier version of the demo: add only what is missing.
      const evaluated = resultRows(
        await tx.execute(sql`select 1 from evaluation_cycles where alliance_id = ${shared[0]!.id} limit 1`),
      );
      if (evaluated.length === 0) await evaluate();
      return;
    }
    for (const [i, { id }] of shared.entries()) {
      await tx
        .insert(allianceParties)
        .values({
          allianceId: id,
          organisationId: boulangeries.organisationId,
          workspaceId: boulangeries.id,
          role: "partenaire",
          status: "accepted",
          invitedByWorkspaceId: jardins.id,
          invitedAt: new Date(),
          respondedAt: new Date(),
        })
        .onConflictDoUpdate({
          target: [allianceParties.allianceId, allianceParties.organisationId],
          set: { workspaceId: boulangeries.id, status: "accepted" },
        });
      if (i < DEMO_RESULTS.length) {
        const [row] = await tx
          .update(alliances)
          .set({ keyResults: DEMO_RESULTS[i], requestedAudience: "public" })
          .where(eq(alliances.id, id))
          .returning({ revision: alliances.publicRevision });
        await tx
          .update(allianceParties)
          .set({ audienceConsent: "public", consentRevision: row!.revision, consentAt: new Date() })
          .where(and(eq(allianceParties.allianceId, id), isNotNull(allianceParties.workspaceId)));
      }
    }
    await evaluate();
  });
}

/**
 * Evaluation in the demo: the first shared alliance has a closed 2025 cycle (with a trust gap
 * worth discussing) and an indicator with three results; the second has a cycle running, that
 * Les Jardins du Lien already answered.
 */
async function seedDemoEvaluation(db: Db, allianceIds: string[], parties: Array<{ id: string; name: string }>) {
  const [closedOn, runningOn] = allianceIds;
  if (!closedOn || !runningOn) return;
  const scores: Record<string, [number, number]> = {
    performance_objectives: [4, 4],
    performance_capabilities: [4, 3],
    innovation_solutions: [5, 4],
    innovation_territory: [4, 4],
    confiance_relationship: [5, 3],
    confiance_beyond: [4, 4],
    equilibre_fairness: [4, 3],
    valeur_received: [4, 4],
  };
  const [closed] = await db
    .insert(evaluationCycles)
    .values({
      allianceId: closedOn,
      period: "2025",
      dueOn: "2025-12-15",
      questions: DEFAULT_QUESTIONS,
      status: "closed",
      closedAt: new Date("2025-12-10T10:00:00Z"),
      closedReason: "all_answered",
      openedByWorkspaceId: parties[0]!.id,
    })
    .returning({ id: evaluationCycles.id });
  await db.insert(evaluationParticipants).values(
    parties.map((p) => ({
      cycleId: closed!.id,
      allianceId: closedOn,
      workspaceId: p.id,
      organisationName: p.name,
      status: "answered" as const,
      answeredAt: new Date("2025-12-09T10:00:00Z"),
    })),
  );
  await db.insert(evaluationAnswers).values(
    parties.flatMap((p, i) =>
      DEFAULT_QUESTIONS.map((q) => ({
        cycleId: closed!.id,
        allianceId: closedOn,
        workspaceId: p.id,
        questionKey: q.key,
        dimension: q.dimension,
        score: scores[q.key]![i]!,
        justification: i === 0 ? "Constaté en comité de pilotage." : "Avis de l'équipe engagée.",
      })),
    ),
  );
  const [indicator] = await db
    .insert(allianceIndicators)
    .values({
      allianceId: closedOn,
      name: "Personnes accompagnées",
      unit: "personnes",
      dimension: "innovation",
      direction: "higher",
      baseline: 40,
      target: 160,
      frequency: "yearly",
      libraryKey: "people_supported",
      createdByWorkspaceId: parties[0]!.id,
    })
    .returning({ id: allianceIndicators.id });
  await db.insert(indicatorResults).values(
    [
      ["2023", 60],
      ["2024", 95],
      ["2025", 130],
    ].map(([period, value]) => ({
      indicatorId: indicator!.id,
      allianceId: closedOn,
      workspaceId: parties[0]!.id,
      period: String(period),
      periodEnd: `${period}-12-31`,
      value: Number(value),
    })),
  );
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const [running] = await db
    .insert(evaluationCycles)
    .values({
      allianceId: runningOn,
      period: String(new Date().getFullYear()),
      dueOn: due,
      questions: DEFAULT_QUESTIONS,
      openedByWorkspaceId: parties[0]!.id,
    })
    .returning({ id: evaluationCycles.id });
  await db.insert(evaluationParticipants).values(
    parties.map((p, i) => ({
      cycleId: running!.id,
      allianceId: runningOn,
      workspaceId: p.id,
      organisationName: p.name,
      status: i === 0 ? ("answered" as const) : ("pending" as const),
      answeredAt: i === 0 ? new Date() : null,
    })),
  );
  await db.insert(evaluationAnswers).values(
    DEFAULT_QUESTIONS.map((q) => ({
      cycleId: running!.id,
      allianceId: runningOn,
      workspaceId: parties[0]!.id,
      questionKey: q.key,
      dimension: q.dimension,
      score: 4,
      justification: "Réponse de l'association.",
    })),
  );
}

async function seedDemoWorkspaces(db: Db): Promise<boolean> {
  const [existing] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, DEMO_WORKSPACES[0]!.slug));
  if (existing) return false;
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const w of DEMO_WORKSPACES) {
      const [row] = await tx.insert(workspaces).values(w).returning();
      ids.set(w.slug, row!.id);
      await tx.insert(auditEvents).values({
        workspaceId: row!.id,
        action: "workspace.create",
        entityType: "workspace",
        entityId: row!.id,
        after: row,
      });
    }
    const people = [
      ...DEMO_PERSONAS.map((p) => ({ email: p.email, name: p.name, workspace: p.workspace, role: "owner" as Role })),
      ...EXTRA_MEMBERS,
    ];
    for (const p of people) {
      const [user] = await tx
        .insert(users)
        .values({ email: p.email, name: p.name, emailVerified: new Date() })
        .onConflictDoUpdate({ target: users.email, set: { name: p.name } })
        .returning();
      const workspaceId = ids.get(p.workspace)!;
      await tx.insert(memberships).values({ workspaceId, userId: user!.id, role: p.role });
      await tx.insert(auditEvents).values({
        workspaceId,
        action: "member.add",
        entityType: "membership",
        entityId: user!.id,
        after: { email: p.email, role: p.role },
      });
    }
  });
  return true;
}

/** The demo workspaces speak for their organisations, as if an operator had verified them. */
async function seedDemoVerification(db: Db) {
  const rows = await db
    .select({ id: workspaces.id, organisationId: workspaces.organisationId })
    .from(workspaces)
    .where(
      inArray(
        workspaces.slug,
        DEMO_WORKSPACES.map((w) => w.slug),
      ),
    );
  for (const w of rows) {
    if (!w.organisationId) continue;
    await db
      .insert(organisationClaims)
      .values({
        workspaceId: w.id,
        organisationId: w.organisationId,
        status: "verified",
        method: "operator",
        note: "Démonstration",
        decidedBy: "demo",
        decidedAt: new Date(),
      })
      .onConflictDoNothing();
  }
}

/** The demo's collectivité coordinates the Drôme (where most demo alliances are): its territorial dashboard has figures. */
async function seedDemoCoordination(db: Db) {
  const [ws] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, "departement-val-clair"));
  if (!ws) return;
  await db
    .insert(territoryCoordinations)
    .values({
      workspaceId: ws.id,
      level: "departement",
      code: "26",
      reason: "Démonstration",
      status: "approved",
      decidedBy: "demo",
      decidedAt: new Date(),
    })
    .onConflictDoNothing();
}
