import { Document, Font, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatDate } from "../../domain/dates";
import { labelOf } from "../../messages/labels";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import type { Guide } from "../services/guide/get-guide";

Font.registerHyphenationCallback((word) => [word]);

const styles = StyleSheet.create({
  page: { padding: 40, fontSize: 9, fontFamily: "Helvetica", color: "#111827" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  subtitle: { fontSize: 12, marginBottom: 8 },
  parties: { marginBottom: 10 },
  stage: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 8, marginBottom: 3, color: "#1d4ed8" },
  question: { fontFamily: "Helvetica-Bold", marginTop: 3 },
  answer: { marginTop: 1 },
  signedBy: { fontSize: 7.5, color: "#4b5563", marginBottom: 2 },
  signOff: { marginTop: 14, fontSize: 11, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  signRow: { flexDirection: "row", flexWrap: "wrap" },
  signBox: {
    width: "48%",
    marginRight: "2%",
    borderWidth: 0.5,
    borderColor: "#6b7280",
    height: 54,
    padding: 4,
    marginBottom: 6,
  },
  footer: { position: "absolute", bottom: 22, left: 40, right: 40, fontSize: 7.5, color: "#4b5563" },
});

/**
 * The framing sheet ("fiche de cadrage") the partners attach to their agreement: the alliance,
 * its partners, then stage by stage the questions answered with their latest answer and who
 * gave it, and a box per partner to sign off. Unanswered questions are left out.
 */
export async function framingSheetPdf(guide: Guide, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const plain = (text: string) => text.replace(/\u202f|\u00a0/g, " ");
  const date = (d: Date) => plain(formatDate(d, locale, { dateStyle: "medium" }));
  const stages = guide.stages.filter((s) => s.answered > 0);
  const doc = (
    <Document title={`${t("guide.sheetTitle")} — ${guide.title}`} language={locale}>
      <Page size="A4" style={styles.page}>
        <Text style={styles.title}>{t("guide.sheetTitle")}</Text>
        <Text style={styles.subtitle}>{guide.title}</Text>
        <Text style={styles.parties}>
          {`${t("guide.sheetParties")} : ${guide.parties
            .map((p) => `${p.name} (${labelOf(t, "alliance.partnerRoles", p.role)})`)
            .join(", ")}`}
        </Text>
        {stages.map((stage) => (
          <View key={stage.stage} wrap={false}>
            <Text style={styles.stage}>{labelOf(t, "alliance.lifecycle", stage.stage)}</Text>
            {stage.questions
              .filter((q) => q.latest)
              .map((q) => (
                <View key={q.key}>
                  <Text style={styles.question}>{q.text ?? labelOf(t, "guide.questions", q.key)}</Text>
                  <Text style={styles.answer}>{q.latest!.answer}</Text>
                  <Text style={styles.signedBy}>
                    {t("guide.by", {
                      actor: q.latest!.actorName,
                      organisation: q.latest!.organisationName,
                      date: date(q.latest!.createdAt),
                    })}
                  </Text>
                </View>
              ))}
          </View>
        ))}
        <View wrap={false}>
          <Text style={styles.signOff}>{t("guide.sheetSignOff")}</Text>
          <View style={styles.signRow}>
            {guide.parties.map((p) => (
              <View key={p.name} style={styles.signBox}>
                <Text style={{ fontFamily: "Helvetica-Bold" }}>{p.name}</Text>
                <Text style={{ color: "#4b5563" }}>{t("guide.sheetSignature")}</Text>
              </View>
            ))}
          </View>
        </View>
        <Text style={styles.footer} fixed>
          {t("guide.sheetGenerated", { date: date(new Date()) })}
        </Text>
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
