import { z } from "zod";
import { departementFilter, regionFilter } from "../shared-schemas";
import { LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";
import { PRIMARY_WEIGHTS } from "../../../domain/allocation";

/** The filters every dashboard takes, kept in the URL. Unknown values are dropped, not refused. */
export const DashboardFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  mode: z.enum(MODES).optional().catch(undefined),
  sdgGoal: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
  region: regionFilter,
  departement: departementFilter,
  stage: z.enum(LIFECYCLE_STAGES).optional().catch(undefined),
});

export const SdgReportInput = z.object({
  year: z.number().int().min(2000).max(2100),
  /** One goal only, with all its rows. */
  goal: z.number().int().min(1).max(17).optional(),
  /** Every row of every goal (the exports); otherwise each goal shows ROWS_PER_GOAL rows (sdg-report.ts). */
  full: z.boolean().optional(),
  /** How much the primary target weighs against each other one when contributions are divided (domain/allocation.ts). */
  primaryWeight: z
    .number()
    .refine((w) => (PRIMARY_WEIGHTS as readonly number[]).includes(w), { message: "errors.report.primaryWeight" })
    .optional(),
});

export const SaveNarrativeInput = z.object({
  year: z.number().int().min(2000).max(2100),
  goal: z.number().int().min(1).max(17),
  text: z.string().trim().max(5000, { message: "errors.report.narrative" }),
  version: z.number().int().min(0),
});
