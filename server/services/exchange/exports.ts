import ExcelJS from "exceljs";
import { and, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { labelled, LEDGER_COLUMNS, LIST_SEPARATOR, ORGANISATION_COLUMNS } from "../../../domain/exchange";
import { territory } from "../../../domain/territory-data";
import type { Locale } from "../../../messages/locales";
import { translator } from "../../i18n/translate";
import { listConditions } from "../alliances/list-alliances";
import type { ListAlliancesInput } from "../alliances/schemas";
import type { WorkspaceContext } from "../context";
import { type Cell, toCsv } from "./tabular";
import { labelOf } from "../../../messages/labels";

export type ExportTable = { columns: ReadonlyArray<{ key: string; fr: string; en: string }>; rows: Cell[][] };

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
      labelled(
        t.has(`alliance.organisationKinds.${o.kind}` as never)
          ? labelOf(t, "alliance.organisationKinds", o.kind)
          : o.kind,
        o.kind,
      ),
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

/**
 * The contribution ledger of the alliances the list's filters keep: one row per entry, every
 * party's. Tenant: the list's conditions (and row-level security). Permission: alliances.read.
 */
export async function contributionLedger(
  ctx: WorkspaceContext,
  filters: Omit<ListAlliancesInput, "sort" | "direction" | "page" | "pageSize">,
  locale: Locale,
): Promise<ExportTable> {
  const t = translator(locale);
  const where = and(...listConditions(ctx, filters));
  const rows = resultRows<{
    alliance_id: string;
    title: string;
    party: string;
    kind: string;
    quantity: string | number;
    unit: string;
    value_cents: string | number | null;
    occurred_on: string;
    note: string | null;
  }>(
    await ctx.tx.execute(sql`
      select alliances.id as alliance_id, alliances.title, o.name as party, k.kind, k.quantity, k.unit, k.value_cents, k.occurred_on::text as occurred_on, k.note
      from alliance_contributions k
      join alliances on alliances.id = k.alliance_id
      join alliance_parties p on p.id = k.party_id
      join organisations o on o.id = p.organisation_id
      where ${where}
      order by alliances.title, k.occurred_on, k.id
      limit 200000`),
  );
  return {
    columns: LEDGER_COLUMNS,
    rows: rows.map((r) => [
      r.alliance_id,
      r.title,
      r.party,
      labelled(
        t.has(`alliance.contributionKinds.${r.kind}` as never)
          ? labelOf(t, "alliance.contributionKinds", r.kind)
          : r.kind,
        r.kind,
      ),
      Number(r.quantity),
      r.unit,
      r.value_cents === null ? null : Number(r.value_cents) / 100,
      r.occurred_on,
      r.note,
    ]),
  };
}

export function tableCsv(table: ExportTable, locale: Locale): string {
  return toCsv(
    table.columns.map((c) => c[locale]),
    table.rows,
  );
}

export async function tableXlsx(table: ExportTable, locale: Locale, sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Maillage";
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = table.columns.map((c) => ({ header: c[locale], key: c.key, width: 22 }));
  for (const row of table.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
