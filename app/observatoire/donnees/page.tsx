import type { Metadata } from "next";
import { getTranslations } from "@/server/i18n/server-translations";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { OBSERVATORY_TABLES, OPEN_DATA_LICENCE, type ObservatoryTable } from "@/domain/observatory";
import { env } from "@/env";
import { labelOf } from "@/messages/labels";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("observatory");
  return { title: t("dictionaryTitle"), alternates: { canonical: "/observatoire/donnees" } };
}

/** The open data's dictionary: every table, its scopes and columns, the CSV format and the public API. */
export default async function ObservatoryDictionaryPage() {
  const t = await getTranslations();
  const base = `${env().APP_URL}/api/observatoire`;
  const names = Object.keys(OBSERVATORY_TABLES) as ObservatoryTable[];
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("observatory.dictionaryTitle")}</h1>
      <p className="max-w-3xl">{t("observatory.dictionaryIntro", { licence: OPEN_DATA_LICENCE.name })}</p>
      <p>
        <a href={OPEN_DATA_LICENCE.url}>{OPEN_DATA_LICENCE.name}</a>
      </p>
      <Section id="api" title={t("observatory.apiTitle")}>
        <p className="max-w-3xl text-sm">{t("observatory.apiHelp", { base })}</p>
        <p className="max-w-3xl text-sm">{t("observatory.csvHelp")}</p>
      </Section>
      <Section id="columns" title={t("observatory.columnsTitle")}>
        <DataTable
          caption={t("observatory.columnsTitle")}
          rows={["key", "name", "alliances", "organisations", "cents", "hours", "score"]}
          rowKey={(c) => c}
          columns={[
            { key: "column", header: t("observatory.columnsTitle"), rowHeader: true, cell: (c) => <code>{c}</code> },
            { key: "help", header: "", cell: (c) => labelOf(t, "observatory.columnHelp", c) },
          ]}
        />
      </Section>
      <Section id="tables" title={t("observatory.table")}>
        <DataTable
          caption={t("observatory.table")}
          testId="observatory-dictionary"
          rows={names}
          rowKey={(n) => n}
          columns={[
            { key: "name", header: t("observatory.table"), rowHeader: true, cell: (n) => <code>{n}</code> },
            { key: "label", header: "", cell: (n) => labelOf(t, "observatory.tables", n) },
            {
              key: "scopes",
              header: t("observatory.scopes"),
              cell: (n) => OBSERVATORY_TABLES[n].scopes.map((s) => labelOf(t, "observatory.scopeNames", s)).join(", "),
            },
            {
              key: "columns",
              header: t("observatory.columnsTitle"),
              cell: (n) =>
                [
                  "key",
                  ...(n === "region" || n === "departement" ? ["name"] : []),
                  ...OBSERVATORY_TABLES[n].columns,
                ].join(", "),
            },
            {
              key: "files",
              header: t("observatory.openData"),
              cell: (n) => (
                <span className="whitespace-nowrap">
                  <a href={`/api/observatoire/${n}?format=csv&download=1`}>
                    CSV<span className="sr-only"> — {n}</span>
                  </a>{" "}
                  ·{" "}
                  <a href={`/api/observatoire/${n}`}>
                    JSON<span className="sr-only"> — {n}</span>
                  </a>
                </span>
              ),
            },
          ]}
        />
      </Section>
    </div>
  );
}
