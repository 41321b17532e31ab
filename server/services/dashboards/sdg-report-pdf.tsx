import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { SDG_GOALS, textColourOn } from "../../../domain/sdg";
import type { Locale } from "../../../messages/locales";
import { translator } from "../../i18n/translate";
import type { SdgReport } from "./sdg-report";

const styles = StyleSheet.create({
  page: { padding: 36, fontSize: 10, fontFamily: "Helvetica", color: "#111827" },
  title: { fontSize: 18, marginBottom: 4, fontFamily: "Helvetica-Bold" },
  subtitle: { fontSize: 11, marginBottom: 14, color: "#374151" },
  h2: { fontSize: 12, fontFamily: "Helvetica-Bold", marginBottom: 6, marginTop: 10 },
  band: { padding: 6, marginTop: 12, marginBottom: 4 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#9ca3af", paddingVertical: 3 },
  cell: { flex: 3 },
  small: { flex: 1, textAlign: "right" },
  barRow: { flexDirection: "row", alignItems: "center", marginBottom: 3 },
  barLabel: { width: 120 },
  bar: { height: 9 },
  barValue: { marginLeft: 4 },
  narrative: { marginTop: 4, marginBottom: 4, fontStyle: "italic" },
});

/**
 * The printable SDG report: the workspace's name and year, a bar chart of its own contributions
 * per goal in the SDG colours, then per goal its narrative, averages and alliances.
 */
export async function reportPdf(report: SdgReport, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const euros = (cents: number) => new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(cents / 100).replace(/\u202f|\u00a0/g, " ");
  const max = Math.max(1, ...report.goals.map((g) => g.ownCents));
  const doc = (
    <Document title={t("report.fileTitle", { workspace: report.workspaceName, year: report.year })} author={report.workspaceName} creator="Maillage" language={locale}>
      <Page size="A4" style={styles.page}>
        <Text style={styles.title}>{t("report.title")}</Text>
        <Text style={styles.subtitle}>{t("report.fileTitle", { workspace: report.workspaceName, year: report.year })}</Text>
        <Text style={styles.h2}>{t("report.chart")}</Text>
        {report.goals.map((g) => (
          <View key={g.goal} style={styles.barRow}>
            <Text style={styles.barLabel}>{`${t("sdg.goal", { number: g.goal })}`}</Text>
            <View style={[styles.bar, { width: Math.max(2, (g.ownCents / max) * 300), backgroundColor: SDG_GOALS[g.goal - 1]?.colour ?? "#444444" }]} />
            <Text style={styles.barValue}>{euros(g.ownCents)}</Text>
          </View>
        ))}
        {report.goals.map((g) => {
          const colour = SDG_GOALS[g.goal - 1]?.colour ?? "#444444";
          return (
            <View key={g.goal} wrap>
              <View style={[styles.band, { backgroundColor: colour }]}>
                <Text style={{ color: textColourOn(colour), fontFamily: "Helvetica-Bold" }}>{`${g.goal}. ${t(`sdg.goals.${g.goal}` as never)}`}</Text>
              </View>
              <Text>{t("report.goalLine", { alliances: g.alliances, euros: euros(g.ownCents), hours: g.ownHours })}</Text>
              {g.narrative ? <Text style={styles.narrative}>{g.narrative}</Text> : null}
              {Object.keys(g.averages).length ? (
                <Text>
                  {Object.entries(g.averages)
                    .map(([d, v]) => `${t(`evaluation.dimensions.${d}` as never)} : ${v}/5`)
                    .join(" · ")}
                </Text>
              ) : null}
              {g.targets.map((target) =>
                target.alliances.map((a) => (
                  <View key={`${target.target}-${a.id}`} style={styles.row}>
                    <Text style={styles.small}>{target.target}</Text>
                    <Text style={styles.cell}>{a.title}</Text>
                    <Text style={styles.cell}>{a.partners}</Text>
                    <Text style={styles.small}>{a.sharePercent === null ? "—" : `${a.sharePercent} %`}</Text>
                    <Text style={styles.small}>{euros(a.ownCents)}</Text>
                  </View>
                )),
              )}
            </View>
          );
        })}
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
