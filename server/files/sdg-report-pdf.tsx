import { Document, Font, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatDate } from "../../domain/dates";
import { SDG_GOALS, textColourOn } from "../../domain/sdg";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import type { SdgReport } from "../services/dashboards/sdg-report";
import { allocationRule, totalsLines } from "./sdg-report-export";
import { labelOf } from "../../messages/labels";

// Words wrap whole: react-pdf's hyphenation cut "attribuée" into "at- tribuée" in narrow columns.
Font.registerHyphenationCallback((word) => [word]);

const styles = StyleSheet.create({
  // No lineHeight here: set on the page, it hides the texts drawn with `render` (the page numbers).
  page: {
    paddingTop: 54,
    paddingBottom: 54,
    paddingHorizontal: 40,
    fontSize: 9,
    fontFamily: "Helvetica",
    color: "#111827",
  },
  running: {
    position: "absolute",
    top: 22,
    left: 40,
    right: 40,
    fontSize: 8,
    color: "#4b5563",
    flexDirection: "row",
    justifyContent: "space-between",
  },
  footer: { position: "absolute", bottom: 24, right: 40, fontSize: 8, color: "#4b5563" },
  coverTitle: { fontSize: 24, fontFamily: "Helvetica-Bold", marginTop: 120, marginBottom: 16 },
  coverWorkspace: { fontSize: 18, marginBottom: 6 },
  coverYear: { fontSize: 40, fontFamily: "Helvetica-Bold", color: "#1d4ed8", marginBottom: 40 },
  h2: { fontSize: 12, fontFamily: "Helvetica-Bold", marginBottom: 6, marginTop: 12 },
  paragraph: { marginBottom: 6 },
  ruleBox: { borderLeftWidth: 3, borderLeftColor: "#1d4ed8", backgroundColor: "#eff6ff", padding: 8, marginTop: 8 },
  band: { padding: 6, marginBottom: 6 },
  headerRow: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#111827",
    paddingVertical: 3,
    fontFamily: "Helvetica-Bold",
  },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#9ca3af", paddingVertical: 3 },
  totalRow: {
    flexDirection: "row",
    borderTopWidth: 1,
    borderTopColor: "#111827",
    paddingVertical: 3,
    fontFamily: "Helvetica-Bold",
  },
  barRow: { flexDirection: "row", alignItems: "center", marginBottom: 3 },
  barLabel: { width: 150 },
  bar: { height: 9 },
  barValue: { marginLeft: 4 },
  narrative: { marginTop: 4, marginBottom: 6, fontFamily: "Helvetica-Oblique" },
});

/**
 * Column widths of the alliance tables, in % of the line: every cell has its width and wraps
 * inside it, so a long title never runs into the next column.
 */
const COLUMNS = [
  { key: "target", width: "7%", align: "left" },
  { key: "alliance", width: "26%", align: "left" },
  { key: "partners", width: "21%", align: "left" },
  { key: "share", width: "11%", align: "right" },
  { key: "allocated", width: "11%", align: "right" },
  { key: "ownEuros", width: "14%", align: "right" },
  { key: "ownHours", width: "10%", align: "right" },
] as const;

/** The goals summary table's columns. */
const GOAL_COLUMNS = [
  { key: "goalName", width: "52%", align: "left" },
  { key: "alliances", width: "14%", align: "right" },
  { key: "ownEuros", width: "20%", align: "right" },
  { key: "ownHours", width: "14%", align: "right" },
] as const;

type Column = { key: string; width: string; align: "left" | "right" };

function Cells({ columns, values }: { columns: readonly Column[]; values: string[] }) {
  return (
    <>
      {columns.map((c, i) => (
        <Text key={c.key} style={{ width: c.width, textAlign: c.align, paddingRight: 6 }}>
          {values[i] ?? ""}
        </Text>
      ))}
    </>
  );
}

/**
 * The printable SDG report, a document a CSR team signs: a cover with the workspace, the year,
 * its total and the allocation rule; a summary with the chart and the table of goals adding up
 * to the total; then one section per goal, its narrative, its averages and its table of
 * alliances. Every page carries the workspace and year at the top and its number at the bottom;
 * a table that continues on the next page repeats its header row there.
 */
export async function reportPdf(report: SdgReport, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const tag = locale === "fr" ? "fr-FR" : "en-GB";
  const money = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const hoursFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  // The standard PDF fonts have no narrow no-break space: plain spaces instead.
  const plain = (text: string) => text.replace(/\u202f|\u00a0/g, " ");
  const euros = (cents: number) => plain(money.format(cents / 100));
  const hours = (value: number) => plain(hoursFormat.format(value));
  const percent = (fraction: number) => plain(percentFormat.format(fraction));
  const title = t("report.fileTitle", { workspace: report.workspaceName, year: report.year });
  const header = COLUMNS.map((c) => t(`report.columns.${c.key}`));
  const max = Math.max(1, ...report.goals.map((g) => g.ownCents));

  const running = (
    <View style={styles.running} fixed>
      <Text>{report.workspaceName}</Text>
      <Text>{`${t("report.title")} ${report.year}`}</Text>
    </View>
  );
  // react-pdf lays the page out once before it knows the page count: the total may be missing then.
  const footer = (
    <Text
      style={styles.footer}
      fixed
      render={({ pageNumber, totalPages }) =>
        t("report.pdf.page", { page: pageNumber, pages: totalPages ?? pageNumber })
      }
    />
  );

  const doc = (
    <Document title={title} author={report.workspaceName} creator="Maillage" language={locale}>
      <Page size="A4" style={styles.page}>
        <Text style={styles.coverTitle}>{t("report.pdf.cover")}</Text>
        <Text style={styles.coverWorkspace}>{report.workspaceName}</Text>
        <Text style={styles.coverYear}>{String(report.year)}</Text>
        {totalsLines(report, locale).map((line) => (
          <Text key={line} style={styles.paragraph}>
            {plain(line)}
          </Text>
        ))}
        <View style={styles.ruleBox}>
          <Text style={{ fontFamily: "Helvetica-Bold", marginBottom: 4 }}>{t("report.rule.title")}</Text>
          <Text>{plain(allocationRule(report, locale))}</Text>
        </View>
        <Text style={{ marginTop: 24, color: "#4b5563" }}>
          {t("report.pdf.generated", { date: formatDate(new Date(), locale, { dateStyle: "long" }) })}
        </Text>
        {footer}
      </Page>

      <Page size="A4" style={styles.page}>
        {running}
        <Text style={styles.h2}>{t("report.chart")}</Text>
        {report.goals.map((g) => (
          <View key={g.goal} style={styles.barRow} wrap={false}>
            <Text style={styles.barLabel}>{`${g.goal}. ${labelOf(t, "sdg.goals", g.goal)}`}</Text>
            <View
              style={[
                styles.bar,
                {
                  width: Math.max(2, (g.ownCents / max) * 230),
                  backgroundColor: SDG_GOALS[g.goal - 1]?.colour ?? "#444444",
                },
              ]}
            />
            <Text style={styles.barValue}>{euros(g.ownCents)}</Text>
          </View>
        ))}
        <Text style={styles.h2}>{t("report.sheets.goals")}</Text>
        <View style={styles.headerRow} wrap={false}>
          <Cells columns={GOAL_COLUMNS} values={GOAL_COLUMNS.map((c) => t(`report.columns.${c.key}`))} />
        </View>
        {report.goals.map((g) => (
          <View key={g.goal} style={styles.row} wrap={false}>
            <Cells
              columns={GOAL_COLUMNS}
              values={[
                `${g.goal}. ${labelOf(t, "sdg.goals", g.goal)}`,
                String(g.alliances),
                euros(g.ownCents),
                hours(g.ownHours),
              ]}
            />
          </View>
        ))}
        {report.totals.unallocatedCents || report.totals.unallocatedHours ? (
          <View style={styles.row} wrap={false}>
            <Cells
              columns={GOAL_COLUMNS}
              values={[
                t("report.rule.unallocatedRow"),
                "",
                euros(report.totals.unallocatedCents),
                hours(report.totals.unallocatedHours),
              ]}
            />
          </View>
        ) : null}
        <View style={styles.totalRow} wrap={false}>
          <Cells
            columns={GOAL_COLUMNS}
            values={[
              t("report.rule.totalRow"),
              String(report.totals.alliances),
              euros(report.totals.cents),
              hours(report.totals.hours),
            ]}
          />
        </View>
        {footer}
      </Page>

      {report.goals.map((g) => {
        const colour = SDG_GOALS[g.goal - 1]?.colour ?? "#444444";
        return (
          <Page key={g.goal} size="A4" style={styles.page}>
            {running}
            {/* On the pages this goal's table continues on, its header row comes first. */}
            <View
              fixed
              render={({ subPageNumber }) =>
                subPageNumber > 1 ? (
                  <View style={styles.headerRow}>
                    <Cells columns={COLUMNS} values={header} />
                  </View>
                ) : null
              }
            />
            <View style={[styles.band, { backgroundColor: colour }]} wrap={false}>
              <Text
                style={{ color: textColourOn(colour), fontFamily: "Helvetica-Bold", fontSize: 12 }}
              >{`${g.goal}. ${labelOf(t, "sdg.goals", g.goal)}`}</Text>
            </View>
            <Text style={styles.paragraph}>
              {plain(t("report.goalLine", { alliances: g.alliances, euros: euros(g.ownCents), hours: g.ownHours }))}
            </Text>
            {g.narrative ? <Text style={styles.narrative}>{g.narrative}</Text> : null}
            {Object.keys(g.averages).length ? (
              <Text style={styles.paragraph}>
                {`${t("report.averages")} : ${Object.entries(g.averages)
                  .map(([d, v]) => `${labelOf(t, "evaluation.dimensions", d)} ${plain(hoursFormat.format(v))}/5`)
                  .join(" · ")}`}
              </Text>
            ) : null}
            <View style={styles.headerRow} wrap={false}>
              <Cells columns={COLUMNS} values={header} />
            </View>
            {g.targets.flatMap((target) =>
              target.alliances.map((a) => (
                <View key={`${target.target}-${a.id}`} style={styles.row} wrap={false}>
                  <Cells
                    columns={COLUMNS}
                    values={[
                      target.target,
                      a.title,
                      a.partners,
                      a.sharePercent === null ? "—" : `${a.sharePercent} %`,
                      percent(a.allocated),
                      euros(a.ownCents),
                      hours(a.ownHours),
                    ]}
                  />
                </View>
              )),
            )}
            <View style={styles.totalRow} wrap={false}>
              <Cells
                columns={COLUMNS}
                values={[
                  "",
                  t("report.pdf.goalTotal", { goal: g.goal }),
                  "",
                  "",
                  "",
                  euros(g.ownCents),
                  hours(g.ownHours),
                ]}
              />
            </View>
            {footer}
          </Page>
        );
      })}
    </Document>
  );
  return renderToBuffer(doc);
}
