import { asc, desc, eq, sql } from "drizzle-orm";
import {
  allianceContributions,
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  allianceSdgTargets,
  allianceTerritories,
  allianceTimeline,
  organisations,
  users,
} from "../../../db/schema";
import { currentMode } from "../../../domain/alliances";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "./access";
import { compareSdgTargets } from "../../../domain/sdg";

/** Everything the alliance page shows. Tenant: the workspace must be an accepted party. */
export async function getAlliance(ctx: WorkspaceContext, id: string) {
  // The core row and the seven reads of the alliance's other tables are sent together (one round
  // trip): row-level security keeps another workspace's rows out of every read, and the core's
  // tenant check refuses the alliance as a whole.
  const [core, parties, modes, sdgTargets, territories, engagements, contributions, timeline] = await Promise.all([
    loadAllianceCore(ctx, id),
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
      .select({
        mode: allianceModePeriods.mode,
        mecenatForms: allianceModePeriods.mecenatForms,
        startsOn: allianceModePeriods.startsOn,
        endsOn: allianceModePeriods.endsOn,
      })
      .from(allianceModePeriods)
      .where(eq(allianceModePeriods.allianceId, id))
      .orderBy(asc(allianceModePeriods.startsOn)),
    ctx.tx
      .select({
        target: allianceSdgTargets.target,
        goal: allianceSdgTargets.goal,
        isPrimary: allianceSdgTargets.isPrimary,
      })
      .from(allianceSdgTargets)
      .where(eq(allianceSdgTargets.allianceId, id))
      .orderBy(asc(allianceSdgTargets.goal), asc(allianceSdgTargets.target)),
    ctx.tx
      .select({ level: allianceTerritories.level, code: allianceTerritories.code })
      .from(allianceTerritories)
      .where(eq(allianceTerritories.allianceId, id)),
    ctx.tx
      .select({
        scheme: allianceEngagements.scheme,
        employees: allianceEngagements.employees,
        hours: allianceEngagements.hours,
      })
      .from(allianceEngagements)
      .where(eq(allianceEngagements.allianceId, id)),
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
    parties,
    modes,
    currentMode: currentMode(modes.map((m) => ({ mode: m.mode, from: m.startsOn, to: m.endsOn }))),
    sdgTargets: sdgTargets.sort((a, b) => compareSdgTargets(a.target, b.target)),
    territories,
    engagements,
    contributions,
    timeline,
  };
}
export type AllianceDetail = Awaited<ReturnType<typeof getAlliance>>;
