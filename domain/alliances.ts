/**
 * The vocabulary of strategic alliances (Le RAMEAU's typology and the MEDEF–Le RAMEAU guide).
 * Keys are stable ASCII; labels live in messages under the same names.
 */

/** The four modes of relationship ("modes relationnels"). Recorded per period on an alliance. */
export const MODES = ["pratiques_responsables", "mecenat", "cooperation_economique", "innovation_societale"] as const;
export type Mode = (typeof MODES)[number];

/** The forms a mécénat can take; only meaningful when the mode is `mecenat`. */
export const MECENAT_FORMS = ["financier", "nature", "logistique", "competences"] as const;
export type MecenatForm = (typeof MECENAT_FORMS)[number];

/** Why an organisation engages ("portes d'entrée"); an alliance can have several. */
export const ENTRY_DOORS = [
  "co_construction_territoriale",
  "innovation_societale",
  "engagement_salaries",
  "contribution_odd",
] as const;
export type EntryDoor = (typeof ENTRY_DOORS)[number];

/** The three qualified impacts, with the horizon over which each typically shows (in months). */
export const IMPACT_DIMENSIONS = [
  { key: "performance", horizonMonths: 18 },
  { key: "innovation", horizonMonths: 7 * 12 },
  { key: "confiance", horizonMonths: 28 * 12 },
] as const;
export type ImpactDimension = (typeof IMPACT_DIMENSIONS)[number]["key"];

/** Lifecycle of an alliance, in order, then its end states. */
export const LIFECYCLE_STAGES = [
  "preparation_partenaires",
  "preparation_partenariat",
  "contractualisation",
  "pilotage",
  "evaluation",
  "termine",
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * The alliance page's sections, in order (the first shows when the address names none). The page
 * renders one at a time and reads only what that one shows.
 */
export const ALLIANCE_SECTIONS = [
  "apercu",
  "cadrage",
  "contributions",
  "evaluation",
  "journal",
  "partage",
  "prive",
  "historique",
] as const;
export type AllianceSection = (typeof ALLIANCE_SECTIONS)[number];

/** Default employee-engagement schemes; a workspace can add its own (the list is configurable). */
export const DEFAULT_ENGAGEMENT_SCHEMES = [
  "mecenat_competences",
  "benevolat_competences",
  "conge_solidaire",
  "arrondi_salaire",
  "don_jours_repos",
  "abondement",
  "journee_solidaire",
  "soutien_projets_salaries",
] as const;

/** Default roles of a party in an alliance; a workspace can add its own. */
export const DEFAULT_PARTNER_ROLES = ["porteur", "partenaire", "financeur", "operateur", "evaluateur"] as const;

/** What a contribution to the ledger ("valorisation des participations") consists of. */
export const CONTRIBUTION_KINDS = [
  { key: "argent", unit: "eur", valuedByHourlyRate: false },
  { key: "biens_nature", unit: "unite", valuedByHourlyRate: false },
  { key: "locaux_logistique", unit: "unite", valuedByHourlyRate: false },
  { key: "heures_competences", unit: "heure", valuedByHourlyRate: true },
  { key: "heures_benevolat", unit: "heure", valuedByHourlyRate: true },
  { key: "autre", unit: "unite", valuedByHourlyRate: false },
] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number]["key"];

/** A workspace-defined key added to an extendable list: lower-case ASCII words joined by underscores. */
export const CUSTOM_KEY_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * The value in euro cents of a contribution: entered directly, or for hours, the quantity
 * times the workspace's hourly rate. Integer cents so totals never drift.
 */
export function contributionValueCents(input: {
  kind: ContributionKind;
  quantity: number;
  enteredValueCents?: number | null;
  hourlyRateCents?: number | null;
}): number | null {
  if (input.enteredValueCents !== undefined && input.enteredValueCents !== null) return input.enteredValueCents;
  const kind = CONTRIBUTION_KINDS.find((k) => k.key === input.kind);
  if (kind?.valuedByHourlyRate && input.hourlyRateCents) return Math.round(input.quantity * input.hourlyRateCents);
  if (input.kind === "argent") return Math.round(input.quantity * 100);
  return null;
}

/** A mode held over a period; the current mode is the one that started last. */
export interface ModePeriod {
  mode: Mode;
  from: string;
  to?: string | null;
}

export function currentMode(periods: readonly ModePeriod[]): Mode | null {
  if (periods.length === 0) return null;
  return [...periods].sort((a, b) => b.from.localeCompare(a.from))[0]!.mode;
}

/**
 * Entries a workspace adds to an extendable list, from the labels people typed: each gets a
 * stable ASCII key ("Tutorat de jeunes" → "tutorat_de_jeunes"); duplicates and labels whose
 * key is already a default are dropped.
 */
export function customListEntries(
  labels: readonly string[],
  defaults: readonly string[],
): Array<{ key: string; label: string }> {
  const seen = new Set(defaults);
  const entries: Array<{ key: string; label: string }> = [];
  for (const raw of labels) {
    const label = raw.trim();
    const key = label
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .replace(/^(\d)/, "n$1")
      .slice(0, 60)
      .replace(/_+$/, "");
    if (!key || seen.has(key) || !CUSTOM_KEY_PATTERN.test(key)) continue;
    seen.add(key);
    entries.push({ key, label });
  }
  return entries;
}

/**
 * Where a party of an alliance stands, in one word the page shows and acts on:
 * - coOwner: its workspace co-manages the alliance;
 * - invited / invitedByEmail: an invitation is pending (to its workspace, or to an address);
 * - declined / withdrawn / left: the last invitation or the co-ownership ended that way;
 * - onMaillage: only named here, but its organisation has a workspace it can be invited from;
 * - notOnMaillage: only named here, and its organisation has no workspace yet (an email invites it).
 */
export type PartyStanding =
  "coOwner" | "invited" | "invitedByEmail" | "declined" | "withdrawn" | "left" | "onMaillage" | "notOnMaillage";

export function partyStanding(party: {
  status: "invited" | "accepted" | "declined" | "left" | "withdrawn";
  hasWorkspace: boolean;
  organisationHasWorkspace: boolean;
  invitedEmail?: string | null;
}): PartyStanding {
  if (party.status === "invited") return party.hasWorkspace || !party.invitedEmail ? "invited" : "invitedByEmail";
  if (party.status === "declined" || party.status === "withdrawn" || party.status === "left") return party.status;
  if (party.hasWorkspace) return "coOwner";
  return party.organisationHasWorkspace ? "onMaillage" : "notOnMaillage";
}

/** What can be done about a party's standing: invite its workspace, invite by email, withdraw, or nothing. */
export function partyShareAction(
  standing: PartyStanding,
  organisationHasWorkspace: boolean,
): "inviteWorkspace" | "inviteByEmail" | "withdraw" | null {
  if (standing === "invited" || standing === "invitedByEmail") return "withdraw";
  if (standing === "coOwner") return null;
  return organisationHasWorkspace ? "inviteWorkspace" : "inviteByEmail";
}
