import { z } from "zod";
import { GUIDE_ANSWER_MAX, GUIDE_STAGES } from "../../../domain/guide";

export const AnswerGuideInput = z.object({
  allianceId: z.uuid(),
  stage: z.enum(GUIDE_STAGES),
  questionKey: z.string().max(60),
  answer: z
    .string()
    .trim()
    .min(1, { message: "errors.guide.answer" })
    .max(GUIDE_ANSWER_MAX, { message: "errors.guide.answer" }),
  /** The answer the author read before writing (null when there was none): a newer one is a CONFLICT. */
  basedOn: z.uuid().nullable(),
});
export type AnswerGuideInput = z.infer<typeof AnswerGuideInput>;

export const SaveGuideWordingInput = z.object({
  /** "stage.key" → the workspace's own wording (blank: the product's). */
  wording: z.record(z.string().max(80), z.string().max(300, { message: "errors.guide.wording" })),
  version: z.number().int().min(1),
});
export type SaveGuideWordingInput = z.infer<typeof SaveGuideWordingInput>;
