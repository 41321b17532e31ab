/** Shared writers for the CSV files Maillage exports (reports, alliance lists). */

export type Cell = string | number | null;

function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A CSV as French Excel opens it as it is: semicolon-separated, UTF-8 with a BOM, CRLF line
 * ends; numbers with a dot as decimal separator.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
