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
