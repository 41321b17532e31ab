import { z } from "zod";
import { LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";

/** The filters every dashboard takes, kept in the URL. Unknown values are dropped, not refused. */
export const DashboardFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  mode: z.enum(MODES).optional().catch(undefined),
  sdgGoal: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  departement: z
    .string()
    .regex(/^(\d{2,3}|2A|2B)$/)
    .optional()
    .catch(undefined),
  stage: z.enum(LIFECYCLE_STAGES).optional().catch(undefined),
});
