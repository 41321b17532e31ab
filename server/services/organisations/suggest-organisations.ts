import { like, or, asc } from "drizzle-orm";
import { organisations } from "../../../db/schema";
import { normalizeForSearch } from "../../../domain/territory";
import type { WorkspaceContext } from "../context";

/** Name suggestions from the directory: accent-insensitive prefix of the name, then of a word in it. */
export async function suggestOrganisations(ctx: WorkspaceContext, query: string) {
  const q = normalizeForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`);
  return ctx.tx
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      siren: organisations.siren,
      rna: organisations.rna,
      communeCode: organisations.communeCode,
    })
    .from(organisations)
    .where(or(like(organisations.searchName, `${q}%`), like(organisations.searchName, `% ${q}%`)))
    .orderBy(asc(organisations.searchName))
    .limit(10);
}
