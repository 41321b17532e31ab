/**
 * Benchmark: importing 10,000 alliances from an XLSX file, through the tRPC procedures a browser
 * calls (upload, dry run, start) and the background job, into a workspace on the demo data.
 * Prints the time of each step, then re-imports the same file (everything unchanged) and an
 * edited one (1,000 rows changed). Target: the 10,000-row import under 30 s on this machine.
 *   DATABASE_URL=postgres://… npm run bench:import   (or without it: in-memory PGlite)
 *   options: --rows 10000
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { resultRows } from "../../db/rows";
import { seedDemo } from "../../db/seed";
import { runningImport } from "../../server/services/exchange/imports";
import { callerFor } from "../../tests/helpers/caller";

const rowsArg = process.argv.indexOf("--rows");
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000;
const url = process.env.DATABASE_URL;
const database = url ? await openDatabase({ url, poolMax: 4 }) : await openDatabase({ dataDir: "memory://" });
await migrateDatabase(database);
await seedDemo(database.db);
const db = database.db;
const [user] = resultRows<{ id: string; email: string }>(await db.execute(sql`select id, email from users where email = 'camille.martin@demo.maillage.test'`));
const camille = callerFor(db, { id: user!.id, email: user!.email, name: null });
const workspaceSlug = "jardins-du-lien";

const COMMUNES = ["Lyon [69123]", "Villeurbanne (69)", "Valence 26000", "Marseille [13055]", "Grenoble", "Nantes [44109]", "Lille (59)", "Rennes 35000"];
const MODES = ["Mécénat", "Coopération économique", "Innovation sociétale", "Pratiques responsables"];
const TARGETS = ["17.17", "2.1* ; 12.3", "4.1 ; 8.5*", "11.2", "3.d ; 10.2 ; 16.7*"];

/** A register as a large network would bring it: 10,000 alliances over about 2,500 partners. */
async function file(edited: boolean): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Alliances");
  sheet.addRow(["Référence", "Titre", "Résumé", "Partenaires", "Mode actuel", "Cibles ODD", "Territoire", "Début", "Étape", "Étiquettes"]);
  for (let i = 1; i <= ROWS; i++) {
    const partner = i % 5 === 0 ? `Entreprise Banc ${i % 2500} [SIREN ${siren(i % 2500)}]` : `Association Banc d'essai ${i % 2500}`;
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

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s`);
  return result;
}

async function importFile(name: string, content: string) {
  console.log(`${name}:`);
  const total = performance.now();
  const { id } = await timed("upload (read the XLSX)", () => camille.imports.upload({ workspaceSlug, fileName: "bench.xlsx", content }));
  const upload = await camille.imports.get({ workspaceSlug, id });
  const preview = await timed("dry run", () => camille.imports.preview({ workspaceSlug, id, mapping: upload.mapping }));
  if (!preview.ready) throw new Error(`not ready: ${JSON.stringify(preview.errors.slice(0, 3))} ${preview.counts.toConfirm} to confirm`);
  await timed("import (background job)", async () => {
    await camille.imports.start({ workspaceSlug, id });
    await runningImport(id);
  });
  const done = await camille.imports.get({ workspaceSlug, id });
  console.log(`  ${"total".padEnd(34)} ${((performance.now() - total) / 1000).toFixed(2).padStart(7)} s   → ${done.status} ${JSON.stringify(done.result)}`);
}

console.log(`database: ${url ? "PostgreSQL server" : "in-memory PGlite"}; ${ROWS} rows`);
const original = await file(false);
await importFile(`first import of ${ROWS} rows`, original);
await importFile("same file again", original);
await importFile("edited file (1 row in 10 changed)", await file(true));
await database.close();
