import { z } from "zod";
import { MATURITY_AXES } from "../../../domain/maturity";

const level = z.number().int().min(1).max(4);

/** A member's levels, axis by axis (an axis left out is not answered). */
export const SaveMaturityAnswersInput = z.object({
  assessmentId: z.uuid(),
  levels: z.partialRecord(z.enum(MATURITY_AXES), level),
});
export type SaveMaturityAnswersInput = z.infer<typeof SaveMaturityAnswersInput>;

export const AssessmentIdInput = z.object({ assessmentId: z.uuid(), version: z.number().int().min(1) });
