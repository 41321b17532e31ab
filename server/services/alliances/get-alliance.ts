import { and, eq, sql } from "drizzle-orm";
import type {
  allianceContributions,
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  allianceSdgTargets,
  allianceTerritories,
  allianceTimeline,
  organisations,
} from "../../../db/schema";
import { alliances } from "../../../db/schema";
import { epochMilliseconds } from "../../../db/rows";
import { currentMode } from "../../../domain/alliances";
import { compareSdgTargets } from "../../../domain/sdg";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { CORE_COLUMNS, reachableByWorkspace } from "./access";

type Party = Pick<typeof allianceParties.$inferSelect, "id" | "organisationId" | "role" | "status" | "invitedEmail"> &
  Pick<typeof organisations.$inferSelect, "name" | "kind" | "siren" | "rna"> & {
    isMine: boolean;
    hasWorkspace: boolean;
    /** Whether the party's workspace is the one verified for its organisation (shown "non vérifié" otherwise). */
    isVerified: boolean;
    /** A named partner whose organisation has a verified workspace here can be invited in the app; otherwise by email. */
    organisationHasWorkspace: boolean;
  };
type ModePeriod = Pick<typeof allianceModePeriods.$inferSelect, "mode" | "mecenatForms" | "startsOn" | "endsOn">;
type SdgTarget = Pick<typeof allianceSdgTargets.$inferSelect, "target" | "goal" | "isPrimary">;
type Territory = Pick<typeof allianceTerritories.$inferSelect, "level" | "code">;
type Engagement = Pick<typeof allianceEngagements.$inferSelect, "scheme" | "employees" | "hours">;
type Contribution = typeof allianceContributions.$inferSelect;
type TimelineEntry = Pick<
  typeof allianceTimeline.$inferSelect,
  "id" | "kind" | "title" | "body" | "url" | "occurredOn"
> & { authorEmail: string | null; authorName: string | null };

/** An array of JSON objects built by PostgreSQL, empty when the subquery finds no row. */
const jsonList = <T>(select: ReturnType<typeof sql>) => sql<T[]>`coalesce((${select}), '[]'::json)`;

/**
 * Everything the alliance page shows. Tenant: the workspace must be an accepted party.
 *
 * One statement: the core row, with each of the alliance's other tables read by a subquery
 * into a JSON array (in the order the page shows them). Row-level security keeps another
 * workspace's rows out of every subquery, and the core's tenant check refuses the alliance as a
 * whole. The eight statements this replaced, sent together, cost about 1.4 ms more of the app's
 * CPU per call: building and mapping each, and a result each (BENCHMARKS.md, issue 27's
 * eleventh pass).
 * Instants inside the arrays come as milliseconds since 1970, as JSON has no date.
 */
export async function getAlliance(ctx: WorkspaceContext, id: string) {
  const a = sql.identifier("alliances");
  const [row] = await ctx.tx
    .select({
      ...CORE_COLUMNS,
      parties: jsonList<Party>(sql`select json_agg(json_build_object(
          'id', p.id, 'organisationId', p.organisation_id, 'name', o.name, 'kind', o.kind, 'siren', o.siren,
          'rna', o.rna, 'role', p.role, 'status', p.status,
          'isMine', p.workspace_id is not distinct from ${ctx.workspaceId}::uuid,
          'hasWorkspace', p.workspace_id is not null,
          'isVerified', coalesce(p.workspace_id = app_workspace_of_organisation(p.organisation_id), false),
          'organisationHasWorkspace', app_workspace_of_organisation(p.organisation_id) is not null,
          'invitedEmail', p.invited_email)
        order by p.workspace_id is not distinct from ${ctx.workspaceId}::uuid desc, o.name)
        from alliance_parties p join organisations o on o.id = p.organisation_id where p.alliance_id = ${a}.id`),
      modes: jsonList<ModePeriod>(sql`select json_agg(json_build_object(
          'mode', m.mode, 'mecenatForms', m.mecenat_forms, 'startsOn', m.starts_on, 'endsOn', m.ends_on) order by m.starts_on)
        from alliance_mode_periods m where m.alliance_id = ${a}.id`),
      sdgTargets: jsonList<SdgTarget>(sql`select json_agg(json_build_object(
          'target', s.target, 'goal', s.goal, 'isPrimary', s.is_primary) order by s.goal, s.target)
        from alliance_sdg_targets s where s.alliance_id = ${a}.id`),
      territories: jsonList<Territory>(sql`select json_agg(json_build_object('level', t.level, 'code', t.code))
        from alliance_territories t where t.alliance_id = ${a}.id`),
      engagements: jsonList<Engagement>(sql`select json_agg(json_build_object(
          'scheme', e.scheme, 'employees', e.employees, 'hours', e.hours))
        from alliance_engagements e where e.alliance_id = ${a}.id`),
      contributions: jsonList<
        Omit<Contribution, "createdAt"> & { createdAt: number }
      >(sql`select json_agg(json_build_object(
          'id', c.id, 'allianceId', c.alliance_id, 'partyId', c.party_id, 'kind', c.kind, 'quantity', c.quantity,
          'unit', c.unit, 'valueCents', c.value_cents, 'hourlyRateCents', c.hourly_rate_cents,
          'occurredOn', c.occurred_on, 'note', c.note, 'createdBy', c.created_by, 'version', c.version,
          'createdAt', ${epochMilliseconds(sql`c.created_at`)})
        order by c.occurred_on desc, c.created_at desc)
        from alliance_contributions c where c.alliance_id = ${a}.id`),
      timeline: jsonList<TimelineEntry>(sql`select json_agg(json_build_object(
          'id', t.id, 'kind', t.kind, 'title', t.title, 'body', t.body, 'url', t.url, 'occurredOn', t.occurred_on,
          'authorEmail', u.email, 'authorName', u.name)
        order by t.occurred_on desc, t.created_at desc)
        from alliance_timeline t left join users u on u.id = t.author_user_id where t.alliance_id = ${a}.id`),
    })
    .from(alliances)
    .where(and(eq(alliances.id, id), reachableByWorkspace(ctx.workspaceId)));
  if (!row) throw new AppError("NOT_FOUND", "errors.alliance.notFound");
  const { parties, modes, sdgTargets, territories, engagements, contributions, timeline, ...core } = row;
  return {
    ...core,
    parties,
    modes,
    currentMode: currentMode(modes.map((m) => ({ mode: m.mode, from: m.startsOn, to: m.endsOn }))),
    sdgTargets: sdgTargets.sort((x, y) => compareSdgTargets(x.target, y.target)),
    territories,
    engagements,
    contributions: contributions.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    timeline,
  };
}
export type AllianceDetail = Awaited<ReturnType<typeof getAlliance>>;
