import ExcelJS from "exceljs";
import type { Locale } from "../../messages/locales";
import { type Cell, toCsv } from "./tabular";

export type ExportTable = { columns: ReadonlyArray<{ key: string; fr: string; en: string }>; rows: Cell[][] };

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
