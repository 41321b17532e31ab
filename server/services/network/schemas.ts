import { z } from "zod";
import { LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";
import { TERRITORY_LEVELS } from "../../../domain/territory";

/** The network's filters, kept in the URL: unknown values are dropped, not refused. */
export const NetworkFilters = z.object({
  mode: z.enum(MODES).optional().catch(undefined),
  sdgGoal: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
  stage: z.enum(LIFECYCLE_STAGES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
export type NetworkFilters = z.infer<typeof NetworkFilters>;

/** A coordinator's network: an area of one of its approved territories, with the same filters. */
export const TerritoryNetworkInput = NetworkFilters.extend({
  level: z.enum(TERRITORY_LEVELS.filter((l) => l === "region" || l === "departement") as ["region", "departement"]),
  code: z.string().trim().min(2).max(3),
});
export type TerritoryNetworkInput = z.infer<typeof TerritoryNetworkInput>;
