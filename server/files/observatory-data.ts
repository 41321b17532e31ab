import { OPEN_DATA_LICENCE } from "../../domain/observatory";
import type { getObservatoryTable } from "../services/observatory/get-table";

type Table = Awaited<ReturnType<typeof getObservatoryTable>>;

/** The line that says where the figures come from, under which licence, and when. */
export function licenceLine(table: Table) {
  const at = table.refreshedAt ? table.refreshedAt.toISOString().slice(0, 10) : "—";
  return `Maillage, observatoire des alliances (${table.table}, ${table.scope}${table.code ? ` ${table.code}` : ""}), chiffres au ${at}. ${OPEN_DATA_LICENCE.name} (Etalab) : ${OPEN_DATA_LICENCE.url}`;
}

function cell(value: string | number | null) {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A table of the observatory as open data in CSV: UTF-8, comma-separated, one `#` line first
 * with the source, the date and the licence (read it with a comment character, as most tools
 * allow), then the header and the rows. An empty cell is a hidden figure.
 */
export function observatoryCsv(table: Table): string {
  const lines = [`# ${licenceLine(table)}`, table.columns.join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => cell(row[c] ?? null)).join(","));
  return `${lines.join("\n")}\n`;
}

/** The same table in JSON, with its licence, source, date and columns. */
export function observatoryJson(table: Table, dictionaryUrl: string) {
  return {
    source: "Maillage, observatoire des alliances",
    licence: OPEN_DATA_LICENCE,
    dictionary: dictionaryUrl,
    table: table.table,
    scope: table.scope,
    code: table.code || null,
    refreshedAt: table.refreshedAt?.toISOString() ?? null,
    columns: table.columns,
    rows: table.rows,
  };
}
