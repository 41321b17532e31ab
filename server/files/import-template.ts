import ExcelJS from "exceljs";
import { ENTRY_DOORS, LIFECYCLE_STAGES, MODES } from "../../domain/alliances";
import { ALLIANCE_COLUMNS, labelled, LIST_SEPARATOR } from "../../domain/exchange";
import { TERRITORY_LEVELS } from "../../domain/territory";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import { type Cell, toCsv } from "./tabular";

/** Two example rows that show every way of writing a value the import reads. */
function examples(locale: Locale): Cell[][] {
  const t = translator(locale);
  const fr = locale === "fr";
  const rows: Array<Record<(typeof ALLIANCE_COLUMNS)[number]["key"], Cell>> = [
    {
      reference: "ALL-001",
      title: fr ? "Paniers solidaires du quartier" : "Neighbourhood food baskets",
      summary: fr
        ? "Collecte et distribution de paniers avec les commerçants"
        : "Collecting and handing out baskets with local shops",
      keyResults: null,
      stage: labelled(t("alliance.lifecycle.pilotage"), "pilotage"),
      startsOn: "01/03/2024",
      endsOn: null,
      mode: labelled(t("alliance.modes.mecenat"), "mecenat"),
      modes: null,
      partners: ["Boulangerie Martin [SIREN 412345670]", "Banque alimentaire du Rhône"].join(LIST_SEPARATOR),
      sdgTargets: ["2.1*", "12.3"].join(LIST_SEPARATOR),
      territoryScope: labelled(t("alliances.scopeLevels.commune"), "commune"),
      territory: ["Lyon [69123]", "Villeurbanne (69)"].join(LIST_SEPARATOR),
      entryDoors: labelled(t("alliance.entryDoors.contribution_odd"), "contribution_odd"),
      tags: ["alimentation", "quartier"].join(LIST_SEPARATOR),
    },
    {
      reference: "ALL-002",
      title: fr ? "Chantier d'insertion vélo" : "Bike work-integration project",
      summary: null,
      keyResults: null,
      stage: t("alliance.lifecycle.contractualisation"),
      startsOn: "15 janvier 2023",
      endsOn: "31/12/2025",
      mode: null,
      modes: ["mecenat 2023-01-15/2024-06-30", "cooperation_economique 2024-07-01/.."].join(LIST_SEPARATOR),
      partners: "Atelier Vélo Solidaire [RNA W691234567]",
      sdgTargets: "8.5",
      territoryScope: labelled(t("alliances.scopeLevels.departement"), "departement"),
      territory: "Drôme",
      entryDoors: null,
      tags: null,
    },
  ];
  return rows.map((r) => ALLIANCE_COLUMNS.map((c) => r[c.key]));
}

export function templateCsv(locale: Locale): string {
  return toCsv(
    ALLIANCE_COLUMNS.map((c) => c[locale]),
    examples(locale),
  );
}

/** The template workbook: the columns with two examples, and a sheet of the accepted values. */
export async function templateXlsx(locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const book = new ExcelJS.Workbook();
  book.creator = "Maillage";
  const sheet = book.addWorksheet("Alliances");
  sheet.columns = ALLIANCE_COLUMNS.map((c) => ({
    header: c[locale],
    key: c.key,
    width: c.key === "title" || c.key === "partners" ? 36 : 22,
  }));
  for (const row of examples(locale)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  const help = book.addWorksheet(locale === "fr" ? "Valeurs acceptées" : "Accepted values");
  help.columns = [
    { header: locale === "fr" ? "Colonne" : "Column", width: 26 },
    { header: locale === "fr" ? "Valeur" : "Value", width: 40 },
    { header: "Code", width: 28 },
  ];
  const column = (key: string) => ALLIANCE_COLUMNS.find((c) => c.key === key)![locale];
  for (const s of LIFECYCLE_STAGES) help.addRow([column("stage"), t(`alliance.lifecycle.${s}`), s]);
  for (const m of MODES) help.addRow([column("mode"), t(`alliance.modes.${m}`), m]);
  for (const l of TERRITORY_LEVELS) help.addRow([column("territoryScope"), t(`alliances.scopeLevels.${l}`), l]);
  for (const d of ENTRY_DOORS) help.addRow([column("entryDoors"), t(`alliance.entryDoors.${d}`), d]);
  for (const rule of ["dates", "lists", "partners", "places", "sdg", "reference"] as const)
    help.addRow(["", t(`import.template.rules.${rule}`), ""]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
