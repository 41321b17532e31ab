/**
 * Reading what people type in spreadsheets: French dates and numbers, lists in one cell,
 * "Label [code]" values, partner identifiers, SDG codes, and which field a column header means.
 * Pure functions: the import service and its unit tests share them.
 */
import { ALLIANCE_COLUMNS, type AllianceColumn } from "./exchange";
import { compactIdentifier, isValidRna, isValidSiren, isValidSiret, type OrganisationKind } from "./identifiers";
import { isSdgTarget } from "./sdg";
import { type Commune, normalizeForSearch, type TerritoryIndex, type TerritoryLevel } from "./territory";

/** Text of an uploaded CSV: UTF-8 when it decodes as such (BOM dropped), Windows-1252 otherwise. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // French Excel saves "CSV (séparateur: point-virgule)" in Windows-1252.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  january: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  september: 9,
  sep: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};

function isoIfReal(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 31/02 and the like
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Two-digit years: 00–69 are 2000s, 70–99 the 1900s (as spreadsheets read them). */
const fullYear = (y: number) => (y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y);

/**
 * A date as French spreadsheets write it, to ISO "YYYY-MM-DD": 31/12/2024, 31-12-24,
 * 31.12.2024, 2024-12-31, "1er janvier 2024", "12 mars 2024", "mars 2024" (the 1st), an
 * Excel serial number (45657), or an ISO timestamp. Null when it is not a real date.
 */
export function parseFrenchDate(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) return isoIfReal(fullYear(Number(m[3])), Number(m[2]), Number(m[1]));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  const words = normalizeForSearch(text).replace(/\./g, "").replace(/,/g, " ").split(/\s+/);
  m = /^(\d{1,2})(?:er)?$/.exec(words[0] ?? "");
  if (m && words.length === 3 && MONTHS[words[1]!] && /^\d{4}$/.test(words[2]!)) {
    return isoIfReal(Number(words[2]), MONTHS[words[1]!]!, Number(m[1]));
  }
  if (words.length === 2 && MONTHS[words[0]!] && /^\d{4}$/.test(words[1]!))
    return isoIfReal(Number(words[1]), MONTHS[words[0]!]!, 1);
  // An Excel serial day number (1900 date system), as a CSV may carry it.
  if (/^\d{5}$/.test(text)) {
    const days = Number(text);
    const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
    return isoIfReal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  return null;
}

export { parseDecimal } from "./numbers";

/** The values of a cell holding several: separated by ";" (what the export writes), "|" or new lines. */
export function splitList(value: string): string[] {
  return value
    .split(/[;|\n\r]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** "Mécénat [mecenat]" → { label: "Mécénat", codes: ["mecenat"] }; plain text has no codes. */
export function splitLabelled(value: string): { label: string; codes: string[] } {
  const codes = [...value.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim()).filter(Boolean);
  return {
    label: value
      .replace(/\[[^\]]*\]/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    codes,
  };
}

/**
 * Finds which key a cell names among `options` (key → readable labels): by the code in brackets,
 * the key itself, or any label, compared without case or accents. Null when nothing matches.
 */
export function matchOption<K extends string>(
  value: string,
  options: ReadonlyArray<{ key: K; labels: readonly string[] }>,
): K | null {
  const { label, codes } = splitLabelled(value);
  for (const code of codes) {
    const hit = options.find((o) => o.key === code.toLowerCase());
    if (hit) return hit.key;
  }
  const wanted = normalizeForSearch(label || value).replace(/_/g, " ");
  if (!wanted) return null;
  const hit = options.find(
    (o) =>
      normalizeForSearch(o.key).replace(/_/g, " ") === wanted || o.labels.some((l) => normalizeForSearch(l) === wanted),
  );
  return hit?.key ?? null;
}

export type PartnerIdentifier = { kind: "siren" | "siret" | "rna"; value: string };

/**
 * A partner as a cell names it: "Banque Alimentaire [SIREN 123456789]", "[RNA W691234567]",
 * "Restos du cœur (SIRET 12345678900012)", a bare identifier, or a name. Identifiers are
 * checked (Luhn for SIREN/SIRET, W + 9 digits for RNA); an invalid one is reported, not dropped.
 */
export function parsePartner(value: string): {
  name: string;
  identifier: PartnerIdentifier | null;
  invalidIdentifier: string | null;
} {
  const text = value.trim();
  const tagged = /[[(]\s*(SIREN|SIRET|RNA)\s*:?\s*([^\])]+)[\])]/i.exec(text);
  let raw: { kind: string; value: string } | null = tagged
    ? { kind: tagged[1]!.toLowerCase(), value: tagged[2]! }
    : null;
  let name = tagged ? text.replace(tagged[0], " ").replace(/\s+/g, " ").trim() : text;
  if (!raw) {
    const bare = compactIdentifier(text);
    if (/^\d{14}$/.test(bare)) raw = { kind: "siret", value: bare };
    else if (/^\d{9}$/.test(bare)) raw = { kind: "siren", value: bare };
    else if (/^W\d{9}$/i.test(bare)) raw = { kind: "rna", value: bare.toUpperCase() };
    if (raw) name = "";
  }
  if (!raw) return { name, identifier: null, invalidIdentifier: null };
  const compact = compactIdentifier(raw.value).toUpperCase();
  const valid =
    raw.kind === "siren" ? isValidSiren(compact) : raw.kind === "siret" ? isValidSiret(compact) : isValidRna(compact);
  return valid
    ? { name, identifier: { kind: raw.kind as PartnerIdentifier["kind"], value: compact }, invalidIdentifier: null }
    : { name, identifier: null, invalidIdentifier: `${raw.kind.toUpperCase()} ${raw.value.trim()}` };
}

/**
 * One SDG entry of a cell: a target code "17.17" (with "*" for the primary one, as the export
 * writes it), possibly prefixed "ODD", "SDG" or "cible". A bare goal number ("ODD 4") is
 * recognised as a goal, which the register cannot hold without a target.
 */
export function parseSdg(value: string): { target: string; primary: boolean } | { goal: number } | null {
  const text = value.trim().replace(/^(odd|sdg|cible|target|objectif|goal)\s*:?\s*/i, "");
  const primary = /\*\s*$/.test(text);
  const code = text
    .replace(/\*\s*$/, "")
    .trim()
    .toLowerCase()
    .replace(/,/g, ".");
  if (isSdgTarget(code)) return { target: code, primary };
  if (/^\d{1,2}$/.test(code) && Number(code) >= 1 && Number(code) <= 17) return { goal: Number(code) };
  return null;
}

/** Header → field: the file's words, lower case, no accents or punctuation. */
export function normalizeHeader(header: string): string {
  return normalizeForSearch(header)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Other names a column is often given in spreadsheets, besides the export's own headers. */
const HEADER_SYNONYMS: Record<AllianceColumn, string[]> = {
  reference: ["ref", "id", "identifiant", "reference externe", "external reference", "code"],
  title: [
    "nom",
    "intitule",
    "nom de l alliance",
    "nom du partenariat",
    "partenariat",
    "name",
    "alliance",
    "project",
    "projet",
  ],
  summary: ["description", "objet", "resume du partenariat"],
  keyResults: ["resultats", "results", "impact"],
  stage: ["statut", "etat", "status", "phase", "etape du partenariat"],
  startsOn: ["date de debut", "debut du partenariat", "start date", "date debut"],
  endsOn: ["date de fin", "fin du partenariat", "end date", "date fin"],
  mode: ["mode", "mode relationnel", "type de partenariat", "type", "relationship mode"],
  modes: ["historique des modes", "mode history"],
  partners: ["partenaire", "partenaires", "partner", "organisation partenaire", "structure partenaire", "structures"],
  sdgTargets: ["odd", "sdg", "cibles", "targets", "objectifs de developpement durable", "sdgs"],
  territoryScope: ["echelle", "scope", "niveau territorial"],
  territory: [
    "commune",
    "communes",
    "ville",
    "city",
    "lieu",
    "localisation",
    "departement",
    "region",
    "place",
    "places",
  ],
  entryDoors: ["porte d entree", "motivations", "entry door"],
  tags: ["etiquette", "mots cles", "keywords", "tag", "categories"],
};

/**
 * Suggested field per column: what this workspace chose last time for the same header, else the
 * export's French or English header, else a common synonym. Each field is proposed once.
 */
export function suggestMapping(
  headers: readonly string[],
  remembered: Record<string, string> = {},
): Array<AllianceColumn | null> {
  const taken = new Set<string>();
  const fields = new Set<string>(ALLIANCE_COLUMNS.map((c) => c.key));
  const pick = (field: string | undefined) => {
    if (!field || !fields.has(field) || taken.has(field)) return null;
    taken.add(field);
    return field as AllianceColumn;
  };
  const normalized = headers.map(normalizeHeader);
  const result: Array<AllianceColumn | null> = normalized.map((h) => pick(remembered[h]));
  normalized.forEach((h, i) => {
    if (result[i] || !h) return;
    result[i] = pick(ALLIANCE_COLUMNS.find((c) => normalizeHeader(c.fr) === h || normalizeHeader(c.en) === h)?.key);
  });
  normalized.forEach((h, i) => {
    if (result[i] || !h) return;
    result[i] = pick(ALLIANCE_COLUMNS.find((c) => HEADER_SYNONYMS[c.key].includes(h))?.key);
  });
  return result;
}

/** Words that say nothing about which organisation a name is. */
export const NAME_NOISE = new Set([
  "association",
  "asso",
  "de",
  "des",
  "du",
  "la",
  "le",
  "les",
  "l",
  "d",
  "et",
  "sa",
  "sas",
  "sarl",
  "sasu",
  "the",
  "of",
]);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The name reduced to its telling words, for near-match comparison. */
export function nameCore(name: string): string {
  return normalizeForSearch(name)
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w && !NAME_NOISE.has(w))
    .join(" ");
}

/**
 * How alike two organisation names are, from 0 to 1: 1 when their telling words are the same
 * ("Association Les Restos du Cœur" and "Restos du coeur"), else one minus the edit distance
 * over the longer length.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = nameCore(a);
  const y = nameCore(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/** Names at least this alike are proposed as the same organisation (to be confirmed). */
export const NEAR_MATCH = 0.8;

export type PlaceLevel = Exclude<TerritoryLevel, "national">;
export type PlaceMatch = { level: PlaceLevel; code: string } | { error: "unknown" | "ambiguous" | "level" };

const communesByName = new WeakMap<TerritoryIndex, Map<string, Commune[]>>();

function communeNames(index: TerritoryIndex): Map<string, Commune[]> {
  let names = communesByName.get(index);
  if (!names) {
    names = new Map();
    for (const s of index.searchable) names.set(s.name, [...(names.get(s.name) ?? []), s.commune]);
    communesByName.set(index, names);
  }
  return names;
}

function codeAt(index: TerritoryIndex, level: PlaceLevel, code: string): boolean {
  const map = { region: index.regions, departement: index.departements, epci: index.epci, commune: index.communes }[
    level
  ];
  return map.has(code);
}

/**
 * One place of a territory cell, at the alliance's scope when the file gives it: "Lyon [69123]"
 * or "69123" (INSEE code), "Lyon (69)" or "Lyon 69003" (name with département or postal code),
 * a name alone when only one place bears it, or a département, région or EPCI by code or name.
 */
export function resolvePlace(index: TerritoryIndex, value: string, scope: PlaceLevel | null): PlaceMatch {
  const levels: PlaceLevel[] = scope ? [scope] : ["commune", "epci", "departement", "region"];
  const { label, codes } = splitLabelled(value);
  const bare = codes.length
    ? codes[0]!
    : /^\s*(\d[\dAB]\d{0,7}|2[AB]\d{0,3})\s*$/i.test(value)
      ? value.trim().toUpperCase()
      : null;
  if (bare) {
    const hits = levels.filter((level) => codeAt(index, level, bare));
    if (hits.length === 1) return { level: hits[0]!, code: bare };
    if (hits.length > 1) {
      // "84" is the Vaucluse and Auvergne-Rhône-Alpes: a name next to the code settles it.
      const named = hits.filter(
        (level) => label && normalizeForSearch(placeName(index, level, bare)) === normalizeForSearch(label),
      );
      return named.length === 1 ? { level: named[0]!, code: bare } : { error: "ambiguous" };
    }
    if (!label) return { error: scope ? "level" : "unknown" };
  }
  // A qualifier: "Lyon (69)", "Lyon, 69003", "Lyon - 69", or "69003 Lyon".
  const text = (label || value).trim();
  let name = text;
  let qualifier: string | null = null;
  const before = /^(\d{5})\s+(.+)$/.exec(text);
  const after = /^(.+?)[\s,(–-]+(\d{5}|\d{2,3}|2[AB])\)?$/i.exec(text);
  if (before) [, qualifier, name] = before as unknown as [string, string, string];
  else if (after) {
    name = after[1]!;
    qualifier = after[2]!.toUpperCase();
  }
  const wanted = normalizeForSearch(name);
  if (!wanted) return { error: "unknown" };
  const ordered: PlaceLevel[] = scope
    ? [scope]
    : qualifier
      ? ["commune"]
      : ["region", "departement", "commune", "epci"];
  for (const level of ordered) {
    if (level === "commune") {
      let found = communeNames(index).get(wanted) ?? [];
      if (qualifier)
        found = found.filter(
          (c) => c.departement === qualifier || c.postalCodes.includes(qualifier!) || c.code === qualifier,
        );
      if (found.length === 1) return { level, code: found[0]!.code };
      if (found.length > 1) return { error: "ambiguous" };
      continue;
    }
    const map = { region: index.regions, departement: index.departements, epci: index.epci }[level];
    const found = [...map.values()].filter((p) => normalizeForSearch(p.name) === wanted);
    if (found.length === 1) return { level, code: found[0]!.code };
    if (found.length > 1) return { error: "ambiguous" };
  }
  return { error: "unknown" };
}

/** The readable name of a place. */
export function placeName(index: TerritoryIndex, level: PlaceLevel, code: string): string {
  const map = { region: index.regions, departement: index.departements, epci: index.epci, commune: index.communes }[
    level
  ];
  return map.get(code)?.name ?? code;
}

/** A first guess at what kind of organisation a new partner is, shown for the user to correct. */
export function guessKind(name: string, identifier: PartnerIdentifier | null): OrganisationKind {
  const n = normalizeForSearch(name);
  if (identifier?.kind === "rna" || /\b(association|asso|club|federation|amicale|comite)\b/.test(n))
    return "association";
  if (/\bfondation\b|\bfonds de dotation\b/.test(n)) return "fondation";
  if (/\b(communaute|metropole|agglomeration|syndicat intercommunal)\b/.test(n)) return "intercommunalite";
  if (/^(commune|ville|mairie|departement|region|conseil departemental|conseil regional|collectivite)\b/.test(n))
    return "collectivite";
  if (/\b(universite|lycee|college|hopital|chu|ecole|caisse|agence)\b/.test(n)) return "etablissement_public";
  if (identifier) return "entreprise";
  return "association";
}
