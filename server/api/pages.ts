import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { allianceParties, alliances, organisations, workspaceOrganisations } from "../../db/schema";
import { AppError } from "../errors";
import { reachableByWorkspace } from "../services/alliances/access";
import { CURRENT_MODE, listConditions } from "../services/alliances/list-alliances";
import { ListAlliancesInput } from "../services/alliances/schemas";
import type { WorkspaceContext } from "../services/context";

/** An opaque cursor: the sort key of the last item of a page, base64url-encoded. */
function encode(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}
function decode(cursor: string, length: number): string[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === "string")) return parts;
  } catch {
    // fall through
  }
  throw new AppError("BAD_REQUEST", "errors.api.cursor", { field: "cursor" });
}

const page = { cursor: z.string().max(500).nullish(), limit: z.number().int().min(1).max(200).default(50) };

export const PageAlliancesInput = ListAlliancesInput.omit({
  sort: true,
  direction: true,
  page: true,
  pageSize: true,
}).extend(page);
export const PageOrganisationsInput = z.object(page);

/**
 * Alliances of the workspace, most recently updated first, a page at a time: the cursor holds
 * the last (updated_at, id) seen, so pages stay consistent while others write. Same filters as
 * the list. Tenant: the list's conditions (and row-level security). Permission: alliances.read.
 */
export async function pageAlliances(ctx: WorkspaceContext, input: z.infer<typeof PageAlliancesInput>) {
  const { cursor, limit, ...filters } = input;
  const where = listConditions(ctx, filters);
  if (cursor) {
    const [at, id] = decode(cursor, 2) as [string, string];
    // The timestamp travels as PostgreSQL's text (microseconds), not as a JS Date (milliseconds).
    where.push(sql`(${alliances.updatedAt}, ${alliances.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.tx
    .select({
      id: alliances.id,
      title: alliances.title,
      summary: alliances.summary,
      stage: alliances.stage,
      startsOn: alliances.startsOn,
      endsOn: alliances.endsOn,
      territoryScope: alliances.territoryScope,
      tags: alliances.tags,
      currentMode: CURRENT_MODE,
      version: alliances.version,
      archivedAt: alliances.archivedAt,
      createdAt: alliances.createdAt,
      updatedAt: alliances.updatedAt,
      sortKey: sql<string>`${alliances.updatedAt}::text`,
    })
    .from(alliances)
    .where(and(...where))
    .orderBy(desc(alliances.updatedAt), desc(alliances.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ sortKey: _key, ...item }) => item);
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit && last ? encode([last.sortKey, last.id]) : null };
}

/**
 * The organisations the workspace works with (a party in one of its alliances, or noted by it),
 * by name, a page at a time. Permission: organisations.read.
 */
export async function pageOrganisations(ctx: WorkspaceContext, input: z.infer<typeof PageOrganisationsInput>) {
  const mine = sql`(exists (select 1 from ${allianceParties} p join ${alliances} on ${alliances.id} = p.alliance_id
      where p.organisation_id = ${organisations.id} and p.workspace_id is distinct from ${ctx.workspaceId} and ${reachableByWorkspace(ctx.workspaceId)})
    or exists (select 1 from ${workspaceOrganisations} w where w.organisation_id = ${organisations.id} and w.workspace_id = ${ctx.workspaceId}))`;
  const where = [mine];
  if (input.cursor) {
    const [name, id] = decode(input.cursor, 2) as [string, string];
    where.push(or(gt(organisations.name, name), and(eq(organisations.name, name), gt(organisations.id, id)))!);
  }
  const rows = await ctx.tx
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      siren: organisations.siren,
      siret: organisations.siret,
      rna: organisations.rna,
      communeCode: organisations.communeCode,
      website: organisations.website,
    })
    .from(organisations)
    .where(and(...where))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encode([last.name, last.id]) : null };
}
