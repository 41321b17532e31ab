import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  allianceContributions,
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  alliances,
  allianceSdgTargets,
  allianceTerritories,
  allianceTimeline,
  organisations,
  users,
} from "../../../db/schema";
import { currentMode } from "../../../domain/alliances";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { compareSdgTargets } from "../../../domain/sdg";

/**
 * Code-level tenant filter for alliances (row-level security applies the same rule): the
 * current workspace holds an accepted party row on the alliance.
 */
export function reachableByWorkspace(workspaceId: string) {
  return sql`exists (select 1 from ${allianceParties} p where p.alliance_id = ${alliances.id} and p.workspace_id = ${workspaceId} and p.status = 'accepted')`;
}

/**
 * The same tenant filter for statements that read many of the workspace's alliances (lists,
 * exports, counts). Written as `(id in (…)) is true` on purpose: PostgreSQL then keeps it as one
 * hashed lookup built once per statement, instead of turning it into a semi-join whose row
 * estimate, next to the row-level-security array, made it pick a nested loop costing seconds on
 * a workspace of 5,000 alliances (BENCHMARKS.md has both plans).
 */
export function listedByWorkspace(workspaceId: string, allianceId: SQL | AnyColumn = alliances.id) {
  return sql`(${allianceId} in (select p.alliance_id from ${allianceParties} p where p.workspace_id = ${workspaceId} and p.status = 'accepted')) is true`;
}

/** The core row, refused as NOT_FOUND when the workspace is not a party to it. */
export async function loadAllianceCore(ctx: WorkspaceContext, id: string) {
  const [core] = await ctx.tx
    .select()
    .from(alliances)
    .where(and(eq(alliances.id, id), reachableByWorkspace(ctx.workspaceId)));
  if (!core) throw new AppError("NOT_FOUND", "errors.alliance.notFound");
  return core;
}

/**
 * Refuses as NOT_FOUND unless the workspace is an accepted party, for callers that do not need
 * the core row. It reads the workspace's own party row, which its row-level security passes on
 * the first test; reading `alliances` instead builds the workspace's whole alliance set for that
 * table's policy (about 1.5 ms at 5,000 alliances; BENCHMARKS.md has the plans).
 */
export async function requireAllianceParty(ctx: WorkspaceContext, id: string) {
  const [party] = await ctx.tx
    .select({ id: allianceParties.id })
    .from(allianceParties)
    .where(
      and(
        eq(allianceParties.allianceId, id),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "accepted"),
      ),
    )
    .limit(1);
  if (!party) throw new AppError("NOT_FOUND", "errors.alliance.notFound");
}

/** Everything the alliance page shows. Tenant: the workspace must be an accepted party. */
export async function getAlliance(ctx: WorkspaceContext, id: string) {
  const core = await loadAllianceCore(ctx, id);
  const [parties, modes, sdgTargets, territories, engagements, contributions, timeline] = await Promise.all([
    ctx.tx
      .select({
        id: allianceParties.id,
        organisationId: allianceParties.organisationId,
        name: organisations.name,
        kind: organisations.kind,
        siren: organisations.siren,
        rna: organisations.rna,
        role: allianceParties.role,
        status: allianceParties.status,
        isMine: sql<boolean>`${allianceParties.workspaceId} is not distinct from ${ctx.workspaceId}`,
        hasWorkspace: sql<boolean>`${allianceParties.workspaceId} is not null`,
        /** Whether the party's workspace is the one verified for its organisation (shown "non vérifié" otherwise). */
        isVerified: sql<boolean>`coalesce(${allianceParties.workspaceId} = app_workspace_of_organisation(${allianceParties.organisationId}), false)`,
        /** A named partner whose organisation has a verified workspace here can be invited in the app; otherwise by email. */
        organisationHasWorkspace: sql<boolean>`app_workspace_of_organisation(${allianceParties.organisationId}) is not null`,
        invitedEmail: allianceParties.invitedEmail,
      })
      .from(allianceParties)
      .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
      .where(eq(allianceParties.allianceId, id))
      .orderBy(
        desc(sql`${allianceParties.workspaceId} is not distinct from ${ctx.workspaceId}`),
        asc(organisations.name),
      ),
    ctx.tx
      .select()
      .from(allianceModePeriods)
      .where(eq(allianceModePeriods.allianceId, id))
      .orderBy(asc(allianceModePeriods.startsOn)),
    ctx.tx
      .select()
      .from(allianceSdgTargets)
      .where(eq(allianceSdgTargets.allianceId, id))
      .orderBy(asc(allianceSdgTargets.goal), asc(allianceSdgTargets.target)),
    ctx.tx.select().from(allianceTerritories).where(eq(allianceTerritories.allianceId, id)),
    ctx.tx.select().from(allianceEngagements).where(eq(allianceEngagements.allianceId, id)),
    ctx.tx
      .select()
      .from(allianceContributions)
      .where(eq(allianceContributions.allianceId, id))
      .orderBy(desc(allianceContributions.occurredOn), desc(allianceContributions.createdAt)),
    ctx.tx
      .select({
        id: allianceTimeline.id,
        kind: allianceTimeline.kind,
        title: allianceTimeline.title,
        body: allianceTimeline.body,
        url: allianceTimeline.url,
        occurredOn: allianceTimeline.occurredOn,
        authorEmail: users.email,
        authorName: users.name,
      })
      .from(allianceTimeline)
      .leftJoin(users, eq(users.id, allianceTimeline.authorUserId))
      .where(eq(allianceTimeline.allianceId, id))
      .orderBy(desc(allianceTimeline.occurredOn), desc(allianceTimeline.createdAt)),
  ]);
  return {
    ...core,
    searchVector: undefined,
    parties,
    modes: modes.map((m) => ({ mode: m.mode, mecenatForms: m.mecenatForms, startsOn: m.startsOn, endsOn: m.endsOn })),
    currentMode: currentMode(modes.map((m) => ({ mode: m.mode, from: m.startsOn, to: m.endsOn }))),
    sdgTargets: [...sdgTargets]
      .sort((a, b) => compareSdgTargets(a.target, b.target))
      .map((s) => ({ target: s.target, goal: s.goal, isPrimary: s.isPrimary })),
    territories: territories.map((t) => ({ level: t.level, code: t.code })),
    engagements: engagements.map((e) => ({ scheme: e.scheme, employees: e.employees, hours: e.hours })),
    contributions,
    timeline,
  };
}
export type AllianceDetail = Awaited<ReturnType<typeof getAlliance>>;
