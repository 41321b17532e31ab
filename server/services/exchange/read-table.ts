import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../../../domain/exchange";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { decodeText } from "../../../domain/import";
import { AppError } from "../../errors";

export interface Table {
  headers: string[];
  /** Every cell as text; dates from XLSX cells as ISO "YYYY-MM-DD". */
  rows: string[][];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The text a person sees in an XLSX cell, whatever kind of value it holds. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDay(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text; // hyperlink
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue); // formula
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

/** Drops rows where every cell is blank, and trims cells. */
function tidy(headers: string[], rows: string[][]): Table {
  const width = headers.length;
  return {
    headers: headers.map((h) => h.trim()),
    rows: rows
      .filter((r) => r.some((c) => c.trim() !== ""))
      .map((r) => Array.from({ length: width }, (_, i) => (r[i] ?? "").trim())),
  };
}

function checked(table: Table): Table {
  if (table.headers.filter(Boolean).length === 0) throw new AppError("BAD_REQUEST", "errors.import.noHeader");
  if (table.rows.length === 0) throw new AppError("BAD_REQUEST", "errors.import.empty");
  if (table.rows.length > MAX_IMPORT_ROWS)
    throw new AppError("BAD_REQUEST", "errors.import.tooManyRows", { max: MAX_IMPORT_ROWS });
  return table;
}

/**
 * A CSV as spreadsheets write it: UTF-8 (with or without BOM) or Windows-1252, separated by
 * semicolons, commas or tabs (detected from the header line), quoted cells spanning lines.
 */
export function readCsv(bytes: Uint8Array): Table {
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [";", ",", "\t"].map((sep) => ({ sep, n: firstLine.split(sep).length }));
  const delimiter = counts.sort((a, b) => b.n - a.n)[0]!.sep;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: "greedy" });
  const [headers = [], ...rows] = parsed.data;
  return checked(tidy(headers, rows));
}

/** The first worksheet of an XLSX workbook, its first row as headers. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("BAD_REQUEST", "errors.import.unreadable");
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError("BAD_REQUEST", "errors.import.empty");
  const width = sheet.columnCount;
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    lines.push(cells);
  });
  const [headers = [], ...rows] = lines;
  return checked(tidy(headers, rows));
}

/** Reads an upload by its name's extension (CSV or XLSX). */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new AppError("BAD_REQUEST", "errors.import.tooLarge", { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  const name = fileName.toLowerCase();
  if (name.endsWith(".xlsx")) return readXlsx(bytes);
  if (name.endsWith(".csv") || name.endsWith(".txt")) return readCsv(bytes);
  throw new AppError("BAD_REQUEST", "errors.import.format");
}
