import ExcelJS from "exceljs";
import { ALLIANCE_COLUMNS, labelled, LIST_SEPARATOR } from "../../domain/exchange";
import { territory } from "../../domain/territory-data";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import { type Cell, toCsv } from "./tabular";
import type { AllianceExportRow } from "../services/alliances/export-alliances";
import { messageOr } from "../../messages/labels";

/** One row per alliance, in ALLIANCE_COLUMNS order, with readable labels and codes. */
function cells(rows: AllianceExportRow[], locale: Locale): Cell[][] {
  const t = translator(locale);
  const index = territory();
  const label = (key: string, code: string) => messageOr(t, key, code);
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

export function alliancesCsv(rows: AllianceExportRow[], locale: Locale): string {
  return toCsv(
    ALLIANCE_COLUMNS.map((c) => c[locale]),
    cells(rows, locale),
  );
}

export async function alliancesXlsx(rows: AllianceExportRow[], locale: Locale): Promise<Buffer> {
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
