import { z } from "zod";
import { QUESTION_DIMENSIONS, SCORE_MAX, SCORE_MIN } from "../../../domain/evaluation";
import { INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES } from "../../../domain/evaluation";

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

const amount = z.number({ message: "errors.indicator.number" }).finite().min(-1e13).max(1e13);

export const AddIndicatorInput = z.object({
  allianceId: z.uuid(),
  libraryKey: z.string().max(60).nullish(),
  name: z.string().trim().min(2, { message: "errors.indicator.name" }).max(200),
  unit: z.string().trim().min(1, { message: "errors.indicator.unit" }).max(40),
  dimension: z.enum(["performance", "innovation", "confiance"]),
  sdgTarget: z.string().max(10).nullish(),
  direction: z.enum(INDICATOR_DIRECTIONS),
  baseline: amount.nullish(),
  target: amount.nullish(),
  frequency: z.enum(INDICATOR_FREQUENCIES),
});

export const AddResultInput = z.object({
  allianceId: z.uuid(),
  indicatorId: z.uuid(),
  period: z.string().trim().min(1, { message: "errors.indicator.period" }).max(40),
  periodEnd: z.iso.date({ message: "errors.dates.format" }),
  value: amount,
  note: z.string().trim().max(2000).nullish(),
  evidenceUrl: z.url({ protocol: /^https?$/, message: "errors.evaluation.evidence" }).nullish(),
});

export const DeleteResultInput = z.object({ allianceId: z.uuid(), resultId: z.uuid() });
