/**
 * The columns of an alliance file, in the order Maillage writes them. The export writes these
 * headers (in the user's language) and the import reads them back (in either language), so a
 * file exported can be imported as it is. Values name things by their readable label and their
 * code in brackets, "Mécénat [mecenat]", so a person can read them and a machine can match them.
 */
export const ALLIANCE_COLUMNS = [
  { key: "reference", fr: "Référence", en: "Reference" },
  { key: "title", fr: "Titre", en: "Title" },
  { key: "summary", fr: "Résumé", en: "Summary" },
  { key: "keyResults", fr: "Résultats clés", en: "Key results" },
  { key: "stage", fr: "Étape", en: "Stage" },
  { key: "startsOn", fr: "Début", en: "Start" },
  { key: "endsOn", fr: "Fin", en: "End" },
  { key: "mode", fr: "Mode actuel", en: "Current mode" },
  { key: "modes", fr: "Trajectoire des modes", en: "Mode trajectory" },
  { key: "partners", fr: "Partenaires", en: "Partners" },
  { key: "sdgTargets", fr: "Cibles ODD", en: "SDG targets" },
  { key: "territoryScope", fr: "Échelle du territoire", en: "Territory scope" },
  { key: "territory", fr: "Territoire", en: "Territory" },
  { key: "entryDoors", fr: "Portes d'entrée", en: "Entry doors" },
  { key: "tags", fr: "Étiquettes", en: "Tags" },
] as const;
export type AllianceColumn = (typeof ALLIANCE_COLUMNS)[number]["key"];

/** Several values in one cell are separated by this. */
export const LIST_SEPARATOR = " ; ";

/** "Label [code]": readable, and matchable on the code. */
export function labelled(label: string, code: string): string {
  return label === code ? `[${code}]` : `${label} [${code}]`;
}

/** The columns of the organisation directory file (the workspace's partners). */
export const ORGANISATION_COLUMNS = [
  { key: "reference", fr: "Référence", en: "Reference" },
  { key: "name", fr: "Nom", en: "Name" },
  { key: "kind", fr: "Type", en: "Kind" },
  { key: "siren", fr: "SIREN", en: "SIREN" },
  { key: "siret", fr: "SIRET", en: "SIRET" },
  { key: "rna", fr: "RNA", en: "RNA" },
  { key: "commune", fr: "Commune", en: "Commune" },
  { key: "website", fr: "Site web", en: "Website" },
  { key: "tags", fr: "Étiquettes", en: "Tags" },
  { key: "alliances", fr: "Alliances", en: "Alliances" },
] as const;

/** The columns of the contribution ledger file. */
export const LEDGER_COLUMNS = [
  { key: "alliance", fr: "Référence de l'alliance", en: "Alliance reference" },
  { key: "title", fr: "Alliance", en: "Alliance" },
  { key: "party", fr: "Partie", en: "Party" },
  { key: "kind", fr: "Type de contribution", en: "Contribution kind" },
  { key: "quantity", fr: "Quantité", en: "Quantity" },
  { key: "unit", fr: "Unité", en: "Unit" },
  { key: "valueEuros", fr: "Valeur (€)", en: "Value (€)" },
  { key: "occurredOn", fr: "Date", en: "Date" },
  { key: "note", fr: "Note", en: "Note" },
] as const;

/** The most rows one upload may hold, and its size: bigger registers are split into several files. */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 15 * 1024 * 1024;
