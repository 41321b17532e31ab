import { and, eq, getTableColumns, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { allianceParties, alliances, organisations } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";

/**
 * The tenant predicates of alliances, used by every feature that reaches an alliance (alliances,
 * evaluation, dashboards, organisations, the REST API): code-level filters that row-level
 * security repeats underneath.
 */

/**
 * Code-level tenant filter for alliances (row-level security applies the same rule): the
 * current workspace holds an accepted party row on the alliance.
 *
 * `{ probe: true }` is for a statement that probes many alliances one by one with a plan made
 * once for any workspace (the list's page rows by id, plannedGenerically): the workspace
 * is then compared with `is not distinct from`, which no index can take, so that each probe goes
 * by the alliance's few party rows. With `=`, the generic plan walked the workspace's party index
 * for each alliance (0.07 ms a probe on national-1, 3.5 ms for a page of 50). Same rows: the
 * workspace id is never null. `allianceId` names the alliance's id where it is not `alliances.id`
 * (the list's search rows).
 */
export function reachableByWorkspace(
  workspaceId: string,
  { probe = false, allianceId = alliances.id }: { probe?: boolean; allianceId?: SQL | AnyColumn } = {},
) {
  const workspace = probe
    ? sql`p.workspace_id is not distinct from ${workspaceId}::uuid`
    : sql`p.workspace_id = ${workspaceId}`;
  return sql`exists (select 1 from ${allianceParties} p where p.alliance_id = ${allianceId} and ${workspace} and p.status = 'accepted')`;
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

/**
 * The core row's columns but two that no reader of it needs: the search vector, which only the
 * list's text search reads (it is long), and the row-level-security key, a copy of the id.
 */
const { searchVector: _searchVector, policyKey: _policyKey, ...coreColumns } = getTableColumns(alliances);
export const CORE_COLUMNS = coreColumns;

/** The core row, refused as NOT_FOUND when the workspace is not a party to it. */
export async function loadAllianceCore(ctx: WorkspaceContext, id: string) {
  const [core] = await ctx.tx
    .select(CORE_COLUMNS)
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

/** The workspace verified for an organisation (organisation_claims), or null. */
export async function verifiedWorkspaceOf(ctx: WorkspaceContext, organisationId: string): Promise<string | null> {
  const [found] = resultRows<{ id: string | null }>(
    await ctx.tx.execute(sql`select app_workspace_of_organisation(${organisationId}) as id`),
  );
  return found?.id ?? null;
}

/** A party row of the alliance, with its organisation's name; NOT_FOUND when it is not one. */
export async function loadParty(ctx: WorkspaceContext, allianceId: string, partyId: string) {
  const [party] = await ctx.tx
    .select({
      id: allianceParties.id,
      organisationId: allianceParties.organisationId,
      workspaceId: allianceParties.workspaceId,
      status: allianceParties.status,
      name: organisations.name,
    })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(and(eq(allianceParties.id, partyId), eq(allianceParties.allianceId, allianceId)));
  if (!party) throw new AppError("NOT_FOUND", "errors.share.partyNotFound");
  return party;
}
