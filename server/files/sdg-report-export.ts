import ExcelJS from "exceljs";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import { toCsv } from "./tabular";
import type { SdgReport } from "../services/dashboards/sdg-report";
import { labelOf } from "../../messages/labels";

const DIMENSIONS = ["performance", "innovation", "confiance", "equilibre", "valeur"] as const;

/** The report flattened to one row per goal, target and alliance: the shape of the CSV and the detail sheet. */
export function reportRows(report: SdgReport) {
  return report.goals.flatMap((g) =>
    g.targets.flatMap((t) =>
      t.alliances.map((a) => ({
        goal: g.goal,
        target: t.target,
        alliance: a.title,
        partners: a.partners,
        sharePercent: a.sharePercent,
        allocatedPercent: Math.round(a.allocated * 1000) / 10,
        ownEuros: a.ownCents / 100,
        ownHours: a.ownHours,
      })),
    ),
  );
}

/** The allocation rule in words, with the report's setting. */
export function allocationRule(report: SdgReport, locale: Locale): string {
  const t = translator(locale);
  return t("report.rule.text", {
    primary: report.primaryWeight === 1 ? "equal" : "weighted",
    weight: report.primaryWeight,
  });
}

/** The workspace's total, and what of it lies on alliances without an SDG target, in words. */
export function totalsLines(report: SdgReport, locale: Locale): string[] {
  const t = translator(locale);
  const euros = (cents: number) =>
    new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency: "EUR" }).format(
      cents / 100,
    );
  const lines = [
    t("report.rule.total", {
      year: report.year,
      euros: euros(report.totals.cents),
      hours: report.totals.hours,
      alliances: report.totals.alliances,
    }),
  ];
  if (report.totals.unallocatedCents || report.totals.unallocatedHours)
    lines.push(
      t("report.rule.unallocated", {
        euros: euros(report.totals.unallocatedCents),
        hours: report.totals.unallocatedHours,
      }),
    );
  return lines;
}

/**
 * CSV of the report (one row per goal, target and alliance), semicolon-separated with a BOM so
 * that Excel in French opens it with accents and columns in place; decimals use a dot. After the
 * rows, a blank line, the workspace's total and the rows of alliances without an SDG target (so
 * the euros column adds up to the total), then the allocation rule.
 */
export function reportCsv(report: SdgReport, locale: Locale): string {
  const t = translator(locale);
  const header = [
    t("report.columns.goal"),
    t("report.columns.target"),
    t("report.columns.alliance"),
    t("report.columns.partners"),
    t("report.columns.share"),
    t("report.columns.allocated"),
    t("report.columns.ownEuros"),
    t("report.columns.ownHours"),
  ];
  const rows: Array<Array<string | number | null>> = reportRows(report).map((r) => [
    r.goal,
    r.target,
    r.alliance,
    r.partners,
    r.sharePercent,
    r.allocatedPercent,
    r.ownEuros,
    r.ownHours,
  ]);
  rows.push([]);
  if (report.totals.unallocatedCents || report.totals.unallocatedHours) {
    rows.push([
      null,
      null,
      t("report.rule.unallocatedRow"),
      null,
      null,
      null,
      report.totals.unallocatedCents / 100,
      report.totals.unallocatedHours,
    ]);
  }
  rows.push([null, null, t("report.rule.totalRow"), null, null, null, report.totals.cents / 100, report.totals.hours]);
  rows.push([t("report.rule.title"), allocationRule(report, locale)]);
  return toCsv(header, rows);
}

/** XLSX of the report: one sheet per section (goals, targets and alliances, indicators, narratives), numbers as numbers. */
export async function reportXlsx(report: SdgReport, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const book = new ExcelJS.Workbook();
  book.creator = "Maillage";
  book.title = t("report.fileTitle", { workspace: report.workspaceName, year: report.year });
  const euro = '#,##0.00 "€"';

  const goals = book.addWorksheet(t("report.sheets.goals"));
  goals.columns = [
    { header: t("report.columns.goal"), key: "goal", width: 8 },
    { header: t("report.columns.goalName"), key: "name", width: 40 },
    { header: t("report.columns.alliances"), key: "alliances", width: 12 },
    { header: t("report.columns.ownEuros"), key: "euros", width: 16, style: { numFmt: euro } },
    { header: t("report.columns.ownHours"), key: "hours", width: 12 },
    ...DIMENSIONS.map((d) => ({ header: t(`evaluation.dimensions.${d}`), key: d, width: 14 })),
  ];
  for (const g of report.goals) {
    goals.addRow({
      goal: g.goal,
      name: labelOf(t, "sdg.goals", g.goal),
      alliances: g.alliances,
      euros: g.ownCents / 100,
      hours: g.ownHours,
      ...Object.fromEntries(DIMENSIONS.map((d) => [d, g.averages[d] ?? null])),
    });
  }
  // The goals add up to the workspace's total, with the alliances that have no SDG target.
  if (report.totals.unallocatedCents || report.totals.unallocatedHours) {
    goals.addRow({
      name: t("report.rule.unallocatedRow"),
      euros: report.totals.unallocatedCents / 100,
      hours: report.totals.unallocatedHours,
    });
  }
  goals.addRow({
    name: t("report.rule.totalRow"),
    alliances: report.totals.alliances,
    euros: report.totals.cents / 100,
    hours: report.totals.hours,
  }).font = { bold: true };

  const detail = book.addWorksheet(t("report.sheets.detail"));
  detail.columns = [
    { header: t("report.columns.goal"), key: "goal", width: 8 },
    { header: t("report.columns.target"), key: "target", width: 10 },
    { header: t("report.columns.alliance"), key: "alliance", width: 40 },
    { header: t("report.columns.partners"), key: "partners", width: 40 },
    { header: t("report.columns.share"), key: "sharePercent", width: 12 },
    { header: t("report.columns.allocated"), key: "allocatedPercent", width: 12 },
    { header: t("report.columns.ownEuros"), key: "ownEuros", width: 16, style: { numFmt: euro } },
    { header: t("report.columns.ownHours"), key: "ownHours", width: 12 },
  ];
  for (const r of reportRows(report)) detail.addRow(r);

  const indicators = book.addWorksheet(t("report.sheets.indicators"));
  indicators.columns = [
    { header: t("report.columns.target"), key: "target", width: 10 },
    { header: t("report.columns.alliance"), key: "alliance", width: 40 },
    { header: t("report.columns.indicator"), key: "indicator", width: 32 },
    { header: t("report.columns.period"), key: "period", width: 12 },
    { header: t("report.columns.value"), key: "value", width: 12 },
    { header: t("report.columns.unit"), key: "unit", width: 12 },
  ];
  for (const g of report.goals)
    for (const target of g.targets)
      for (const a of target.alliances)
        for (const i of a.indicators)
          for (const r of i.results)
            indicators.addRow({
              target: target.target,
              alliance: a.title,
              indicator: i.name,
              period: r.period,
              value: r.value,
              unit: i.unit,
            });

  const narratives = book.addWorksheet(t("report.sheets.narratives"));
  narratives.columns = [
    { header: t("report.columns.goal"), key: "goal", width: 8 },
    { header: t("report.columns.narrative"), key: "text", width: 100 },
  ];
  for (const g of report.goals) if (g.narrative) narratives.addRow({ goal: g.goal, text: g.narrative });

  const method = book.addWorksheet(t("report.sheets.method"));
  method.columns = [{ header: t("report.rule.title"), key: "text", width: 120 }];
  for (const line of [allocationRule(report, locale), ...totalsLines(report, locale)])
    method.addRow({ text: line }).alignment = { wrapText: true, vertical: "top" };

  for (const sheet of book.worksheets) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
