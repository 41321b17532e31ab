import { sql } from "drizzle-orm";
import { pgArray, resultRows } from "../../../db/rows";
import { type TerritoryLevel } from "../../../domain/territory";
import type { WorkspaceContext } from "../context";
import type { AllianceState } from "../../../domain/import-merge";

/** What the alliances an import touches are now, read from the database in the terms the import compares. */

export interface CurrentRow {
  id: string;
  version: number;
  title: string;
  summary: string | null;
  key_results: string | null;
  stage: AllianceState["stage"];
  starts_on: string | null;
  ends_on: string | null;
  territory_scope: TerritoryLevel;
  entry_doors: AllianceState["entryDoors"];
  tags: string[];
  modes: Array<{
    mode: AllianceState["modes"][number]["mode"];
    mecenatForms: string[];
    startsOn: string;
    endsOn: string | null;
  }> | null;
  partners: Array<{ id: string; coOwner: boolean }> | null;
  targets: AllianceState["sdgTargets"] | null;
  places: string[] | null;
}

/**
 * The present state of the alliances a file refers to, in one query. Tenant: only alliances the
 * workspace is an accepted party of.
 */
export interface CurrentAlliance {
  state: AllianceState;
  version: number;
  /** Partner organisations that co-own the alliance with a workspace of their own (kept whatever the file says). */
  coOwners: string[];
}

export async function currentStates(ctx: WorkspaceContext, ids: string[]): Promise<Map<string, CurrentAlliance>> {
  const states = new Map<string, CurrentAlliance>();
  if (ids.length === 0) return states;
  // One plain query per table, put together here: joins or correlated subqueries over
  // thousands of alliances let the planner (with row-level security's filter on every row, and
  // statistics not yet updated after a large import) pick plans that rescan per alliance.
  const list = sql`${pgArray(ids)}::uuid[]`;
  const [cores, modes, parties, targets, places] = await Promise.all([
    ctx.tx.execute(sql`
      select a.id, a.version, a.title, a.summary, a.key_results, a.stage, a.starts_on::text as starts_on, a.ends_on::text as ends_on,
        a.territory_scope, a.entry_doors, a.tags
      from alliances a where a.id = any(${list})`),
    ctx.tx.execute(
      sql`select alliance_id, mode, mecenat_forms, starts_on::text as starts_on, ends_on::text as ends_on from alliance_mode_periods where alliance_id = any(${list}) order by starts_on`,
    ),
    ctx.tx.execute(
      sql`select alliance_id, organisation_id, workspace_id, status from alliance_parties where alliance_id = any(${list})`,
    ),
    ctx.tx.execute(
      sql`select alliance_id, target, is_primary from alliance_sdg_targets where alliance_id = any(${list})`,
    ),
    ctx.tx.execute(sql`select alliance_id, code from alliance_territories where alliance_id = any(${list})`),
  ]);
  const grouped = <T extends { alliance_id: string }>(result: unknown) => {
    const map = new Map<string, T[]>();
    for (const r of resultRows<T>(result)) map.set(r.alliance_id, [...(map.get(r.alliance_id) ?? []), r]);
    return map;
  };
  const modesOf = grouped<{
    alliance_id: string;
    mode: AllianceState["modes"][number]["mode"];
    mecenat_forms: string[];
    starts_on: string;
    ends_on: string | null;
  }>(modes);
  const partiesOf = grouped<{
    alliance_id: string;
    organisation_id: string;
    workspace_id: string | null;
    status: string;
  }>(parties);
  const targetsOf = grouped<{ alliance_id: string; target: string; is_primary: boolean }>(targets);
  const placesOf = grouped<{ alliance_id: string; code: string }>(places);
  const rows: CurrentRow[] = [];
  for (const core of resultRows<Omit<CurrentRow, "modes" | "partners" | "targets" | "places">>(cores)) {
    const own = partiesOf.get(core.id)?.some((p) => p.workspace_id === ctx.workspaceId && p.status === "accepted");
    if (!own) continue; // Tenant: only alliances the workspace is an accepted party of.
    rows.push({
      ...core,
      modes: (modesOf.get(core.id) ?? []).map((m) => ({
        mode: m.mode,
        mecenatForms: m.mecenat_forms,
        startsOn: m.starts_on,
        endsOn: m.ends_on,
      })),
      partners: (partiesOf.get(core.id) ?? [])
        .filter((p) => p.workspace_id !== ctx.workspaceId)
        .map((p) => ({ id: p.organisation_id, coOwner: p.workspace_id !== null })),
      targets: (targetsOf.get(core.id) ?? []).map((t) => ({ target: t.target, isPrimary: t.is_primary })),
      places: (placesOf.get(core.id) ?? []).map((p) => p.code),
    });
  }
  for (const r of rows) {
    states.set(r.id, {
      version: r.version,
      coOwners: (r.partners ?? []).filter((p) => p.coOwner).map((p) => p.id),
      state: {
        title: r.title,
        summary: r.summary,
        keyResults: r.key_results,
        stage: r.stage,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        modes: (r.modes ?? []).map((m) => ({ ...m, endsOn: m.endsOn ?? null })),
        partnerIds: (r.partners ?? []).map((p) => p.id),
        sdgTargets: r.targets ?? [],
        territory: { scope: r.territory_scope, codes: r.places ?? [] },
        entryDoors: r.entry_doors,
        tags: r.tags,
      },
    });
  }
  return states;
}
