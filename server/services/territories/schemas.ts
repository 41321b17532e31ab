import { z } from "zod";
import { LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";

export const RequestCoordinationInput = z.object({
  level: z.enum(["region", "departement"]),
  code: z.string().regex(/^(\d{2,3}|2A|2B)$/, { message: "errors.territory.unknown" }),
  reason: z.string().trim().max(1000).nullish(),
});

export const StatisticsInput = z.object({ enabled: z.boolean() });

export const DecideInput = z.object({ id: z.uuid(), approve: z.boolean() });

export const TerritoryDashboardInput = z.object({
  level: z.enum(["france", "region", "departement"]).default("france"),
  code: z
    .string()
    .regex(/^(\d{2,3}|2A|2B)$/)
    .nullish(),
  // The same filters as the other dashboards (territory is the level and code above).
  mode: z.enum(MODES).nullish(),
  sdgGoal: z.number().int().min(1).max(17).nullish(),
  stage: z.enum(LIFECYCLE_STAGES).nullish(),
  year: z.number().int().min(2000).max(2100).nullish(),
});
