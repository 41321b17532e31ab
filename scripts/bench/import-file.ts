/**
 * The spreadsheet both import benchmarks read: a register as a large network would bring it,
 * `rows` alliances over about 2,500 partners, as a base64 XLSX (what the upload takes).
 * `edited` changes the summary of one row in ten.
 */
import ExcelJS from "exceljs";

const COMMUNES = [
  "Lyon [69123]",
  "Villeurbanne (69)",
  "Valence 26000",
  "Marseille [13055]",
  "Grenoble",
  "Nantes [44109]",
  "Lille (59)",
  "Rennes 35000",
];
const MODES = ["Mécénat", "Coopération économique", "Innovation sociétale", "Pratiques responsables"];
const TARGETS = ["17.17", "2.1* ; 12.3", "4.1 ; 8.5*", "11.2", "3.d ; 10.2 ; 16.7*"];

export async function benchImportFile(rows: number, edited = false): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Alliances");
  sheet.addRow([
    "Référence",
    "Titre",
    "Résumé",
    "Partenaires",
    "Mode actuel",
    "Cibles ODD",
    "Territoire",
    "Début",
    "Étape",
    "Étiquettes",
  ]);
  for (let i = 1; i <= rows; i++) {
    const partner =
      i % 5 === 0 ? `Entreprise Banc ${i % 2500} [SIREN ${siren(i % 2500)}]` : `Association Banc d'essai ${i % 2500}`;
    sheet.addRow([
      `BENCH-${i}`,
      `Alliance de banc d'essai n°${i}`,
      edited && i % 10 === 0 ? `Résumé revu ${i}` : `Une alliance de démonstration numéro ${i}`,
      partner,
      MODES[i % 4],
      TARGETS[i % 5],
      COMMUNES[i % 8],
      `${String((i % 28) + 1).padStart(2, "0")}/${String((i % 12) + 1).padStart(2, "0")}/${2015 + (i % 10)}`,
      "Pilotage",
      i % 3 ? "banc ; essai" : "",
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
}

/** A SIREN with a valid check digit (Luhn), from a number. */
function siren(n: number): string {
  const body = String(90_000_000 + n).padStart(8, "0");
  for (let check = 0; check < 10; check++) {
    const digits = `${body}${check}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let d = Number(digits[8 - i]);
      if (i % 2 === 1) d *= 2;
      sum += d > 9 ? d - 9 : d;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("no check digit");
}
