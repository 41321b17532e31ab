/**
 * French administrative territory: régions, départements, EPCI and communes, with the lookups
 * the registry needs. Pure: the data is handed in (see territory-data.ts for the loader).
 */

export interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
}
export interface RawDepartement {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
export interface RawRegion {
  code: string;
  nom: string;
  zone: string;
}
export interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: Array<{ code: string }>;
}

export interface Commune {
  code: string;
  name: string;
  departement: string;
  region: string;
  postalCodes: string[];
  population: number;
  epci: string | null;
}
export interface Departement {
  code: string;
  name: string;
  region: string;
  population: number;
}
export interface Region {
  code: string;
  name: string;
  population: number;
}
export interface Epci {
  code: string;
  name: string;
  type: string;
  population: number;
  members: string[];
}

export interface TerritoryIndex {
  regions: Map<string, Region>;
  departements: Map<string, Departement>;
  communes: Map<string, Commune>;
  epci: Map<string, Epci>;
  /** Communes with their normalised name, most populated first (search order). */
  searchable: Array<{ commune: Commune; name: string; tails: string[]; codes: string[] }>;
}

/** Lower case, no accents, hyphens and apostrophes as spaces: "Saint-Étienne" → "saint etienne". */
export function normalizeForSearch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/[-'’\s]+/g, " ")
    .trim();
}

/** Builds the lookup maps once; départements and régions get the sum of their communes' population. */
export function buildTerritoryIndex(raw: {
  communes: RawCommune[];
  departements: RawDepartement[];
  regions: RawRegion[];
  epci: RawEpci[];
}): TerritoryIndex {
  const epciOf = new Map<string, string>();
  const epci = new Map<string, Epci>();
  for (const e of raw.epci) {
    const members = e.membres.map((m) => m.code);
    members.forEach((code) => epciOf.set(code, e.code));
    epci.set(e.code, { code: e.code, name: e.nom, type: e.type, population: e.populationMunicipale ?? 0, members });
  }
  const communes = new Map<string, Commune>();
  for (const c of raw.communes) {
    if (c.type !== "commune-actuelle" || !c.departement || !c.region) continue;
    communes.set(c.code, {
      code: c.code,
      name: c.nom,
      departement: c.departement,
      region: c.region,
      postalCodes: c.codesPostaux ?? [],
      population: c.population ?? 0,
      epci: epciOf.get(c.code) ?? null,
    });
  }
  const depPopulation = new Map<string, number>();
  for (const c of communes.values())
    depPopulation.set(c.departement, (depPopulation.get(c.departement) ?? 0) + c.population);
  const departements = new Map<string, Departement>(
    raw.departements.map((d) => [
      d.code,
      { code: d.code, name: d.nom, region: d.region, population: depPopulation.get(d.code) ?? 0 },
    ]),
  );
  const regPopulation = new Map<string, number>();
  for (const d of departements.values()) regPopulation.set(d.region, (regPopulation.get(d.region) ?? 0) + d.population);
  const regions = new Map<string, Region>(
    raw.regions.map((r) => [r.code, { code: r.code, name: r.nom, population: regPopulation.get(r.code) ?? 0 }]),
  );
  const searchable = [...communes.values()]
    .sort((a, b) => b.population - a.population)
    .map((commune) => {
      const name = normalizeForSearch(commune.name);
      const words = name.split(" ");
      // The name from each later word on ("la rochelle" → ["rochelle"]), for in-name matches.
      const tails = words.slice(1).map((_, i) => words.slice(i + 1).join(" "));
      return { commune, name, tails, codes: [commune.code.toLowerCase(), ...commune.postalCodes] };
    });
  return { regions, departements, communes, epci, searchable };
}

/**
 * Type-ahead over communes: digits match the start of a postal code or INSEE code; words
 * match the start of the name or of any word in it, accents and case ignored. Names that
 * start with the query come first, then the most populated.
 */
export function searchCommunes(index: TerritoryIndex, query: string, limit = 10): Commune[] {
  const q = normalizeForSearch(query);
  if (q.length === 0) return [];
  if (/^[0-9][0-9ab]*$/i.test(q)) {
    const found: Commune[] = [];
    for (const { commune, codes } of index.searchable) {
      if (codes.some((c) => c.startsWith(q))) found.push(commune);
      if (found.length >= limit) break;
    }
    return found;
  }
  const starts: Commune[] = [];
  const inside: Commune[] = [];
  for (const entry of index.searchable) {
    if (entry.name.startsWith(q)) {
      starts.push(entry.commune);
      if (starts.length >= limit) break;
    } else if (inside.length < limit && entry.tails.some((tail) => tail.startsWith(q))) {
      inside.push(entry.commune);
    }
  }
  return [...starts, ...inside].slice(0, limit);
}

/** "Which département and région is this commune in?" */
export function locateCommune(index: TerritoryIndex, code: string) {
  const commune = index.communes.get(code);
  if (!commune) return null;
  return {
    commune,
    departement: index.departements.get(commune.departement) ?? null,
    region: index.regions.get(commune.region) ?? null,
  };
}

/** "Which communes are in this EPCI?" */
export function communesOfEpci(index: TerritoryIndex, epciCode: string): Commune[] {
  return (index.epci.get(epciCode)?.members ?? [])
    .map((code) => index.communes.get(code))
    .filter((c): c is Commune => Boolean(c));
}

export function departementsOfRegion(index: TerritoryIndex, regionCode: string): Departement[] {
  return [...index.departements.values()].filter((d) => d.region === regionCode);
}

/** The levels an alliance's territory can be given at. */
export const TERRITORY_LEVELS = ["national", "region", "departement", "epci", "commune"] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/**
 * The département and région a territory code belongs to, for indexable filters. An EPCI
 * spanning several départements keeps only its région when all members share one.
 */
export function territoryParents(
  index: TerritoryIndex,
  level: TerritoryLevel,
  code: string,
): { departementCode: string | null; regionCode: string | null } | null {
  switch (level) {
    case "national":
      return code === "FR" ? { departementCode: null, regionCode: null } : null;
    case "region":
      return index.regions.has(code) ? { departementCode: null, regionCode: code } : null;
    case "departement": {
      const d = index.departements.get(code);
      return d ? { departementCode: d.code, regionCode: d.region } : null;
    }
    case "commune": {
      const c = index.communes.get(code);
      return c ? { departementCode: c.departement, regionCode: c.region } : null;
    }
    case "epci": {
      const members = communesOfEpci(index, code);
      if (members.length === 0) return null;
      const deps = new Set(members.map((m) => m.departement));
      const regs = new Set(members.map((m) => m.region));
      return {
        departementCode: deps.size === 1 ? [...deps][0]! : null,
        regionCode: regs.size === 1 ? [...regs][0]! : null,
      };
    }
  }
}
