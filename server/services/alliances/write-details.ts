import { sql } from "drizzle-orm";
import {
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  allianceSdgTargets,
  allianceTerritories,
} from "../../../db/schema";
import { pgArray } from "../../../db/rows";
import type { LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";
import { goalOfTarget } from "../../../domain/sdg";
import { normalizeForSearch, territoryParents, type TerritoryLevel } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";

/** Everything about an alliance but its core row's identity, version and parties with a workspace. */
export interface AllianceDetails {
  id: string;
  title: string;
  summary: string | null;
  keyResults: string | null;
  stage: (typeof LIFECYCLE_STAGES)[number];
  startsOn: string | null;
  endsOn: string | null;
  territory: { scope: TerritoryLevel; codes: string[] };
  entryDoors: string[];
  tags: string[];
  modes: Array<{ mode: (typeof MODES)[number]; mecenatForms: string[]; startsOn: string; endsOn: string | null }>;
  sdgTargets: Array<{ target: string; isPrimary: boolean }>;
  /**
   * The partners without a workspace of their own, with their names (for the search text). A
   * partner without a role keeps the one it has ("partenaire" when it is new).
   */
  partners: Array<{ organisationId: string; name: string; role?: string }>;
  /** The workspace's own role, when it is set. */
  ownRole?: string;
  /** Engagement schemes, when they are set (an import leaves them as they are). */
  engagements?: Array<{ scheme: string; employees: number | null; hours: number | null }>;
}

/** Rows per statement: well under the protocol's 65,535 parameters. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Replaces the details of alliances the caller may write (it has checked access and claimed
 * the version): the core fields and search text in one statement, then the mode periods, SDG
 * targets, places and, when given, engagement schemes. Partners without a workspace that are no
 * longer named are removed; co-owning parties stay. The form writes one alliance, an import
 * hundreds, through the same statements. An unknown place is refused before anything is written.
 * Tenant: ctx.workspaceId (row-level security limits every statement to its alliances).
 */
export async function writeAllianceDetails(ctx: WorkspaceContext, items: AllianceDetails[], ownName: string) {
  if (items.length === 0) return;
  const index = territory();
  const places = items.flatMap(({ id, territory: t }) =>
    t.codes.map((code) => {
      const parents = territoryParents(index, t.scope, code);
      if (!parents) throw new AppError("BAD_REQUEST", "errors.territory.unknown", { field: "territory", code });
      return { allianceId: id, level: t.scope, code, ...parents };
    }),
  );
  const cores = items.map((a) => ({
    id: a.id,
    title: a.title,
    summary: a.summary,
    key_results: a.keyResults,
    stage: a.stage,
    starts_on: a.startsOn,
    ends_on: a.endsOn,
    territory_scope: a.territory.scope,
    entry_doors: a.entryDoors,
    tags: [...new Set(a.tags)],
    search_text: normalizeForSearch([a.title, a.summary ?? "", ownName, ...a.partners.map((p) => p.name)].join(" ")),
  }));
  await ctx.tx.execute(sql`
    update alliances a set title = v.title, summary = v.summary, key_results = v.key_results, stage = v.stage,
      starts_on = v.starts_on, ends_on = v.ends_on, territory_scope = v.territory_scope, entry_doors = v.entry_doors,
      tags = v.tags, search_text = v.search_text, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(cores)}::jsonb) as v(id uuid, title text, summary text, key_results text,
      stage lifecycle_stage, starts_on date, ends_on date, territory_scope territory_level, entry_doors text[],
      tags text[], search_text text)
    where a.id = v.id`);

  const ids = sql`${pgArray(items.map((a) => a.id))}::uuid[]`;
  const keep = items.flatMap(({ id, partners }) => partners.map((p) => ({ a: id, o: p.organisationId })));
  await ctx.tx.execute(sql`
    delete from alliance_parties p where p.alliance_id = any(${ids}) and p.workspace_id is null
      and not exists (select 1 from jsonb_to_recordset(${JSON.stringify(keep)}::jsonb) as k(a uuid, o uuid)
        where k.a = p.alliance_id and k.o = p.organisation_id)`);
  const owned = items.filter((a) => a.ownRole);
  if (owned.length) {
    const roles = owned.map((a) => ({ id: a.id, role: a.ownRole }));
    await ctx.tx.execute(sql`
      update alliance_parties p set role = v.role
      from jsonb_to_recordset(${JSON.stringify(roles)}::jsonb) as v(id uuid, role text)
      where p.alliance_id = v.id and p.workspace_id = ${ctx.workspaceId}`);
  }
  const parties = items.flatMap(({ id, partners }) =>
    partners.map((p) => ({
      allianceId: id,
      organisationId: p.organisationId,
      role: p.role ?? "partenaire",
      status: "accepted" as const,
      keepRole: !p.role,
    })),
  );
  for (const part of chunks(parties.filter((p) => !p.keepRole))) {
    await ctx.tx
      .insert(allianceParties)
      .values(part.map(({ keepRole: _, ...row }) => row))
      .onConflictDoUpdate({
        target: [allianceParties.allianceId, allianceParties.organisationId],
        set: { role: sql`excluded.role` },
      });
  }
  for (const part of chunks(parties.filter((p) => p.keepRole))) {
    await ctx.tx
      .insert(allianceParties)
      .values(part.map(({ keepRole: _, ...row }) => row))
      .onConflictDoNothing();
  }

  await ctx.tx.execute(sql`delete from alliance_mode_periods where alliance_id = any(${ids})`);
  await ctx.tx.execute(sql`delete from alliance_sdg_targets where alliance_id = any(${ids})`);
  await ctx.tx.execute(sql`delete from alliance_territories where alliance_id = any(${ids})`);
  const modes = items.flatMap(({ id, modes }) => modes.map((m) => ({ allianceId: id, ...m })));
  const targets = items.flatMap(({ id, sdgTargets }) =>
    sdgTargets.map((t) => ({
      allianceId: id,
      target: t.target,
      goal: goalOfTarget(t.target)!,
      isPrimary: t.isPrimary,
    })),
  );
  for (const part of chunks(modes)) await ctx.tx.insert(allianceModePeriods).values(part);
  for (const part of chunks(targets)) await ctx.tx.insert(allianceSdgTargets).values(part);
  for (const part of chunks(places)) await ctx.tx.insert(allianceTerritories).values(part);

  const engaged = items.filter((a) => a.engagements);
  if (engaged.length) {
    await ctx.tx.execute(
      sql`delete from alliance_engagements where alliance_id = any(${pgArray(engaged.map((a) => a.id))}::uuid[])`,
    );
    const rows = engaged.flatMap(({ id, engagements }) => engagements!.map((e) => ({ allianceId: id, ...e })));
    for (const part of chunks(rows)) await ctx.tx.insert(allianceEngagements).values(part);
  }
}

/**
 * Moves the public revision of alliances whose public fields changed in detail rows only
 * (partners, modes, SDG targets, places): the trigger on alliances sees the core row alone.
 * Earlier approvals for the public library then no longer hold.
 */
export async function movePublicRevision(ctx: WorkspaceContext, allianceIds: string[]) {
  if (allianceIds.length === 0) return;
  await ctx.tx.execute(
    sql`update alliances set public_revision = public_revision + 1 where id = any(${pgArray(allianceIds)}::uuid[])`,
  );
}

/**
 * Gives new alliances the questioning-process wording of the workspace creating them (null when
 * it keeps the product's): later edits of the workspace's wording leave them as they were.
 */
export async function stampGuideWording(ctx: WorkspaceContext, allianceIds: string[]) {
  if (allianceIds.length === 0) return;
  await ctx.tx.execute(sql`
    update alliances set guide_wording = (select w.guide_wording from workspaces w where w.id = ${ctx.workspaceId})
    where id = any(${pgArray(allianceIds)}::uuid[])`);
}
