import type { Db } from "../../../db/client";
import {
  OBSERVATORY_TABLE_NAMES,
  OBSERVATORY_TABLES,
  type ObservatoryRow,
  type ObservatoryTable,
} from "../../../domain/observatory";
import { territory } from "../../../domain/territory-data";
import { AppError } from "../../errors";
import { readFigures } from "./read-figures";
import type { ObservatoryScopeInput } from "./schemas";

/** The name of a région or département code, or the code itself when the index does not know it (a collectivité d'outre-mer). */
export function placeName(table: "region" | "departement", code: string) {
  const index = territory();
  return (table === "region" ? index.regions.get(code)?.name : index.departements.get(code)?.name) ?? code;
}

/**
 * Everything the observatory page of one scope shows: every table the scope has, from the
 * published figures, with place names, the régions and goals to move to, and the date of the
 * figures (null before the first computation). An unknown région is not found.
 */
export async function getObservatory(db: Db, input: ObservatoryScopeInput) {
  const index = territory();
  if (input.scope === "region" && !index.regions.has(input.code))
    throw new AppError("NOT_FOUND", "errors.observatory.unknownRegion", { code: input.code });
  const { refreshedAt, sections } = await readFigures(db, input.scope, input.code);
  const tables = Object.fromEntries(
    OBSERVATORY_TABLE_NAMES.filter((t) =>
      (OBSERVATORY_TABLES[t].scopes as readonly string[]).includes(input.scope),
    ).map((t) => [t, sections.get(t) ?? []]),
  ) as Partial<Record<ObservatoryTable, ObservatoryRow[]>>;
  const total = tables.total?.[0] ?? null;
  const evaluated = tables.evaluation?.find((r) => r.key === "evaluated")?.alliances ?? null;
  return {
    scope: input.scope,
    code: input.code,
    name: input.scope === "region" ? placeName("region", input.code) : null,
    refreshedAt,
    total,
    /** Share of the counted alliances evaluated in the last 12 months, from the two published counts. */
    evaluatedShare:
      total?.alliances && evaluated !== null ? Math.round((evaluated / total.alliances) * 1000) / 1000 : null,
    tables,
    names: {
      region: Object.fromEntries((tables.region ?? []).map((r) => [r.key, placeName("region", r.key)])),
      departement: Object.fromEntries((tables.departement ?? []).map((r) => [r.key, placeName("departement", r.key)])),
    },
    regions: [...index.regions.values()]
      .map((r) => ({ code: r.code, name: r.name }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}
