import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatDate } from "../../domain/dates";
import { MATURITY_AXES } from "../../domain/maturity";
import { labelOf } from "../../messages/labels";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import type { Maturity } from "../services/maturity/get-maturity";

const styles = StyleSheet.create({
  page: { padding: 40, fontSize: 9, fontFamily: "Helvetica", color: "#111827" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  h2: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#9ca3af", paddingVertical: 3 },
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#111827",
    paddingVertical: 3,
    fontFamily: "Helvetica-Bold",
  },
  first: { width: 90 },
  cell: { flex: 1, textAlign: "center" },
  axis: { fontFamily: "Helvetica-Bold", marginTop: 6 },
  small: { fontSize: 8, color: "#4b5563", marginTop: 10 },
});

/**
 * The workspace's SDG maturity as a printable document: the latest result with what each
 * level means, the history year by year and, when shown, the peers' medians.
 */
export async function maturityPdf(maturity: Maturity, workspaceName: string, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const latest = maturity.closed[0];
  const rows = [
    ...maturity.closed.map((a) => ({
      label: String(a.year),
      levels: a.levels as Partial<Record<string, number | null>>,
    })),
    ...(maturity.peers ? [{ label: t("maturity.peers"), levels: maturity.peers }] : []),
  ];
  const doc = (
    <Document title={`${t("maturity.title")} — ${workspaceName}`} language={locale}>
      <Page size="A4" style={styles.page}>
        <Text style={styles.title}>{`${t("maturity.title")} — ${workspaceName}`}</Text>
        <Text>{t("maturity.version", { version: maturity.version })}</Text>
        {latest ? (
          <View>
            <Text style={styles.h2}>{t("maturity.result", { year: latest.year })}</Text>
            {MATURITY_AXES.map((axis) => {
              const level = latest.levels[axis];
              return (
                <View key={axis} wrap={false}>
                  <Text style={styles.axis}>
                    {`${labelOf(t, "maturity.axes", axis)} : ${level ? t("maturity.level", { level }) : "—"}`}
                  </Text>
                  {level ? <Text>{labelOf(t, "maturity.levels", `${axis}.${level}`)}</Text> : null}
                </View>
              );
            })}
          </View>
        ) : null}
        <Text style={styles.h2}>{t("maturity.history")}</Text>
        <View style={styles.head}>
          <Text style={styles.first}>{t("maturity.year")}</Text>
          {MATURITY_AXES.map((axis) => (
            <Text key={axis} style={styles.cell}>
              {labelOf(t, "maturity.axes", axis)}
            </Text>
          ))}
        </View>
        {rows.map((r) => (
          <View key={r.label} style={styles.row}>
            <Text style={styles.first}>{r.label}</Text>
            {MATURITY_AXES.map((axis) => (
              <Text key={axis} style={styles.cell}>
                {r.levels[axis] ?? "—"}
              </Text>
            ))}
          </View>
        ))}
        <Text style={styles.small}>
          {maturity.peers
            ? t("maturity.peersIntro", { count: maturity.peerCount, kind: labelOf(t, "workspaceKinds", maturity.kind) })
            : t("maturity.peersNone", { count: maturity.peerCount, threshold: maturity.threshold })}
        </Text>
        <Text style={styles.small}>{formatDate(new Date(), locale, { dateStyle: "long" })}</Text>
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
