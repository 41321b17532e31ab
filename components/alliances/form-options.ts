import "server-only";
import { DEFAULT_ENGAGEMENT_SCHEMES, DEFAULT_PARTNER_ROLES } from "@/domain/alliances";
import { territory } from "@/domain/territory-data";

/** An entry of an extendable list: a default (label in messages, `label` null) or the workspace's own. */
export interface ListEntry {
  key: string;
  label: string | null;
}

/** The lists the alliance form offers, built on the server (territory data never reaches the browser whole). */
export function allianceFormOptions(
  codes: string[] = [],
  lists: { partnerRoles: ListEntry[]; engagementSchemes: ListEntry[] } = {
    partnerRoles: DEFAULT_PARTNER_ROLES.map((key) => ({ key, label: null })),
    engagementSchemes: DEFAULT_ENGAGEMENT_SCHEMES.map((key) => ({ key, label: null })),
  },
) {
  const index = territory();
  const regions = [...index.regions.values()]
    .filter((r) => r.population > 0)
    .sort((a, b) => a.name.localeCompare(b.name, "fr"))
    .map((r) => ({ code: r.code, label: r.name }));
  const departements = [...index.departements.values()]
    .filter((d) => d.population > 0)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({ code: d.code, label: `${d.code} ${d.name}` }));
  const placeLabels: Record<string, string> = {};
  for (const code of codes) {
    const commune = index.communes.get(code);
    placeLabels[code] =
      (commune && `${commune.name} (${commune.departement})`) ||
      index.regions.get(code)?.name ||
      (index.departements.get(code) && `${code} ${index.departements.get(code)!.name}`) ||
      (index.epci.get(code)?.name ?? code);
  }
  return { regions, departements, placeLabels, roles: lists.partnerRoles, schemes: lists.engagementSchemes };
}
