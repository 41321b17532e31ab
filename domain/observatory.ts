/**
 * The public observatory's vocabulary: its scopes, its tables and their columns (the data
 * dictionary of the open data), the bands of time before a change of mode, and the reference
 * study's published figures the live ones are read against. Labels live in messages
 * (`observatory.*`).
 */
import { MODES } from "./alliances";

/** France, a région (its INSEE code), an SDG goal (its number). */
export const OBSERVATORY_SCOPES = ["france", "region", "goal"] as const;
export type ObservatoryScope = (typeof OBSERVATORY_SCOPES)[number];

/** Time spent in a mode before moving to the next, in years. */
export const OBSERVATORY_DELAY_BANDS = ["0-1", "1-2", "2-3", "3+"] as const;
export type DelayBand = (typeof OBSERVATORY_DELAY_BANDS)[number];

/** The band of the time between two ISO dates (the start of a mode and the start of the next). */
export function delayBand(from: string, to: string): DelayBand {
  const years = (Date.parse(to) - Date.parse(from)) / (365.25 * 24 * 3600 * 1000);
  return years < 1 ? "0-1" : years < 2 ? "1-2" : years < 3 ? "2-3" : "3+";
}

/** The columns a table may publish, in the order of the files. */
export const OBSERVATORY_COLUMNS = ["key", "alliances", "organisations", "cents", "hours", "score"] as const;
export type ObservatoryColumn = (typeof OBSERVATORY_COLUMNS)[number];

/**
 * The observatory's tables: which scopes have them and which figures each publishes (a key is
 * always there). `total` is the one-row table of the scope.
 */
export const OBSERVATORY_TABLES = {
  total: { scopes: ["france", "region", "goal"], columns: ["alliances", "organisations", "cents", "hours"] },
  mode: { scopes: ["france", "region", "goal"], columns: ["alliances", "organisations"] },
  goal: { scopes: ["france", "region"], columns: ["alliances", "organisations"] },
  target: { scopes: ["france", "goal"], columns: ["alliances", "organisations"] },
  kind: { scopes: ["france", "region", "goal"], columns: ["alliances"] },
  orgkind: { scopes: ["france", "region", "goal"], columns: ["organisations"] },
  region: { scopes: ["france", "goal"], columns: ["alliances", "organisations"] },
  departement: { scopes: ["france", "region"], columns: ["alliances", "organisations"] },
  year: { scopes: ["france", "region", "goal"], columns: ["alliances", "organisations"] },
  trajectory: { scopes: ["france", "region", "goal"], columns: ["alliances", "organisations"] },
  trajectory_delay: { scopes: ["france"], columns: ["alliances"] },
  evaluation: { scopes: ["france", "region", "goal"], columns: ["alliances"] },
  score: { scopes: ["france", "region", "goal"], columns: ["alliances", "score"] },
  nature: { scopes: ["france", "region", "goal"], columns: ["alliances", "cents", "hours"] },
} as const satisfies Record<string, { scopes: readonly ObservatoryScope[]; columns: readonly ObservatoryColumn[] }>;
export type ObservatoryTable = keyof typeof OBSERVATORY_TABLES;
export const OBSERVATORY_TABLE_NAMES = Object.keys(OBSERVATORY_TABLES) as ObservatoryTable[];

export function isObservatoryTable(name: string): name is ObservatoryTable {
  return Object.hasOwn(OBSERVATORY_TABLES, name);
}

/** The SDG targets the mission puts forward: partnerships (multi-actor and public–private–civil society). */
export const HIGHLIGHTED_TARGETS = ["17.16", "17.17"] as const;

/**
 * The Observatoire des partenariats' published figures (Le RAMEAU, Comisis studies, 2015–2019),
 * for reading the register's figures against. They describe France; the register describes its
 * users. Shares of companies running partnerships that use each mode (several per company, so
 * they add up to more than 100 %); the mission's leaflet prints 42 % for pratiques
 * responsables, the published study 45 %.
 */
export const REFERENCE_STUDY = {
  partnerships: 1_200_000,
  associationsWithPartnerships: 0.53,
  companiesWithPartnerships: 0.37,
  evaluated: 0.2,
  modes: {
    pratiques_responsables: 0.45,
    mecenat: 0.3,
    cooperation_economique: 0.25,
    innovation_societale: 0.16,
  } satisfies Record<(typeof MODES)[number], number>,
} as const;

/** The licence of the open data, with its official text. */
export const OPEN_DATA_LICENCE = {
  name: "Licence Ouverte / Open Licence version 2.0",
  url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;

/** A figure of the observatory as read from the store: null when hidden (fewer than 3 alliances or 3 organisations). */
export interface ObservatoryRow {
  key: string;
  alliances: number | null;
  organisations: number | null;
  cents: number | null;
  hours: number | null;
  score: number | null;
}
