import { z } from "zod";
import { QUESTION_DIMENSIONS, SCORE_MAX, SCORE_MIN } from "../../../domain/evaluation";

const isoDate = z.iso.date({ message: "errors.dates.format" });

export const OpenCycleInput = z.object({
  allianceId: z.uuid(),
  period: z
    .string()
    .trim()
    .min(1, { message: "errors.evaluation.period" })
    .max(40, { message: "errors.evaluation.period" }),
  dueOn: isoDate,
});

export const SubmitAnswersInput = z.object({
  cycleId: z.uuid(),
  answers: z
    .array(
      z.object({
        questionKey: z.string().min(1).max(60),
        score: z
          .number()
          .int()
          .min(SCORE_MIN, { message: "errors.evaluation.score" })
          .max(SCORE_MAX, { message: "errors.evaluation.score" }),
        justification: z.string().trim().min(1, { message: "errors.evaluation.justification" }).max(2000),
        evidence: z
          .array(z.url({ protocol: /^https?$/, message: "errors.evaluation.evidence" }))
          .max(5)
          .default([]),
      }),
    )
    .min(1)
    .max(40),
});

export const CycleIdInput = z.object({ cycleId: z.uuid() });

export const QuestionnaireInput = z.object({
  questions: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9_]{1,60}$/),
        dimension: z.enum(QUESTION_DIMENSIONS),
        label: z.string().trim().min(5, { message: "errors.evaluation.questionLabel" }).max(300).nullable(),
      }),
    )
    .min(1, { message: "errors.evaluation.noQuestions" })
    .max(30),
});

export const AtRiskInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
