import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { labelled, LIST_SEPARATOR, ORGANISATION_COLUMNS } from "../../../domain/exchange";
import { territory } from "../../../domain/territory-data";
import type { Locale } from "../../../messages/locales";
import { translator } from "../../i18n/translate";
import type { WorkspaceContext } from "../context";
import { labelOf } from "../../../messages/labels";
import { ExportTable } from "../../files/export-table";

/**
 * The workspace's organisation directory: every organisation it works with in its alliances or
 * keeps notes on, with its identifiers, commune, its own tags and the number of alliances.
 * Tenant: the workspace's alliances and private layer. Permission: organisations.read.
 */
export async function organisationDirectory(ctx: WorkspaceContext, locale: Locale): Promise<ExportTable> {
  const t = translator(locale);
  const index = territory();
  const rows = resultRows<{
    id: string;
    name: string;
    kind: string;
    siren: string | null;
    siret: string | null;
    rna: string | null;
    commune_code: string | null;
    website: string | null;
    tags: string[] | null;
    alliances: number;
  }>(
    await ctx.tx.execute(sql`
      select o.id, o.name, o.kind, o.siren, o.siret, o.rna, o.commune_code, o.website, w.tags,
        (select count(distinct p.alliance_id)::int from alliance_parties p join alliance_parties me on me.alliance_id = p.alliance_id
          where p.organisation_id = o.id and me.workspace_id = ${ctx.workspaceId} and me.status = 'accepted' and p.workspace_id is distinct from ${ctx.workspaceId}) as alliances
      from organisations o
      left join workspace_organisations w on w.organisation_id = o.id and w.workspace_id = ${ctx.workspaceId}
      where w.workspace_id is not null
         or exists (select 1 from alliance_parties p join alliance_parties me on me.alliance_id = p.alliance_id
                    where p.organisation_id = o.id and me.workspace_id = ${ctx.workspaceId} and me.status = 'accepted' and p.workspace_id is distinct from ${ctx.workspaceId})
      order by o.name, o.id
      limit 50000`),
  );
  return {
    columns: ORGANISATION_COLUMNS,
    rows: rows.map((o) => [
      o.id,
      o.name,
      labelled(labelOf(t, "alliance.organisationKinds", o.kind), o.kind),
      o.siren,
      o.siret,
      o.rna,
      o.commune_code ? labelled(index.communes.get(o.commune_code)?.name ?? o.commune_code, o.commune_code) : null,
      o.website,
      (o.tags ?? []).join(LIST_SEPARATOR),
      o.alliances,
    ]),
  };
}
