import ExcelJS from "exceljs";
import { and, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { ALLIANCE_COLUMNS, labelled, LIST_SEPARATOR } from "../../../domain/exchange";
import { territory } from "../../../domain/territory-data";
import type { Locale } from "../../../messages/locales";
import { translator } from "../../i18n/translate";
import type { WorkspaceContext } from "../context";
import { type Cell, toCsv } from "../exchange/tabular";
import { listConditions } from "./list-alliances";
import type { ListAlliancesInput } from "./schemas";

/** The most rows one export holds; the list's filters narrow bigger registers. */
export const EXPORT_LIMIT = 50_000;

interface Row {
  id: string;
  title: string;
  summary: string | null;
  key_results: string | null;
  stage: string;
  starts_on: string | null;
  ends_on: string | null;
  territory_scope: string;
  entry_doors: string[];
  tags: string[];
  modes: Array<{ mode: string; from: string; to: string | null }> | null;
  partners: Array<{ name: string; siren: string | null; rna: string | null }> | null;
  targets: Array<{ target: string; primary: boolean }> | null;
  places: string[] | null;
}

/**
 * The alliances the list's filters keep (all pages), with their partners, modes, SDG targets and
 * places gathered in SQL. Tenant: the list's own conditions (and row-level security).
 * Permission: alliances.read.
 */
export async function exportAllianceRows(
  ctx: WorkspaceContext,
  filters: Omit<ListAlliancesInput, "sort" | "direction" | "page" | "pageSize">,
) {
  const where = and(...listConditions(ctx, filters));
  return resultRows<Row>(
    await ctx.tx.execute(sql`
      select alliances.id, alliances.title, alliances.summary, alliances.key_results, alliances.stage,
        alliances.starts_on::text as starts_on, alliances.ends_on::text as ends_on,
        alliances.territory_scope, alliances.entry_doors, alliances.tags,
        (select json_agg(json_build_object('mode', m.mode, 'from', m.starts_on, 'to', m.ends_on) order by m.starts_on)
           from alliance_mode_periods m where m.alliance_id = alliances.id) as modes,
        (select json_agg(json_build_object('name', o.name, 'siren', o.siren, 'rna', o.rna) order by o.name)
           from alliance_parties p join organisations o on o.id = p.organisation_id
           where p.alliance_id = alliances.id and p.workspace_id is distinct from ${ctx.workspaceId}) as partners,
        (select json_agg(json_build_object('target', s.target, 'primary', s.is_primary) order by s.is_primary desc, s.goal, s.target)
           from alliance_sdg_targets s where s.alliance_id = alliances.id) as targets,
        (select array_agg(t.code order by t.code) from alliance_territories t where t.alliance_id = alliances.id) as places
      from alliances
      where ${where}
      order by alliances.title, alliances.id
      limit ${EXPORT_LIMIT}`),
  );
}

/** One row per alliance, in ALLIANCE_COLUMNS order, with readable labels and codes. */
function cells(rows: Row[], locale: Locale): Cell[][] {
  const t = translator(locale);
  const index = territory();
  const label = (key: string, code: string) => (t.has(key as never) ? t(key as never) : code);
  const place = (code: string) => {
    const name =
      index.communes.get(code)?.name ??
      index.departements.get(code)?.name ??
      index.regions.get(code)?.name ??
      index.epci.get(code)?.name ??
      code;
    return labelled(name, code);
  };
  return rows.map((r) => {
    const current = r.modes?.at(-1)?.mode ?? null;
    const values: Record<(typeof ALLIANCE_COLUMNS)[number]["key"], Cell> = {
      reference: r.id,
      title: r.title,
      summary: r.summary,
      keyResults: r.key_results,
      stage: labelled(label(`alliance.lifecycle.${r.stage}`, r.stage), r.stage),
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      mode: current ? labelled(label(`alliance.modes.${current}`, current), current) : null,
      // ISO 8601 intervals ("2021-01-01/2022-06-30", ".." when open): plain ASCII survives Windows-1252.
      modes: (r.modes ?? []).map((m) => `${m.mode} ${m.from}/${m.to ?? ".."}`).join(LIST_SEPARATOR),
      partners: (r.partners ?? [])
        .map((p) => (p.siren ? `${p.name} [SIREN ${p.siren}]` : p.rna ? `${p.name} [RNA ${p.rna}]` : p.name))
        .join(LIST_SEPARATOR),
      sdgTargets: (r.targets ?? []).map((s) => (s.primary ? `${s.target}*` : s.target)).join(LIST_SEPARATOR),
      territoryScope: labelled(
        label(`alliances.scopeLevels.${r.territory_scope}`, r.territory_scope),
        r.territory_scope,
      ),
      territory: (r.places ?? []).map(place).join(LIST_SEPARATOR),
      entryDoors: r.entry_doors.map((d) => labelled(label(`alliance.entryDoors.${d}`, d), d)).join(LIST_SEPARATOR),
      tags: r.tags.join(LIST_SEPARATOR),
    };
    return ALLIANCE_COLUMNS.map((c) => values[c.key]);
  });
}

export function alliancesCsv(rows: Row[], locale: Locale): string {
  return toCsv(
    ALLIANCE_COLUMNS.map((c) => c[locale]),
    cells(rows, locale),
  );
}

export async function alliancesXlsx(rows: Row[], locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Maillage";
  const sheet = book.addWorksheet(locale === "fr" ? "Alliances" : "Alliances");
  sheet.columns = ALLIANCE_COLUMNS.map((c) => ({
    header: c[locale],
    key: c.key,
    width: c.key === "summary" || c.key === "title" ? 40 : 20,
  }));
  for (const row of cells(rows, locale)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
