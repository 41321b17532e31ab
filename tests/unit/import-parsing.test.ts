import { describe, expect, it } from "vitest";
import {
  decodeText,
  guessKind,
  matchOption,
  nameSimilarity,
  parseDecimal,
  parseFrenchDate,
  parsePartner,
  parseSdg,
  resolvePlace,
  splitList,
  suggestMapping,
} from "../../domain/import";
import { territory } from "../../domain/territory-data";
import { readCsv } from "../../server/services/exchange/read-table";

describe("reading spreadsheet cells", () => {
  it.each([
    ["31/12/2024", "2024-12-31"],
    ["1/3/2024", "2024-03-01"],
    ["31-12-24", "2024-12-31"],
    ["31.12.2024", "2024-12-31"],
    ["2024-12-31", "2024-12-31"],
    ["2024-12-31T00:00:00.000Z", "2024-12-31"],
    ["1er janvier 2024", "2024-01-01"],
    ["12 mars 2024", "2024-03-12"],
    ["15 févr. 2023", "2023-02-15"],
    ["7 août 2025", "2025-08-07"],
    ["March 2024", "2024-03-01"],
    ["45657", "2024-12-31"],
    ["29/02/2024", "2024-02-29"],
  ])("reads the date %s as %s", (text, iso) => {
    expect(parseFrenchDate(text)).toBe(iso);
  });

  it.each(["31/02/2024", "29/02/2023", "13/13/2024", "demain", "2024", "", "12/2024/01"])(
    "refuses %s as a date",
    (text) => {
      expect(parseFrenchDate(text)).toBeNull();
    },
  );

  it.each([
    ["1 234,56", 1234.56],
    ["1\u202f234,56", 1234.56],
    ["1\u00a0234", 1234],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["3,5", 3.5],
    ["-3,5", -3.5],
    ["12 000 €", 12000],
    ["1.234.567", 1234567],
    ["42", 42],
  ])("reads the number %s as %d", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(["", "douze", "1,2,3", "12 %"])("refuses %s as a number", (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it("splits lists and reads options by code, French or English label, without case or accents", () => {
    expect(splitList("Lyon [69123] ; Villeurbanne | Bron\nVénissieux")).toEqual([
      "Lyon [69123]",
      "Villeurbanne",
      "Bron",
      "Vénissieux",
    ]);
    const modes = [
      { key: "mecenat", labels: ["Mécénat", "Corporate philanthropy (mécénat)"] },
      { key: "cooperation_economique", labels: ["Coopération économique", "Economic cooperation"] },
    ];
    expect(matchOption("Mécénat [mecenat]", modes)).toBe("mecenat");
    expect(matchOption("MECENAT", modes)).toBe("mecenat");
    expect(matchOption("economic cooperation", modes)).toBe("cooperation_economique");
    expect(matchOption("cooperation economique", modes)).toBe("cooperation_economique");
    expect(matchOption("Sponsoring", modes)).toBeNull();
  });

  it("reads partners with their identifiers, and reports a wrong one", () => {
    expect(parsePartner("Danone [SIREN 552 032 534]")).toEqual({
      name: "Danone",
      identifier: { kind: "siren", value: "552032534" },
      invalidIdentifier: null,
    });
    expect(parsePartner("Les Restos (RNA W751075775)").identifier).toEqual({ kind: "rna", value: "W751075775" });
    expect(parsePartner("488 512 344 00018")).toMatchObject({ name: "", identifier: { kind: "siret" } });
    expect(parsePartner("Boulangerie [SIREN 123456789]")).toMatchObject({
      identifier: null,
      invalidIdentifier: "SIREN 123456789",
    });
    expect(parsePartner("Jardins de Cocagne")).toEqual({
      name: "Jardins de Cocagne",
      identifier: null,
      invalidIdentifier: null,
    });
  });

  it("reads SDG targets by code, flags the primary one, and recognises a bare goal", () => {
    expect(parseSdg("17.17")).toEqual({ target: "17.17", primary: false });
    expect(parseSdg("2.1*")).toEqual({ target: "2.1", primary: true });
    expect(parseSdg("ODD 4.a")).toEqual({ target: "4.a", primary: false });
    expect(parseSdg("12,3")).toEqual({ target: "12.3", primary: false });
    expect(parseSdg("ODD 4")).toEqual({ goal: 4 });
    expect(parseSdg("18.1")).toBeNull();
  });

  it("finds communes by INSEE code, by name with postal code or département, and refuses ambiguous names", () => {
    const index = territory();
    expect(resolvePlace(index, "Lyon [69123]", null)).toEqual({ level: "commune", code: "69123" });
    expect(resolvePlace(index, "69123", "commune")).toEqual({ level: "commune", code: "69123" });
    expect(resolvePlace(index, "Villeurbanne 69100", null)).toEqual({ level: "commune", code: "69266" });
    expect(resolvePlace(index, "69100 Villeurbanne", null)).toEqual({ level: "commune", code: "69266" });
    expect(resolvePlace(index, "Saint-Denis (93)", null)).toEqual({ level: "commune", code: "93066" });
    expect(resolvePlace(index, "Saint-Denis", "commune")).toEqual({ error: "ambiguous" });
    expect(resolvePlace(index, "Drôme", null)).toEqual({ level: "departement", code: "26" });
    expect(resolvePlace(index, "Auvergne-Rhône-Alpes", null)).toEqual({ level: "region", code: "84" });
    expect(resolvePlace(index, "84", null)).toEqual({ error: "ambiguous" });
    expect(resolvePlace(index, "84", "departement")).toEqual({ level: "departement", code: "84" });
    expect(resolvePlace(index, "Atlantide", null)).toEqual({ error: "unknown" });
  });

  it("suggests fields from French and English headers and common synonyms, remembering earlier choices", () => {
    expect(suggestMapping(["Référence", "Titre", "Partenaires", "Cibles ODD", "Colonne perso"])).toEqual([
      "reference",
      "title",
      "partners",
      "sdgTargets",
      null,
    ]);
    expect(suggestMapping(["Title", "Partners", "Current mode", "Start"])).toEqual([
      "title",
      "partners",
      "mode",
      "startsOn",
    ]);
    expect(suggestMapping(["Nom du partenariat", "Ville", "ODD", "Date de début"])).toEqual([
      "title",
      "territory",
      "sdgTargets",
      "startsOn",
    ]);
    expect(suggestMapping(["Projet", "Colonne perso"], { "colonne perso": "summary" })).toEqual(["title", "summary"]);
    // A field is proposed once.
    expect(suggestMapping(["Titre", "Title"])).toEqual(["title", null]);
  });

  it("guesses the kind of a new partner from its identifier and name, for the user to correct", () => {
    expect(guessKind("Les Amis du Parc", { kind: "rna", value: "W751075775" })).toBe("association");
    expect(guessKind("Fondation Horizon", null)).toBe("fondation");
    expect(guessKind("Métropole de Lyon", null)).toBe("intercommunalite");
    expect(guessKind("Ville de Valence", null)).toBe("collectivite");
    expect(guessKind("Boulangerie Martin", { kind: "siren", value: "412345670" })).toBe("entreprise");
    expect(guessKind("Les Potagers", null)).toBe("association");
  });

  it("sees near organisation names as near, and different ones as different", () => {
    expect(nameSimilarity("Association Les Restos du Cœur", "restos du coeur")).toBe(1);
    expect(nameSimilarity("Secours Populaire Lyonnais", "Secours Populaire Lyonais")).toBeGreaterThan(0.9);
    expect(nameSimilarity("Banque Alimentaire du Rhône", "Banque de France")).toBeLessThan(0.8);
  });
});

describe("reading CSV files as spreadsheets save them", () => {
  const rows = [
    ["Titre", "Résumé"],
    ["Épicerie", "Œuvre « solidaire »; quartier"],
  ];

  it("reads UTF-8 with a BOM, separated by semicolons, with quoted cells", () => {
    const text = `\uFEFFTitre;Résumé\r\nÉpicerie;"Œuvre « solidaire »; quartier"\r\n`;
    expect(readCsv(new TextEncoder().encode(text))).toEqual({ headers: rows[0], rows: [rows[1]] });
  });

  it("reads Windows-1252, separated by commas, with a line break inside a cell", () => {
    const text = 'Titre,Résumé\r\nÉpicerie,"Ligne un\r\nligne deux"\r\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    expect(decodeText(bytes)).toBe(text);
    expect(readCsv(bytes)).toEqual({ headers: ["Titre", "Résumé"], rows: [["Épicerie", "Ligne un\r\nligne deux"]] });
  });

  it("reads tabs, skips blank lines and pads short rows", () => {
    expect(readCsv(new TextEncoder().encode("Titre\tRésumé\n\nA\n\t\nB\tb\n"))).toEqual({
      headers: ["Titre", "Résumé"],
      rows: [
        ["A", ""],
        ["B", "b"],
      ],
    });
  });
});
