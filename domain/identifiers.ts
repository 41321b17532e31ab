/** French organisation identifiers: SIREN, SIRET and RNA. Pure functions, no I/O. */

const LA_POSTE_SIREN = "356000000";
const LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048";

/** Luhn checksum over a string of digits, doubling every second digit from the right. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Removes the spaces, dots and dashes people type inside identifiers ("552 100 554"). */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s.\-\u00a0]/g, "").toUpperCase();
}

export function isValidSiren(value: string): boolean {
  const v = compactIdentifier(value);
  return /^\d{9}$/.test(v) && luhnValid(v);
}

/** SIRET = SIREN + NIC. La Poste's establishments use a digit-sum-multiple-of-5 rule instead of Luhn. */
export function isValidSiret(value: string): boolean {
  const v = compactIdentifier(value);
  if (!/^\d{14}$/.test(v)) return false;
  if (v.startsWith(LA_POSTE_SIREN) && v !== LA_POSTE_HEAD_OFFICE_SIRET) {
    const sum = [...v].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0;
  }
  return luhnValid(v);
}

/** RNA number of a declared association: the letter W followed by nine digits. */
export function isValidRna(value: string): boolean {
  return /^W\d{9}$/.test(compactIdentifier(value));
}

/** Organisation kinds, as INSEE legal categories group them. */
export const ORGANISATION_KINDS = [
  "association",
  "fondation",
  "entreprise",
  "collectivite",
  "intercommunalite",
  "etablissement_public",
  "autre",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Maps an INSEE legal category (catégorie juridique, 4 digits) to an organisation kind:
 * 92xx associations, 9300 foundations, 1xxx/5xxx/6xxx businesses, 72xx local authorities,
 * 7343/7344/7346/7348 and 735x intercommunal bodies, other 73xx, 7410 and 41xx public establishments.
 */
const INTERCOMMUNAL_CATEGORIES = new Set(["7343", "7344", "7346", "7348"]);

export function kindFromLegalCategory(category: string): OrganisationKind {
  if (!/^\d{4}$/.test(category)) return "autre";
  if (category.startsWith("92")) return "association";
  if (category === "9300") return "fondation";
  if (category.startsWith("1") || category.startsWith("5") || category.startsWith("6")) return "entreprise";
  if (category.startsWith("72")) return "collectivite";
  if (INTERCOMMUNAL_CATEGORIES.has(category) || category.startsWith("735")) return "intercommunalite";
  if (category.startsWith("73") || category === "7410" || category.startsWith("41")) return "etablissement_public";
  return "autre";
}
