import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import { MODES } from "../../domain/alliances";
import { HIGHLIGHTED_TARGETS, OPEN_DATA_LICENCE, REFERENCE_STUDY, type ObservatoryRow } from "../../domain/observatory";
import { labelOf, messageOr } from "../../messages/labels";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import type { getObservatory } from "../services/observatory/get-observatory";

type Observatory = Awaited<ReturnType<typeof getObservatory>>;

const styles = StyleSheet.create({
  page: { padding: 40, fontSize: 9, fontFamily: "Helvetica", color: "#111827" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  h2: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#9ca3af", paddingVertical: 2 },
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#111827",
    paddingVertical: 2,
    fontFamily: "Helvetica-Bold",
  },
  label: { width: 230 },
  cell: { flex: 1, textAlign: "right" },
  small: { fontSize: 8, color: "#4b5563", marginTop: 8 },
});

/**
 * The observatory of one scope as a printable "état des lieux": key figures, then the tables
 * as on the page (modes beside the reference study, goals, partnership targets, kinds of partner,
 * régions, trajectories, evaluation, contributions), the method and the licence.
 */
export async function observatoryPdf(data: Observatory, heading: string, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const o = (key: string, values?: Record<string, string | number>) => messageOr(t, `observatory.${key}`, key, values);
  const number = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB");
  const euro = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  });
  const percent = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 1,
  });
  const count = (n: number | null | undefined) => (n === null || n === undefined ? o("hidden") : number.format(n));
  const rows = (table: keyof Observatory["tables"]) => data.tables[table] ?? [];
  const table = (title: string, head: string[], lines: Array<{ label: string; cells: string[] }>) =>
    lines.length ? (
      <View wrap={false}>
        <Text style={styles.h2}>{title}</Text>
        <View style={styles.head}>
          <Text style={styles.label}>{head[0]}</Text>
          {head.slice(1).map((h) => (
            <Text key={h} style={styles.cell}>
              {h}
            </Text>
          ))}
        </View>
        {lines.map((line) => (
          <View key={line.label} style={styles.row}>
            <Text style={styles.label}>{line.label}</Text>
            {line.cells.map((c, i) => (
              <Text key={i} style={styles.cell}>
                {c}
              </Text>
            ))}
          </View>
        ))}
      </View>
    ) : null;
  const simple = (title: string, list: ObservatoryRow[], label: (k: string) => string) =>
    table(
      title,
      [o("table"), o("alliances"), o("organisations")],
      list.map((r) => ({ label: label(r.key), cells: [count(r.alliances), count(r.organisations)] })),
    );
  const modeTotal = rows("mode").reduce((sum, r) => sum + (r.alliances ?? 0), 0);
  const total = data.total;
  const doc = (
    <Document title={heading} language={locale}>
      <Page size="A4" style={styles.page}>
        <Text style={styles.title}>{heading}</Text>
        <Text>{data.refreshedAt ? o("asOf", { date: data.refreshedAt.toISOString().slice(0, 10) }) : o("notYet")}</Text>
        <Text style={styles.small}>{o("whose")}</Text>
        {table(
          o("keyFigures"),
          ["", ""],
          [
            { label: o("alliances"), cells: [count(total?.alliances)] },
            { label: o("organisations"), cells: [count(total?.organisations)] },
            {
              label: o("valued"),
              cells: [
                total?.cents === null || total?.cents === undefined ? o("hidden") : euro.format(total.cents / 100),
              ],
            },
            {
              label: o("evaluatedShare"),
              cells: [data.evaluatedShare === null ? o("hidden") : percent.format(data.evaluatedShare)],
            },
          ],
        )}
        {table(
          o("byMode"),
          [o("table"), o("alliances"), o("share"), o("reference")],
          MODES.map((m) => {
            const r = rows("mode").find((x) => x.key === m);
            return {
              label: labelOf(t, "alliance.modes", m),
              cells: [
                count(r?.alliances ?? 0),
                r?.alliances && modeTotal ? percent.format(r.alliances / modeTotal) : "—",
                percent.format(REFERENCE_STUDY.modes[m]),
              ],
            };
          }),
        )}
        <Text style={styles.small}>{o("referenceNote")}</Text>
        {data.scope !== "goal" ? simple(o("byGoal"), rows("goal"), (k) => `${k}. ${labelOf(t, "sdg.goals", k)}`) : null}
        {simple(
          o("highlighted"),
          rows("target").filter((r) => (HIGHLIGHTED_TARGETS as readonly string[]).includes(r.key)),
          (k) => k,
        )}
        {table(
          o("byKind"),
          [o("kind"), o("kindAlliances"), o("kindOrganisations")],
          rows("kind").map((r) => ({
            label: labelOf(t, "alliance.organisationKinds", r.key),
            cells: [count(r.alliances), count(rows("orgkind").find((k) => k.key === r.key)?.organisations)],
          })),
        )}
        {data.scope !== "region" ? simple(o("byRegion"), rows("region"), (k) => data.names.region[k] ?? k) : null}
        {data.scope === "region"
          ? simple(o("byDepartement"), rows("departement"), (k) => `${k} ${data.names.departement[k] ?? ""}`)
          : null}
        {simple(o("byYear"), rows("year"), (k) => k)}
        {simple(o("trajectories"), rows("trajectory"), (k) =>
          k
            .split(">")
            .map((m) => labelOf(t, "alliance.modes", m))
            .join(" → "),
        )}
        {table(
          o("evaluation"),
          [o("dimension"), o("evaluatedAlliances"), o("score")],
          rows("score").map((r) => ({
            label: labelOf(t, "alliance.impacts", r.key),
            cells: [count(r.alliances), r.score === null ? o("hidden") : String(r.score)],
          })),
        )}
        {table(
          o("natures"),
          [o("nature"), o("alliances"), o("amount")],
          rows("nature").map((r) => ({
            label: labelOf(t, "alliance.contributionKinds", r.key),
            cells: [count(r.alliances), r.cents === null ? o("hidden") : euro.format(r.cents / 100)],
          })),
        )}
        <Text style={styles.h2}>{o("methodTitle")}</Text>
        <Text>{o("method")}</Text>
        <Text
          style={styles.small}
        >{`Maillage, observatoire des alliances. ${OPEN_DATA_LICENCE.name} (Etalab) : ${OPEN_DATA_LICENCE.url}`}</Text>
      </Page>
    </Document>
  );
  return renderToBuffer(doc);
}
