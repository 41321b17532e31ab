import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { allianceParties, organisations } from "../../../db/schema";
import { normalizeForSearch } from "../../../domain/territory";
import type { WorkspaceContext } from "../context";

/**
 * The workspace's partners whose name starts with the query (or has a word starting with it),
 * accent-insensitive, at most 20: the alliance list's partner filter asks for them as the person
 * types, instead of the page sending every partner with its count. With `id`, that one partner
 * (the filter's current value, to show its name). Only organisations that are another party of
 * one of the workspace's accepted alliances; row-level security limits the party rows read to
 * those alliances too. Permission: organisations.read.
 */
export async function searchPartners(ctx: WorkspaceContext, input: { query?: string; id?: string }) {
  const asPartner = sql`exists (
    select 1 from ${allianceParties} p
    where p.organisation_id = ${organisations.id}
      and p.workspace_id is distinct from ${ctx.workspaceId}
      and p.alliance_id in (select m.alliance_id from app_workspace_alliances m))`;
  const named = input.id
    ? eq(organisations.id, input.id)
    : (() => {
        const q = normalizeForSearch(input.query ?? "").replace(/[\\%_]/g, (c) => `\\${c}`);
        return or(like(organisations.searchName, `${q}%`), like(organisations.searchName, `% ${q}%`));
      })();
  return ctx.tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(and(named, asPartner))
    .orderBy(asc(organisations.searchName))
    .limit(20);
}
